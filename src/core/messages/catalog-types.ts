import type { Lang } from '../flag-spec.js';

/** Values a message is filled in with. */
export type Params = Record<string, string | number>;

/** One message in both languages: plain text, or a function of its parameters. */
export type Entry = { en: string; ko: string } | { en: (p: any) => string; ko: (p: any) => string };

/** A part of the catalogue: message ids of one area (errors, quotas, jobs…) side by side in English and Korean. */
export type Catalog = Record<string, Entry>;

/** Declares a part of the catalogue, keeping each entry's parameter type. */
export function catalog<C extends Catalog>(entries: C): C {
  return entries;
}

export type { Lang };
