import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { ellipsis, formatTable } from '../src/core/table.js';

export const audit = defineCommand<{ count: number }>({
  name: 'audit',
  aliases: ['admin audit'],
  summary: { en: 'Show the latest audit entries (admins)', ko: '최근 감사 기록을 보여 준다 (관리자)' },
  usage: 'audit [COUNT]',
  flags: [],
  positionals: [{ name: 'count', en: 'How many entries (default 20, at most 100)', ko: '보여 줄 개수 (기본 20, 최대 100)' }],
  interspersed: true,
  access: 'admin',
  runsOn: 'bot',
  build(parsed) {
    const text = parsed.positionals[0] ?? '20';
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new UserError('bad-value', msg('audit.badCount', { text }));
    return { count: Math.min(Number(text), 100) };
  },
  async execute(ctx) {
    const { lang } = ctx;
    const entries = await ctx.audit.recent(ctx.args.count);
    const rows = entries.map((e) => [
      new Date(e.at).toISOString().replace('T', ' ').slice(0, 19),
      // The platform's id is what identifies; the name beside it is what people recognise.
      `${e.platform}:${e.userId}${e.userName && e.userName !== e.userId ? ` (${e.userName})` : ''}`,
      e.channelId,
      e.verdict + (e.code ? ` (${e.code})` : ''),
      e.jobId ? `#${e.jobId}` : '',
      e.command ? ellipsis(e.command, 40) : e.exitCode !== undefined ? say(msg('audit.exit', { code: e.exitCode }), lang) : '',
    ]);
    return {
      status: 'info',
      title: say(msg('audit.title', { count: entries.length }), lang),
      code: {
        text: formatTable(
          (['column.time', 'column.user', 'column.channel', 'column.verdict', 'column.job', 'column.command'] as const).map((c) =>
            say(c, lang),
          ),
          rows,
        ),
      },
    };
  },
});
