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
