import { quoteArg } from '../../core/argv.js';
import type { CommandDefinition, CommandRegistry, PositionalSpec } from '../../core/command.js';
import type { FlagSpec } from '../../core/flag-spec.js';

/** Discord's application command option types used here. */
const SUB_COMMAND = 1;
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const ATTACHMENT = 11;

export interface ChatOption {
  name: string;
  type: typeof STRING | typeof INTEGER | typeof BOOLEAN | typeof ATTACHMENT;
  required: boolean;
  description: { en: string; ko: string };
  autocomplete?: boolean;
  flag?: FlagSpec;
  positional?: PositionalSpec;
  /** The free-text option holding any other flags, as typed. */
  rest?: boolean;
}

const fit = (text: string) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`);
const optionName = (p: PositionalSpec) => (p.name === 'command' ? 'args' : p.name);
const AUTOCOMPLETE = new Set(['image', 'container']);

/** The typed options of one subcommand, from its definition: required positionals first, as Discord demands. */
export function chatOptions(d: CommandDefinition<any>): ChatOption[] {
  const positionals = d.positionals.map((p): ChatOption => ({
    name: optionName(p),
    type: STRING,
    required: Boolean(p.required),
    description: { en: p.en, ko: p.ko },
    autocomplete: AUTOCOMPLETE.has(p.name),
    positional: p,
  }));
  const flags = (d.chatOptions ?? []).map((long): ChatOption => {
    const flag = d.flags.find((f) => f.long === long)!;
    return {
      name: long,
      type: flag.type === 'bool' ? BOOLEAN : flag.type === 'int' ? INTEGER : STRING,
      required: false,
      description: { en: flag.en, ko: flag.ko },
      flag,
    };
  });
  const offered = d.flags.filter((f) => !d.refused?.[f.long] && !(d.chatOptions ?? []).includes(f.long));
  const rest: ChatOption[] = offered.length
    ? [
        {
          name: 'flags',
          type: STRING,
          required: false,
          rest: true,
          description: {
            en: 'More flags, as you would type them (e.g. -e A=1 -m 128m)',
            ko: '그 밖의 플래그를 입력하듯이 적는다 (예: -e A=1 -m 128m)',
          },
        },
      ]
    : [];
  // A command that takes a file in (cp) gets an attachment option; its file name stands for the source word.
  const file: ChatOption[] = d.uploadFrom
    ? [{ name: 'file', type: ATTACHMENT, required: false, description: { en: 'The file to copy in', ko: '넣을 파일' } }]
    : [];
  return [...positionals.filter((o) => o.required), ...flags, ...rest, ...positionals.filter((o) => !o.required), ...file];
}

/** The body of `PUT /applications/{id}/commands`: one /docker command with a subcommand per definition. */
export function registrationBody(registry: CommandRegistry): unknown[] {
  return [
    {
      name: 'docker',
      type: 1,
      description: 'Run and explain Docker commands in a sandbox',
      description_localizations: { ko: '샌드박스에서 Docker 명령을 실행하고 설명한다' },
      options: registry.all.map((d) => ({
        type: SUB_COMMAND,
        name: d.name,
        description: fit(d.summary.en),
        description_localizations: { ko: fit(d.summary.ko) },
        options: chatOptions(d).map((o) => ({
          type: o.type,
          name: o.name,
          description: fit(o.description.en),
          description_localizations: { ko: fit(o.description.ko) },
          required: o.required,
          ...(o.autocomplete ? { autocomplete: true } : {}),
        })),
      })),
    },
  ];
}

/** Typed options back to the command line a user would have typed: flags first, then the positionals. */
export function textFromOptions(d: CommandDefinition<any>, values: ReadonlyMap<string, string | number | boolean>): string {
  const words: string[] = [d.name];
  const options = chatOptions(d);
  for (const o of options.filter((x) => x.flag)) {
    const v = values.get(o.name);
    if (v === undefined || v === false) continue;
    words.push(v === true ? `--${o.flag!.long}` : `--${o.flag!.long} ${quoteArg(String(v))}`);
  }
  const rest = values.get('flags');
  if (typeof rest === 'string' && rest.trim()) words.push(rest.trim());
  for (const o of options.filter((x) => x.positional)) {
    const v = values.get(o.name);
    if (v === undefined || v === '') continue;
    words.push(o.positional!.variadic ? String(v).trim() : quoteArg(String(v)));
  }
  return words.join(' ');
}
