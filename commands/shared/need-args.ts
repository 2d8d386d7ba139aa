import { UserError } from '../../src/errors.js';
import type { ParsedFlags } from '../../src/core/parse-flags.js';
import { msg } from '../../src/core/messages/index.js';
import type { ArgWhat } from '../../src/core/messages/commands.js';

/** Requires at least `min` plain arguments, naming what is missing and how to write it. */
export function needArgs(parsed: ParsedFlags, command: string, what: ArgWhat, min = 1): string[] {
  if (parsed.positionals.length < min) {
    throw new UserError('bad-value', msg('args.missing', { command, what }), msg('args.missing.hint', { command, what }));
  }
  return parsed.positionals;
}
