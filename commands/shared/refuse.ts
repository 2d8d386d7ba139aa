import { UserError } from '../../src/errors.js';
import type { ParsedFlags } from '../../src/core/parse-flags.js';

/** Refuses flags a command knows (the Docker CLI has them) but Stevedore does not offer, with the reason. */
export function refuseFlags(parsed: ParsedFlags, command: string, refused: Record<string, string>): void {
  for (const segment of parsed.segments) {
    if (segment.kind === 'flag' && refused[segment.spec.long]) {
      throw new UserError('refused-flag', `--${segment.spec.long} is not offered for ${command}: ${refused[segment.spec.long]}`, 'Run the command without it.');
    }
  }
}

/** Requires at least `min` plain arguments, naming what is missing. */
export function needArgs(parsed: ParsedFlags, command: string, what: string, min = 1): string[] {
  if (parsed.positionals.length < min) {
    throw new UserError('bad-value', `"${command}" needs ${what}.`, `Write /docker ${command} ${what.toUpperCase().replace(/^(A|AN|ONE OR MORE) /, '')}.`);
  }
  return parsed.positionals;
}
