import { UserError } from '../../src/errors.js';
import type { ParsedFlags } from '../../src/core/parse-flags.js';

/** Requires at least `min` plain arguments, naming what is missing. */
export function needArgs(parsed: ParsedFlags, command: string, what: string, min = 1): string[] {
  if (parsed.positionals.length < min) {
    throw new UserError(
      'bad-value',
      `"${command}" needs ${what}.`,
      `Write /docker ${command} ${what.toUpperCase().replace(/^(A|AN|ONE OR MORE) /, '')}.`,
    );
  }
  return parsed.positionals;
}
