import { UserError } from '../src/errors.js';
import { defineCommand, flagRuleOf, type CommandDefinition, type ExecContext } from '../src/core/command.js';
import type { Lang } from '../src/core/flag-spec.js';
import { parseImageRef } from '../src/core/image-ref.js';
import { flagString } from '../src/core/parse-flags.js';
import type { Reply } from '../src/core/reply.js';
import { formatTable } from '../src/core/table.js';
import { CONCEPTS, findConcept } from '../src/explain/concepts.js';
import { explainCommandLine } from '../src/explain/explain-command.js';
import { renderJobExplanation } from '../src/explain/explain-job.js';
import { renderCommandExplanation, renderConcept, renderConceptList } from '../src/explain/render-explanation.js';
import { msg, say } from '../src/core/messages/index.js';
import { allCommands, lookupCommand, suggestCommand } from '../src/explain/cli/reference.js';
import { explainDockerWords } from '../src/explain/cli/explain-cli.js';
import { explainLine, renderLine } from '../src/explain/explain-line.js';
import { looksLikeShell } from '../src/explain/shell-line.js';
import { joinArgv } from '../src/core/argv.js';
import { ownJob } from './shared/jobs.js';

interface ExplainArgs {
  words: string[];
  lang?: Lang;
}

export const explain: CommandDefinition<ExplainArgs> = defineCommand<ExplainArgs>({
  name: 'explain',
  aliases: [],
  summary: {
    en: 'Explain a command flag by flag, an image name, a concept, or a job — without running anything',
    ko: '명령을 플래그별로, 이미지 이름, 개념, 작업을 설명한다 — 아무것도 실행하지 않는다',
  },
  usage: 'explain [--lang ko|en] COMMAND LINE | CONCEPT | IMAGE | job ID',
  flags: [{ long: 'lang', type: 'string', en: 'Language of the explanation: ko or en', ko: '설명 언어: ko 또는 en' }],
  positionals: [
    {
      name: 'what',
      variadic: true,
      en: 'A docker command line, a concept, an image, or job ID',
      ko: 'docker 명령, 개념, 이미지, 또는 job ID',
    },
  ],
  chatOptions: ['lang'],
  interspersed: false,
  access: 'read',
  runsOn: 'bot',
  build(parsed) {
    const lang = flagString(parsed, 'lang');
    if (lang !== undefined && lang !== 'ko' && lang !== 'en') throw new UserError('bad-value', msg('explain.badLang', { s: lang }));
    return { words: parsed.positionals, lang };
  },
  async execute(ctx): Promise<Reply> {
    // `--lang` is explain's own option wherever it stands, never a flag of the explained command.
    const at = ctx.args.words.indexOf('--lang');
    const langWord = at >= 0 ? ctx.args.words[at + 1] : undefined;
    const lang = langWord === 'ko' || langWord === 'en' ? langWord : (ctx.args.lang ?? ctx.lang);
    const all = at >= 0 && langWord ? [...ctx.args.words.slice(0, at), ...ctx.args.words.slice(at + 2)] : ctx.args.words;
    const words = all[0] === 'docker' ? all.slice(1) : all;
    if (words.length === 0) return overview(lang);
    if (words[0] === 'job' && words.length === 2) {
      return renderJobExplanation(await ownJob(ctx, words[1]!, true), lang);
    }
    const line = joinArgv(all);
    const cli = lookupCommand(words);
    const shell = looksLikeShell(words.join(' '));
    // A concept by any of its names, or a question about one (`이미지와 컨테이너 차이`, `VM vs container`).
    const concept = words.length <= 12 && !shell ? findConcept(words.join(' ')) : undefined;
    // A management command alone (`container`, `image`) is its concept; `images` or `stats` is the command; words
    // that start like a command but are no Docker line (`container vs image`) are a question.
    const management = cli && cli.words === words.length && cli.command.subcommands.length > 0;
    if (concept && (!cli || management || explainDockerWords(words).unknown > 0)) return renderConcept(concept, lang);
    const found = ctx.registry.lookup(words);
    if (!shell && found && found.words === words.length && found.definition.name !== 'explain') return commandFlags(found.definition, lang);
    if (!shell && words[0]!.startsWith('-') && words.length === 1) return loneFlag(words[0]!, lang);
    if (!shell && !cli && words.length === 1 && !suggestCommand(words[0]!) && isImageName(words[0]!))
      return explainImageOnly(words[0]!, ctx, lang);
    const e = explainLine(line, (w) => ctx.registry.lookup(w)?.spelling);
    const reply = renderLine(`/docker ${line}`, e, lang);
    if (!shell && found && e.unknown === 0) {
      const verdict = explainCommandLine(words, { who: ctx.who, settings: ctx.settings, registry: ctx.registry }, lang);
      reply.fields = [
        ...(reply.fields ?? []),
        ...renderCommandExplanation(verdict, lang).fields!.filter((f) => f.name !== say('explain.longForm', lang)),
      ];
    }
    return reply;
  },
});

/** A flag alone (`-it`, `--rm`): what it means in each Docker command that has it. */
function loneFlag(word: string, lang: Lang): Reply {
  const names = word.startsWith('--') ? [word.slice(2)] : [...word.slice(1)];
  const rows = names.flatMap((n) => {
    const owners = allCommands().filter((c) => !c.plugin && c.flags.some((f) => (word.startsWith('--') ? f.long === n : f.short === n)));
    const first = owners.find((c) => c.path === 'container run') ?? owners[0];
    if (!first) return [[`-${n}`, say('explain.loneFlag.none', lang)]];
    const e = explainLine(`${first.path} ${word.startsWith('--') ? word : `-${n}`}`, () => undefined);
    const seg = e.rows[e.rows.length - 1]!;
    return [
      [
        seg.text,
        `${seg.meaning[lang]} (${owners
          .slice(0, 6)
          .map((c) => c.path)
          .join(', ')}${owners.length > 6 ? ', …' : ''})`,
      ],
    ];
  });
  return {
    status: 'info',
    title: say(msg('explain.title', { s: word }), lang),
    code: { text: rows.map(([a, b]) => `${a}\n    ${b}`).join('\n') },
  };
}

function isImageName(word: string): boolean {
  try {
    parseImageRef(word);
    return true;
  } catch {
    return false;
  }
}

/** An image name alone: explained as `pull` would take it. */
function explainImageOnly(word: string, ctx: ExecContext<ExplainArgs>, lang: Lang): Reply {
  return renderCommandExplanation(
    explainCommandLine(['pull', word], { who: ctx.who, settings: ctx.settings, registry: ctx.registry }, lang),
    lang,
  );
}

/** `explain run`: every flag of the command with what Stevedore does with it. */
function commandFlags(d: CommandDefinition<any>, lang: Lang): Reply {
  const rows = d.flags.map((f) => {
    const rule = flagRuleOf(d, f.long);
    return [
      `${f.short ? `-${f.short}, ` : ''}--${f.long}`,
      say(`explain.verdict.${rule.verdict}`, lang),
      `${f[lang]}${rule.why[lang] ? ` — ${rule.why[lang]}` : ''}`,
    ];
  });
  return {
    status: 'info',
    title: say(msg('explain.commandTitle', { a: d.name, b: d.summary[lang] }), lang),
    body: say(msg('explain.usage', { s: `/docker ${d.usage}` }), lang),
    code: {
      text: formatTable([say('explain.flagsHeader', lang), say('explain.verdictHeader', lang), say('explain.meaningHeader', lang)], rows),
    },
  };
}

function overview(lang: Lang): Reply {
  return {
    status: 'info',
    title: '/docker explain',
    body: say('explain.overview', lang),
    code: { text: renderConceptList(CONCEPTS, lang) },
  };
}
