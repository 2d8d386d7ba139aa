/** The value a flag takes, as the Docker CLI's help names it (map, ulimit and filter are lists here). */
export type FlagType = 'bool' | 'string' | 'list' | 'int' | 'decimal' | 'bytes' | 'duration';

/**
 * One flag of a docker command: the CLI's own facts (long name, shorthand, type) and its meaning in English
 * and Korean. One table feeds the parser, help, explain and the chat platforms' option lists.
 */
export interface FlagSpec {
  long: string;
  short?: string;
  type: FlagType;
  en: string;
  ko: string;
}

export type Lang = 'en' | 'ko';
export type Text = Record<Lang, string>;

/**
 * What Stevedore does with a flag of a command:
 * - used: honoured as typed
 * - bounded: honoured within a configured maximum
 * - ignored: accepted and without effect here (the sandbox already does it, or chat has no terminal)
 * - refused: the command is refused, naming the flag and the reason
 */
export type FlagVerdict = 'used' | 'bounded' | 'ignored' | 'refused';

export interface FlagRule {
  verdict: FlagVerdict;
  why: Text;
}
