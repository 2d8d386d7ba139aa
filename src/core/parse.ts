import { UserError } from '../errors.js';
import { splitArgv } from './argv.js';
import type { BuildEnv, ParsedCommand } from './command.js';
import { parseFlags } from './parse-flags.js';
import { spellings, type CommandRegistry } from './registry.js';
import { checkInput } from './text-hygiene.js';

/** The command text without what the platform or the habit of typing puts before it: `/docker`, `docker`. */
export function withoutPrefix(text: string): string {
  return text.trim().replace(/^\/?docker(?=\s|$)\s*/i, '');
}

/**
 * Chat text → a typed command: split like a shell (never run by one), find the subcommand in any of its
 * spellings, parse its flags as the Docker CLI does, then let the command build its typed arguments.
 * `--help` anywhere a flag may stand turns the line into `help <command>`, and `--explain` into `explain <line>`.
 */
export function parseCommand(text: string, env: BuildEnv): ParsedCommand {
  const { registry } = env;
  checkInput(text, env.settings.inputMaxChars);
  let args = splitArgv(withoutPrefix(text));
  if (args.length > env.settings.inputMaxArgs) {
    throw new UserError('input-too-long', `The command has ${args.length} words; the most accepted is ${env.settings.inputMaxArgs}.`);
  }
  if (args.length === 0) args = ['help'];
  const found = registry.lookup(args);
  if (!found) throw unknownCommand(args[0]!, registry);
  let { definition, spelling } = found;
  let argv = args.slice(found.words);
  if (asksFor('--help', argv, definition.interspersed)) {
    argv = [definition.name];
    definition = registry.get('help')!;
    spelling = 'help';
  } else if (definition.name !== 'explain' && asksFor('--explain', argv, definition.interspersed)) {
    // A dry run: the same line, explained instead of run.
    argv = [...args.slice(0, found.words), ...argv.filter((a, i) => a !== '--explain' || i > argv.indexOf('--explain'))];
    definition = registry.get('explain')!;
    spelling = 'explain';
  }
  const parsed = parseFlags(argv, definition.flags, { interspersed: definition.interspersed, command: definition.name });
  for (const segment of parsed.segments) {
    if (segment.kind !== 'flag') continue;
    const why = definition.refused?.[segment.spec.long];
    if (why)
      throw new UserError(
        'refused-flag',
        `--${segment.spec.long} is not offered for ${definition.name}: ${why}`,
        'Run the command without it.',
      );
  }
  const args_ = definition.build(parsed, env);
  return { definition, spelling, argv, parsed, args: args_, segments: parsed.segments };
}

/** Is `flag` written where a flag may stand (before the image for run; anywhere before `--` otherwise)? */
function asksFor(flag: string, argv: readonly string[], interspersed: boolean): boolean {
  for (const arg of argv) {
    if (arg === flag) return true;
    if (arg === '--') return false;
    if (!interspersed && !arg.startsWith('-')) return false;
  }
  return false;
}

function unknownCommand(word: string, registry: CommandRegistry): UserError {
  const known = spellings(registry).filter((s) => !s.includes(' '));
  const near = known.filter((s) => editDistance(s, word.toLowerCase()) <= 2).slice(0, 3);
  return new UserError(
    'unknown-command',
    `"${word}" is not a /docker command.`,
    near.length
      ? `Did you mean ${near.map((s) => `\`${s}\``).join(' or ')}? \`/docker help\` lists them all.`
      : '`/docker help` lists the commands.',
  );
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
