import type { Text } from '../../core/flag-spec.js';
import { parseImageRef } from '../../core/image-ref.js';
import { say, type Message, msg } from '../../core/messages/index.js';
import {
  commandByPath,
  commandKo,
  findFlag,
  flagKo,
  lookupCommand,
  suggestCommand,
  suggestFlag,
  suggestSubcommand,
  type CliCommand,
  type CliFlag,
} from './reference.js';
import { explainValue } from './values.js';

/** One word (or flag with its value) of a docker command line, with its meaning in both languages. */
export interface CliSegment {
  text: string;
  kind: 'command' | 'flag' | 'value' | 'argument' | 'unknown';
  en: string;
  ko: string;
}

/** A docker command line explained from the CLI's own knowledge, whether or not Stevedore runs it. */
export interface CliExplanation {
  command?: CliCommand;
  segments: CliSegment[];
  /** Words explain could not place: typos (with their suggestion) and words Docker does not know. */
  unknown: number;
}

const said = (m: Message): Text => ({ en: say(m, 'en'), ko: say(m, 'ko') });
const seg = (text: string, kind: CliSegment['kind'], t: Text): CliSegment => ({ text, kind, en: t.en, ko: t.ko });

/** Explains `docker …` words (without the leading `docker`): command, subcommands, flags, values, arguments. */
export function explainDockerWords(words: readonly string[]): CliExplanation {
  const segments: CliSegment[] = [];
  let unknown = 0;
  let i = 0;
  i = flags(words, i, undefined, segments, true);
  const found = lookupCommand(words.slice(i));
  if (!found) {
    const word = words[i];
    if (word === undefined) return { segments, unknown };
    const guess = suggestCommand(word);
    segments.push(
      seg(word, 'unknown', joinT(said(msg('explain.unknownCommand', { s: word })), guess && said(msg('explain.didYouMean', { s: guess })))),
    );
    for (const w of words.slice(i + 1)) segments.push(seg(w, 'unknown', said(msg('explain.arg.extra'))));
    return { segments, unknown: unknown + 1 + words.length - i - 1 };
  }
  let command = found.command;
  segments.push(seg(words.slice(i, i + found.words).join(' '), 'command', { en: command.en, ko: commandKo(command) }));
  i += found.words;
  while (command.subcommands.length && i < words.length) {
    if (words[i]!.startsWith('-')) {
      const before = segments.length;
      i = flags(words, i, command, segments, true);
      unknown += segments.slice(before).filter((s) => s.kind === 'unknown').length;
      continue;
    }
    const sub = commandByPath(`${command.path} ${words[i]}`);
    if (!sub) {
      const guess = suggestSubcommand(command, words[i]!);
      segments.push(
        seg(
          words[i]!,
          'unknown',
          joinT(
            said(msg('explain.unknownCommand', { s: `${command.path} ${words[i]}` })),
            guess && said(msg('explain.didYouMean', { s: guess })),
          ),
        ),
      );
      unknown += words.length - i;
      for (const w of words.slice(i + 1)) segments.push(seg(w, 'unknown', said(msg('explain.arg.extra'))));
      return { command, segments, unknown };
    }
    command = sub;
    segments.push(seg(words[i]!, 'command', { en: command.en, ko: commandKo(command) }));
    i++;
  }
  const names = positionalNames(command.usage);
  const interspersed = !names.includes('COMMAND');
  let p = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (w.startsWith('-') && w !== '-' && (interspersed || p === 0)) {
      if (w === '--') {
        segments.push(seg(w, 'flag', said(msg('explain.endOfOptions'))));
        i++;
        continue;
      }
      const before = segments.length;
      i = flags(words, i, command, segments, false);
      unknown += segments.slice(before).filter((s) => s.kind === 'unknown').length;
      continue;
    }
    const name = names[Math.min(p, names.length - 1)];
    segments.push(seg(w, name ? 'argument' : 'unknown', name ? positional(name, w) : said(msg('explain.arg.extra'))));
    if (!name) unknown++;
    p++;
    i++;
    if (name === 'COMMAND' || name === 'ARG') {
      for (; i < words.length; i++) segments.push(seg(words[i]!, 'argument', said(msg('explain.arg.args'))));
    }
  }
  return { command, segments, unknown };
}

function joinT(a: Text, b: Text | undefined | ''): Text {
  return b ? { en: `${a.en}: ${b.en}`, ko: `${a.ko}: ${b.ko}` } : a;
}

/** Reads the flags starting at words[i] (one word, or two when the flag takes a value); returns the next index. */
function flags(words: readonly string[], i: number, command: CliCommand | undefined, out: CliSegment[], onlyFlags: boolean): number {
  while (i < words.length) {
    const w = words[i]!;
    if (!w.startsWith('-') || w === '-' || w === '--') return i;
    // Before the command, only docker's own options are flags; `-it` there is a lone flag looked up elsewhere.
    if (!command && !findFlag(undefined, w.replace(/^-+/, '').split('=')[0]!, !w.startsWith('--'))) return i;
    if (w.startsWith('--')) {
      const [name, inline] = splitEq(w.slice(2));
      const flag = findFlag(command, name, false) ?? (command ? undefined : findFlag(undefined, name, false));
      i = take(words, i, w, flag, inline, command, out, name);
    } else {
      // Short flags, possibly bundled (`-it`), the last of which may take a value (`-p8080:80`, `-p 8080:80`).
      const body = w.slice(1);
      let k = 0;
      let next = i + 1;
      for (; k < body.length; k++) {
        const flag = findFlag(command, body[k]!, true);
        if (!flag) {
          out.push(unknownFlag(`-${body.slice(k)}`, body.slice(k), command));
          break;
        }
        if (flag.type) {
          const rest = body.slice(k + 1).replace(/^=/, '');
          next = take(words, i, `-${body[k]}`, flag, rest || undefined, command, out, flag.long);
          break;
        }
        out.push(flagSeg(`-${body[k]}`, flag, command));
      }
      i = next;
    }
    if (!onlyFlags) return i;
  }
  return i;
}

function splitEq(s: string): [string, string | undefined] {
  const e = s.indexOf('=');
  return e < 0 ? [s, undefined] : [s.slice(0, e), s.slice(e + 1)];
}

function take(
  words: readonly string[],
  i: number,
  text: string,
  flag: CliFlag | undefined,
  inline: string | undefined,
  command: CliCommand | undefined,
  out: CliSegment[],
  name: string,
): number {
  if (!flag) {
    const guess = suggestFlag(command, name);
    const guessed = guess ? findFlag(command, guess, false) : undefined;
    out.push(unknownFlag(text, name, command));
    // The typo's value is shown as the value of the flag it resembles, never read as an argument.
    if (guessed?.type && inline === undefined && i + 1 < words.length) {
      out.push(seg(words[i + 1]!, 'value', said(msg('explain.value', { s: `--${guessed.long}` }))));
      return i + 2;
    }
    return i + 1;
  }
  if (!flag.type || (inline !== undefined && !flag.type)) {
    out.push(flagSeg(inline !== undefined ? `${text}=${inline}` : text, flag, command));
    return i + 1;
  }
  const value = inline ?? words[i + 1];
  const s = flagSeg(text, flag, command);
  if (value === undefined) {
    out.push(s);
    return i + 1;
  }
  const v = explainValue(flag.long, value);
  out.push({
    ...s,
    text: `${text}${inline !== undefined ? '=' : ' '}${value}`,
    en: v ? `${s.en}: ${v.en}` : s.en,
    ko: v ? `${s.ko}: ${v.ko}` : s.ko,
  });
  return inline !== undefined ? i + 1 : i + 2;
}

function flagSeg(text: string, flag: CliFlag, command: CliCommand | undefined): CliSegment {
  const long = `--${flag.long}`;
  const label = text === long || text.startsWith(`${long}=`) ? '' : `${long}: `;
  const ko = flagKo(command, flag);
  const short = flag.en.replace(/:\s+'.*$/, '').replace(/\s+Refer to .*$/, '');
  const en = command ? short : say(msg('explain.global', { s: short }), 'en');
  return seg(text, 'flag', { en: `${label}${en}`, ko: `${label}${command ? ko : say(msg('explain.global', { s: ko }), 'ko')}` });
}

function unknownFlag(text: string, name: string, command: CliCommand | undefined): CliSegment {
  const guess = suggestFlag(command, name);
  return seg(
    text,
    'unknown',
    joinT(said(msg('explain.unknownFlag', { s: command?.path ?? '' })), guess && said(msg('explain.didYouMean', { s: `--${guess}` }))),
  );
}

/** The placeholders of a usage line after its options: `IMAGE [COMMAND] [ARG...]` → IMAGE, COMMAND, ARG. */
export function positionalNames(usage: string): string[] {
  const first = usage
    .split('\n')[0]!
    .replace(/^.*?\[OPTIONS\]\s*/, '')
    .replace(/^docker\s+(\S+\s+)*?(?=[A-Z[])/, '');
  const names = [...first.matchAll(/[A-Z][A-Z_]*/g)].map((m) => m[0]).filter((n) => n !== 'OPTIONS' && n !== 'TAG' && n !== 'DIGEST');
  // `(worker|manager)`: a choice of words, named by its choices.
  return names.length ? names : [...first.matchAll(/\(([a-z|-]+)\)/g)].map((m) => m[1]!);
}

const IMAGE_NAMES = new Set(['IMAGE', 'SOURCE_IMAGE', 'TARGET_IMAGE', 'NAME', 'REPOSITORY']);

function positional(name: string, value: string): Text {
  if (value === '-') return said(msg('explain.arg.stdin'));
  if (IMAGE_NAMES.has(name)) return image(value);
  if (name === 'CONTAINER' && value.includes(':') && !value.startsWith('/')) {
    const [c, ...rest] = value.split(':');
    return said(msg('explain.cpContainer', { a: c!, b: rest.join(':') }));
  }
  if (name === 'CONTAINER') return said(msg('explain.arg.container'));
  if (name === 'COMMAND') return said(msg('explain.arg.command'));
  if (name === 'ARG') return said(msg('explain.arg.args'));
  if (name.endsWith('PATH') || name === 'FILE') {
    if (/^[\w.-]+:/.test(value) && !value.startsWith('.')) {
      const [c, ...rest] = value.split(':');
      return said(msg('explain.cpContainer', { a: c!, b: rest.join(':') }));
    }
    return said(msg('explain.cpHost', { s: value }));
  }
  if (name === 'SERVICE') return said(msg('explain.arg.service'));
  return said(msg('explain.arg.other', { s: name }));
}

/** An image reference or an image ID, part by part. */
export function image(value: string): Text {
  if (/^(sha256:)?[0-9a-f]{12}([0-9a-f]{52})?$/.test(value)) return said(msg('explain.image.id', { s: value }));
  try {
    const ref = parseImageRef(value);
    const registry = ref.registry === 'docker.io' ? said(msg('explain.hub')) : { en: ref.registry, ko: ref.registry };
    const tag = ref.digest
      ? said(msg('explain.image.digest', { s: ref.digest }))
      : ref.tag
        ? said(msg('explain.image.tag', { s: ref.tag }))
        : said(msg('explain.image.latest'));
    const repo = `${ref.account ? `${ref.account}/` : ''}${ref.repository}`;
    return {
      en: say(msg('explain.image.ref', { registry: registry.en, repo, tag: tag.en }), 'en'),
      ko: say(msg('explain.image.ref', { registry: registry.ko, repo, tag: tag.ko }), 'ko'),
    };
  } catch {
    return said(msg('explain.arg.image'));
  }
}
