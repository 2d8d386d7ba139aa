import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { withoutPrefix } from '../src/core/parse.js';
import { flagBool } from '../src/core/parse-flags.js';
import { ownerId } from '../src/core/request.js';
import { ellipsis, formatTable } from '../src/core/table.js';
import { formatAge, formatDuration } from '../src/core/units.js';

export const jobs = defineCommand<{ all: boolean }>({
  name: 'jobs',
  aliases: [],
  summary: { en: 'Your recent jobs; for admins, the queue and its workers', ko: '내 최근 작업 목록, 관리자에게는 큐와 워커 상태' },
  usage: 'jobs [-a]',
  flags: [{ long: 'all', short: 'a', type: 'bool', en: "Everyone's jobs (admins)", ko: '모든 사용자의 작업 (관리자)' }],
  positionals: [],
  chatOptions: ['all'],
  interspersed: true,
  access: 'read',
  runsOn: 'bot',
  build: (parsed) => ({ all: flagBool(parsed, 'all') }),
  async execute(ctx) {
    const { lang } = ctx;
    const everyone = ctx.args.all && ctx.who.admin;
    const list = await ctx.jobs.jobs({ owner: everyone ? undefined : ownerId(ctx.who), limit: 15 });
    const rows = list.map((j) => [
      `#${j.id}`,
      say(msg('jobs.state', { state: j.state }), lang) + (j.position ? ` (${j.position})` : ''),
      ...(everyone ? [j.who.userName ?? j.who.userId] : []),
      ellipsis(withoutPrefix(j.shownText), 36),
      formatAge(j.createdMs, undefined, lang),
      j.finishedMs && j.startedMs ? formatDuration(j.finishedMs - j.startedMs, lang) : '',
      j.outcome ? String(j.outcome.exitCode) : '',
    ]);
    const columns = [
      'column.job',
      'column.state',
      ...(everyone ? (['column.user'] as const) : []),
      'column.command',
      'column.queued',
      'column.took',
      'column.exit',
    ] as const;
    const header = columns.map((c) => say(c, lang));
    const fields = [];
    if (ctx.who.admin) {
      const q = await ctx.jobs.queueSummary();
      fields.push(
        {
          name: say('jobs.queue', lang),
          value: say(
            msg('jobs.queue.value', {
              waiting: q.counts.waiting ?? 0,
              active: q.counts.active ?? 0,
              delayed: q.counts.delayed ?? 0,
              failed: q.counts.failed ?? 0,
            }),
            lang,
          ),
        },
        { name: say('jobs.workers', lang), value: String(q.workers) },
      );
    }
    return {
      status: 'info',
      title: say(everyone ? 'jobs.title.all' : 'jobs.title.mine', lang),
      body: list.length ? undefined : say('jobs.none', lang),
      code: list.length ? { text: formatTable(header, rows) } : undefined,
      fields,
    };
  },
});
