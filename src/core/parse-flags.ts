import { UserError } from '../errors.js';
import { msg } from './messages/index.js';
import type { FlagSpec } from './flag-spec.js';
import { parseBytes, parseDuration } from './units.js';

/** One piece of a command line as typed: a flag with its value, or a plain argument. */
export type Segment =
  | { kind: 'flag'; spec: FlagSpec; raw: string[]; value: string }
  | { kind: 'arg'; raw: string[]; value: string }
  /** Only when parsing leniently (explain): a flag the command does not have, never guessed at. */
  | { kind: 'unknown'; raw: string[]; value: string };

export interface ParsedFlags {
  /** Values by long flag name, in the order given; booleans are "true" or "false". */
  values: Map<string, string[]>;
  positionals: string[];
  segments: Segment[];
}

export interface FlagParseOptions {
  /** false: the first plain argument ends the flags (`docker run IMAGE CMD...`), as the Docker CLI does. */
  interspersed: boolean;
  /** Shown in errors, e.g. "run". */
  command: string;
  /** Keep unknown flags as `unknown` segments instead of failing (explain shows them as unknown). */
  lenient?: boolean;
}

/** Parses flags the way the Docker CLI (pflag) does: --x=v, --x v, -x v, -xv, -abc clusters, `--` ends flags. */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[], options: FlagParseOptions): ParsedFlags {
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: ParsedFlags = { values: new Map(), positionals: [], segments: [] };
  const set = (spec: FlagSpec, value: string, raw: string[]) => {
    const checked = checkValue(spec, value);
    out.values.set(spec.long, [...(out.values.get(spec.long) ?? []), checked]);
    out.segments.push({ kind: 'flag', spec, raw, value: checked });
  };
  const unknown = (flag: string) =>
    new UserError('unknown-flag', msg('flag.unknown', { flag }), msg('flag.unknown.hint', { command: options.command }));
  const keepUnknown = (arg: string) => out.segments.push({ kind: 'unknown', raw: [arg], value: arg });
  const needsValue = (flag: string) => new UserError('bad-value', msg('flag.needsValue', { flag }), msg('flag.needsValue.hint', { flag }));

  let i = 0;
  while (i < args.length) {
    const arg = args[i]!;
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) addArg(out, rest);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = byLong.get(name);
      if (!spec && options.lenient) {
        keepUnknown(arg);
        i += 1;
        continue;
      }
      if (!spec) throw unknown(`--${name}`);
      if (eq >= 0) set(spec, arg.slice(eq + 1), [arg]);
      else if (spec.type === 'bool') set(spec, 'true', [arg]);
      else if (i + 1 < args.length) {
        set(spec, args[i + 1]!, [arg, args[i + 1]!]);
        i += 1;
      } else throw needsValue(`--${name}`);
      i += 1;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A cluster of shorthands: booleans until one takes a value, which is the rest of the word or the next one.
      let j = 1;
      const raw = [arg];
      while (j < arg.length) {
        const spec = byShort.get(arg[j]!);
        if (!spec && options.lenient) {
          keepUnknown(j === 1 ? arg : `-${arg.slice(j)}`);
          break;
        }
        if (!spec) throw unknown(`-${arg[j]}${j === 1 && arg.length > 2 ? ` in ${arg}` : ''}`);
        const rest = arg.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), raw);
            break;
          }
          set(spec, 'true', raw);
          j += 1;
          continue;
        }
        if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, raw);
        else if (i + 1 < args.length) {
          raw.push(args[i + 1]!);
          set(spec, args[i + 1]!, raw);
          i += 1;
        } else throw needsValue(`-${arg[j]}`);
        break;
      }
      i += 1;
      continue;
    }
    if (!options.interspersed) {
      for (const rest of args.slice(i)) addArg(out, rest);
      break;
    }
    addArg(out, arg);
    i += 1;
  }
  return out;
}

function addArg(out: ParsedFlags, value: string): void {
  out.positionals.push(value);
  out.segments.push({ kind: 'arg', raw: [value], value });
}

function checkValue(spec: FlagSpec, value: string): string {
  const flag = `--${spec.long}`;
  switch (spec.type) {
    case 'bool':
      if (!['true', 'false', '1', '0'].includes(value)) {
        throw new UserError('bad-value', msg('flag.notBool', { flag, value }));
      }
      return value === '1' || value === 'true' ? 'true' : 'false';
    case 'int':
      if (!/^-?\d+$/.test(value)) throw new UserError('bad-value', msg('flag.notInt', { flag, value }));
      return value;
    case 'decimal':
      if (!/^\d+(\.\d+)?$|^\.\d+$/.test(value)) throw new UserError('bad-value', msg('flag.notNumber', { flag, value }));
      return value;
    case 'bytes':
      if (value !== '-1') parseBytes(value, flag);
      return value;
    case 'duration':
      parseDuration(value, flag);
      return value;
    default:
      return value;
  }
}

/** Reading helpers over ParsedFlags.values. */
export function flagBool(flags: ParsedFlags, long: string): boolean {
  return flags.values.get(long)?.at(-1) === 'true';
}
export function flagString(flags: ParsedFlags, long: string): string | undefined {
  return flags.values.get(long)?.at(-1);
}
export function flagList(flags: ParsedFlags, long: string): string[] {
  return flags.values.get(long) ?? [];
}
