import { UserError } from '../errors.js';
import { splitArgv } from './argv.js';
import { flagRuleOf, type BuildEnv, type CommandDefinition, type ParsedCommand } from './command.js';
import { msg } from './messages/index.js';
import { parseFlags, type ParsedFlags, type Segment } from './parse-flags.js';
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
    throw new UserError('input-too-long', msg('input.tooManyWords', { count: args.length, max: env.settings.inputMaxArgs }));
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
  const refusal = firstRefusal(definition, parsed);
  if (refusal) throw refusal;
  const args_ = definition.build(parsed, env);
  return { definition, spelling, argv, parsed, args: args_, segments: parsed.segments };
}

/**
 * The first flag of a line that the command's rules refuse (`flagRules`, then `otherFlags`), as the error to show:
 * the flag, how it was typed when that was a shorthand, and why.
 */
export function firstRefusal(
  definition: Pick<CommandDefinition<any>, 'name' | 'flagRules' | 'otherFlags'>,
  parsed: ParsedFlags,
): UserError | undefined {
  for (const segment of parsed.segments) {
    if (segment.kind !== 'flag') continue;
    const rule = flagRuleOf(definition, segment.spec.long);
    if (rule.verdict === 'refused') return refusedFlag(definition.name, segment, rule.why);
  }
  return undefined;
}

function refusedFlag(command: string, segment: Extract<Segment, { kind: 'flag' }>, why: { en: string; ko: string }): UserError {
  const typed = segment.raw[0] && !segment.raw[0].startsWith('--') ? segment.raw.join(' ') : undefined;
  return new UserError(
    'refused-flag',
    msg('flag.refused', { flag: `--${segment.spec.long}`, ...(typed ? { typed } : {}), whyEn: why.en, whyKo: why.ko }),
    msg('flag.refused.hint', { command }),
  );
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
    msg('command.unknown', { word }),
    near.length ? msg('command.didYouMean', { names: near.join(',') }) : msg('command.seeHelp'),
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
