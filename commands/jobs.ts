import { defineCommand } from '../src/core/command.js';
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
    const everyone = ctx.args.all && ctx.who.admin;
    const list = await ctx.jobs.jobs({ owner: everyone ? undefined : ownerId(ctx.who), limit: 15 });
    const rows = list.map((j) => [
      `#${j.id}`,
      j.state + (j.position ? ` (${j.position})` : ''),
      ...(everyone ? [j.who.userName ?? j.who.userId] : []),
      ellipsis(withoutPrefix(j.text), 36),
      formatAge(j.createdMs),
      j.finishedMs && j.startedMs ? formatDuration(j.finishedMs - j.startedMs) : '',
      j.outcome ? String(j.outcome.exitCode) : '',
    ]);
    const header = ['JOB', 'STATE', ...(everyone ? ['USER'] : []), 'COMMAND', 'QUEUED', 'TOOK', 'EXIT'];
    const fields = [];
    if (ctx.who.admin) {
      const q = await ctx.jobs.queueSummary();
      fields.push(
        {
          name: 'Queue',
          value: `${q.counts.waiting ?? 0} waiting · ${q.counts.active ?? 0} active · ${q.counts.delayed ?? 0} delayed · ${q.counts.failed ?? 0} failed`,
        },
        { name: 'Workers alive', value: String(q.workers) },
      );
    }
    return {
      status: 'info',
      title: everyone ? 'Recent jobs' : 'Your recent jobs',
      body: list.length ? undefined : 'No jobs yet.',
      code: list.length ? { text: formatTable(header, rows) } : undefined,
      fields,
    };
  },
});
