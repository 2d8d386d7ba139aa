import { UserError } from '../src/errors.js';
import { defineCommand, type CommandDefinition } from '../src/core/command.js';
import { IMAGE_ALIASES } from '../src/core/catalog.js';
import type { Lang } from '../src/core/flag-spec.js';
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
      throw new UserError('unknown-command', `"${topic}" is not a /docker command.`, '`/docker help` lists the commands.');
    return { topic };
  },
  async execute(ctx) {
    return ctx.args.topic ? commandHelp(ctx.registry.get(ctx.args.topic)!, ctx.lang) : overview(ctx.registry.all, ctx.lang);
  },
});

function overview(listed: readonly CommandDefinition<any>[], lang: Lang): Reply {
  const rows = listed.map((d) => [d.name, d.summary[lang]]);
  const aliases = IMAGE_ALIASES.map((a) => `${a.alias} → ${a.image}${a.command.length ? ` (${a.command.join(' ')})` : ''}`);
  return {
    status: 'info',
    title: lang === 'ko' ? '/docker 명령' : '/docker commands',
    body:
      lang === 'ko'
        ? '예: `/docker run whalesay boo`. `/docker help run`은 한 명령의 사용법을 보여 준다.'
        : 'Try `/docker run whalesay boo`. `/docker help run` shows one command in full.',
    code: { text: formatTable(['COMMAND', lang === 'ko' ? '설명' : 'WHAT IT DOES'], rows) },
    fields: [{ name: lang === 'ko' ? '이미지 별칭' : 'Image aliases', value: aliases.join('\n') }],
  };
}

function commandHelp(d: CommandDefinition<any>, lang: Lang): Reply {
  const flagRows = d.flags.map((f) => [
    `${f.short ? `-${f.short}, ` : '    '}--${f.long}${f.type === 'bool' ? '' : ` ${f.type}`}`,
    f[lang],
  ]);
  const text = [
    `Usage:  /docker ${d.usage}`,
    '',
    d.summary[lang],
    ...(d.aliases.length
      ? [
          '',
          `Aliases: ${d.aliases
            .filter((a) => !a.startsWith('-'))
            .map((a) => `/docker ${a}`)
            .join(', ')}`,
        ]
      : []),
    ...(flagRows.length ? ['', 'Options:', formatTable(['', ''], flagRows).split('\n').slice(1).join('\n')] : []),
  ].join('\n');
  return {
    status: 'info',
    title: `/docker ${d.name}`,
    body:
      d.name === 'run'
        ? lang === 'ko'
          ? '`/docker explain run`은 Stevedore가 각 플래그를 어떻게 다루는지 보여 준다.'
          : '`/docker explain run` shows what Stevedore does with each flag.'
        : undefined,
    code: { text },
  };
}
