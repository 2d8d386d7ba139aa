import { quoteArg } from '../../core/argv.js';
import { flagRuleOf, type CommandDefinition, type CommandRegistry, type PositionalSpec } from '../../core/command.js';
import type { FlagSpec } from '../../core/flag-spec.js';

/** Discord's application command option types used here. */
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
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

/**
 * The typed options of one subcommand, from its definition: required options first, as Discord demands. A command
 * that takes a file in (cp) gets an attachment option that stands for its source word, so the source is optional
 * there and the words after it (the destination) are required, as the Docker CLI requires them.
 */
export function chatOptions(d: CommandDefinition<any>): ChatOption[] {
  const positionals = d.positionals.map((p, index): ChatOption => ({
    name: optionName(p),
    type: STRING,
    required: d.uploadFrom ? index > 0 : Boolean(p.required),
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
  const offered = d.flags.filter((f) => flagRuleOf(d, f.long).verdict !== 'refused' && !(d.chatOptions ?? []).includes(f.long));
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
  const file: ChatOption[] = d.uploadFrom
    ? [
        {
          name: FILE_OPTION,
          type: ATTACHMENT,
          required: false,
          description: { en: 'The file to copy in (it stands for the source)', ko: '넣을 파일 (source 대신 쓴다)' },
        },
      ]
    : [];
  return [...positionals.filter((o) => o.required), ...file, ...flags, ...rest, ...positionals.filter((o) => !o.required)];
}

/** The attachment option of a command that takes a file in. */
export const FILE_OPTION = 'file';

/** Discord's limit on options, subcommands and subcommand groups at each level of one command. */
export const MAX_PER_LEVEL = 25;

/** Where one definition sits under /docker: a subcommand, or a subcommand of a group (`/docker image pull`). */
export interface CommandPlace {
  group?: string;
  name: string;
  definition: CommandDefinition<any>;
}

/**
 * Where each definition goes under /docker. Up to 25 definitions are subcommands of their own; past that, the fewest
 * needed are grouped by the Docker CLI's own management commands, read from their aliases (`container exec` → group
 * `container`, subcommand `exec`), the last in help's order first, so the headline commands (`run`, `ps`, `logs`…)
 * stay where users type them. Throws when even that does not fit.
 */
export function commandTree(definitions: readonly CommandDefinition<any>[], max = MAX_PER_LEVEL): CommandPlace[] {
  const places: CommandPlace[] = definitions.map((definition) => ({ name: definition.name, definition }));
  const top = () => places.filter((p) => !p.group).length + new Set(places.map((p) => p.group).filter(Boolean)).size;
  const taken = new Set<string>();
  for (const place of [...places].reverse()) {
    if (top() <= max) break;
    const spelling = place.definition.aliases.map((a) => a.split(' ')).find((w) => w.length === 2 && /^[a-z][a-z-]*$/.test(w[0]!));
    if (!spelling || taken.has(spelling.join(' '))) continue;
    taken.add(spelling.join(' '));
    place.group = spelling[0];
    place.name = spelling[1]!;
  }
  if (top() > max) throw new Error(`/docker would have ${top()} subcommands and groups; Discord allows ${max} at one level`);
  for (const group of new Set(places.filter((p) => p.group).map((p) => p.group!))) {
    const size = places.filter((p) => p.group === group).length;
    if (size > max) throw new Error(`/docker ${group} would have ${size} subcommands; Discord allows ${max}`);
  }
  return places;
}

/** The definition a (grouped) invocation stands for. */
export function placeOf(tree: readonly CommandPlace[], group: string | null | undefined, name: string): CommandPlace | undefined {
  return tree.find((p) => (p.group ?? null) === (group ?? null) && p.name === name);
}

const subcommand = (name: string, d: CommandDefinition<any>) => ({
  type: SUB_COMMAND,
  name,
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
});

/** What each subcommand group is about, for its description. */
const GROUP_TEXT: Record<string, { en: string; ko: string }> = {
  container: { en: 'Your containers', ko: '내 컨테이너' },
  image: { en: 'Images on the sandbox host', ko: '샌드박스 호스트의 이미지' },
  volume: { en: 'Your named volumes', ko: '내 이름 있는 볼륨' },
  admin: { en: "The deployment's admin commands", ko: '배포 관리자 명령' },
};

/**
 * The body of `PUT /applications/{id}/commands`: one /docker command, its subcommands grouped past 25.
 * `memberPermissions` (DISCORD_MEMBER_PERMISSIONS, a decimal permission bit set) becomes the command's
 * `default_member_permissions`: members without those permissions do not see /docker until a server admin
 * allows their role. Left out, everyone may use it.
 */
export function registrationBody(registry: Pick<CommandRegistry, 'all'>, max = MAX_PER_LEVEL, memberPermissions?: string): unknown[] {
  const tree = commandTree(registry.all, max);
  const options: unknown[] = [];
  const groups = new Map<string, unknown[]>();
  for (const place of tree) {
    if (!place.group) {
      options.push(subcommand(place.name, place.definition));
      continue;
    }
    let members = groups.get(place.group);
    if (!members) {
      groups.set(place.group, (members = []));
      const text = GROUP_TEXT[place.group] ?? { en: `docker ${place.group} …`, ko: `docker ${place.group} …` };
      options.push({
        type: SUB_COMMAND_GROUP,
        name: place.group,
        description: text.en,
        description_localizations: { ko: text.ko },
        options: members,
      });
    }
    members.push(subcommand(place.name, place.definition));
  }
  return [
    {
      name: 'docker',
      type: 1,
      description: 'Run and explain Docker commands in a sandbox',
      description_localizations: { ko: '샌드박스에서 Docker 명령을 실행하고 설명한다' },
      ...(memberPermissions ? { default_member_permissions: memberPermissions } : {}),
      options,
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
  // In the definition's order, whatever order Discord needed them in (required first).
  for (const o of d.positionals.map((p) => options.find((x) => x.positional === p)!)) {
    const v = values.get(o.name);
    if (v === undefined || v === '') continue;
    words.push(o.positional!.variadic ? String(v).trim() : quoteArg(String(v)));
  }
  return words.join(' ');
}

/**
 * The command text of one invocation, grouped or not (`/docker image pull` is `pull …`). An attached file stands for
 * the source word when none was typed; Discord writes spaces in its name as `_`, which the upload check allows for.
 */
export function commandText(
  place: CommandPlace,
  values: ReadonlyMap<string, string | number | boolean>,
  attachment?: { name: string },
): string {
  const v = new Map(values);
  v.delete(FILE_OPTION);
  const source = place.definition.positionals[0];
  if (attachment && place.definition.uploadFrom && source && !v.has(optionName(source))) v.set(optionName(source), attachment.name);
  return textFromOptions(place.definition, v);
}
