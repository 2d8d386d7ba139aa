import { closest, distance } from 'fastest-levenshtein';
import data from './docker-cli.json' with { type: 'json' };
import { COMMANDS_KO } from './commands-ko.js';
import { FLAGS_KO, FLAG_OVERRIDES_KO } from './flags-ko.js';
import { PLUGINS } from './plugins.js';
import type { CliCommand, CliFlag } from './types.js';

export type { CliCommand, CliFlag };

/** The installed client's version, recorded when the data was generated. */
export const CLI_VERSION: string = data.client;
export const ABSENT_PLUGINS: readonly string[] = data.absentPlugins;
export const GLOBAL_FLAGS: readonly CliFlag[] = data.globalFlags;

const COMMANDS: CliCommand[] = [...(data.commands as CliCommand[]), ...PLUGINS];
const BY_SPELLING = new Map<string, CliCommand>();
for (const c of COMMANDS) for (const s of [c.path, ...c.aliases]) if (!BY_SPELLING.has(s)) BY_SPELLING.set(s, c);
const TOP_WORDS = [...new Set([...BY_SPELLING.keys()].map((s) => s.split(' ')[0]!))];

export function allCommands(): readonly CliCommand[] {
  return COMMANDS;
}

/** The longest command spelling the words start with: `container run`, `image ls`, `run`. */
export function lookupCommand(words: readonly string[]): { command: CliCommand; words: number } | undefined {
  for (let n = Math.min(3, words.length); n > 0; n--) {
    const c = BY_SPELLING.get(words.slice(0, n).join(' '));
    if (c) return { command: c, words: n };
  }
  return undefined;
}

export function commandByPath(path: string): CliCommand | undefined {
  return BY_SPELLING.get(path);
}

/** A command's Korean meaning: its own, or that of the spelling it is an alias of. */
export function commandKo(c: CliCommand): string {
  return c.ko ?? COMMANDS_KO[c.path] ?? c.aliases.map((a) => COMMANDS_KO[a]).find(Boolean) ?? '';
}

export function flagKo(c: CliCommand | undefined, f: CliFlag): string {
  if (f.ko) return f.ko;
  for (const p of c ? [c.path, ...c.aliases] : ['']) {
    const o = FLAG_OVERRIDES_KO[`${p}|${f.long}`];
    if (o) return o;
  }
  return FLAGS_KO[f.long] ?? '';
}

/** A flag of a command by its long (`network`) or short (`p`) name. */
export function findFlag(c: CliCommand | undefined, name: string, short: boolean): CliFlag | undefined {
  const flags = c ? c.flags : GLOBAL_FLAGS;
  return flags.find((f) => (short ? f.short === name : f.long === name));
}

/** The nearest known word within two edits (`contianer` → `container`, `rnu` → `run`), or none. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (!candidates.length || word.length < 2) return undefined;
  const best = closest(word, candidates as string[]);
  const sorted = [...word].sort().join('');
  const anagram = candidates.find((c) => [...c].sort().join('') === sorted);
  if (anagram) return anagram;
  return distance(word, best) <= (word.length > 4 ? 2 : 1) ? best : undefined;
}

export function suggestCommand(word: string): string | undefined {
  return nearest(word, TOP_WORDS);
}

export function suggestSubcommand(c: CliCommand, word: string): string | undefined {
  return nearest(word, c.subcommands);
}

export function suggestFlag(c: CliCommand | undefined, name: string): string | undefined {
  return nearest(
    name,
    (c ? c.flags : GLOBAL_FLAGS).map((f) => f.long),
  );
}
