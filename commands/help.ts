import { UserError } from '../src/errors.js';
import { defineCommand, type CommandDefinition } from '../src/core/command.js';
import { IMAGE_ALIASES } from '../src/core/catalog.js';
import type { Lang } from '../src/core/flag-spec.js';
import { msg, say } from '../src/core/messages/index.js';
import type { Reply } from '../src/core/reply.js';
import { formatTable } from '../src/core/table.js';

export const help = defineCommand<{ topic?: string }>({
  name: 'help',
  aliases: ['--help', '-h'],
  summary: { en: 'List the commands, or show how to use one', ko: '명령 목록이나 한 명령의 사용법을 보여 준다' },
  usage: 'help [COMMAND]',
  flags: [],
  positionals: [{ name: 'command', en: 'A command to describe', ko: '설명할 명령' }],
  interspersed: true,
  access: 'read',
  runsOn: 'bot',
  build(parsed, env) {
    const topic = parsed.positionals.join(' ') || undefined;
    if (topic && !env.registry.get(topic))
      throw new UserError('unknown-command', msg('command.unknown', { word: topic }), msg('command.seeHelp'));
    return { topic };
  },
  async execute(ctx) {
    return ctx.args.topic ? commandHelp(ctx.registry.get(ctx.args.topic)!, ctx.lang) : overview(ctx.registry.all, ctx.lang);
  },
});

function overview(listed: readonly CommandDefinition<any>[], lang: Lang): Reply {
  const rows = listed.map((d) => [d.name, d.summary[lang]]);
  const aliases = IMAGE_ALIASES.map(
    (a) => `${a.alias} → ${a.image}${a.command.length ? ` (${a.command.join(' ')})` : ''}: ${a.about[lang]}`,
  );
  return {
    status: 'info',
    title: say('help.title', lang),
    body: say('help.body', lang),
    code: { text: formatTable([say('column.command', lang), say('column.whatItDoes', lang)], rows) },
    fields: [{ name: say('help.aliases', lang), value: aliases.join('\n') }],
  };
}

function commandHelp(d: CommandDefinition<any>, lang: Lang): Reply {
  const flagRows = d.flags.map((f) => [
    `${f.short ? `-${f.short}, ` : '    '}--${f.long}${f.type === 'bool' ? '' : ` ${f.type}`}`,
    f[lang],
  ]);
  const text = [
    `${say('help.usage', lang)}  /docker ${d.usage}`,
    '',
    d.summary[lang],
    ...(d.aliases.length
      ? [
          '',
          `${say('help.commandAliases', lang)} ${d.aliases
            .filter((a) => !a.startsWith('-'))
            .map((a) => `/docker ${a}`)
            .join(', ')}`,
        ]
      : []),
    ...(flagRows.length ? ['', say('help.options', lang), formatTable(['', ''], flagRows).split('\n').slice(1).join('\n')] : []),
  ].join('\n');
  return {
    status: 'info',
    title: `/docker ${d.name}`,
    body: d.name === 'run' ? say('help.explainRun', lang) : undefined,
    code: { text },
  };
}
