import { parse } from 'shell-quote';
import type { Text } from '../core/flag-spec.js';
import { msg, say, type Message, type MessageId } from '../core/messages/index.js';

/** One piece of a shell line: a docker command's words, or a shell part named for what it does. */
export type ShellPart = { kind: 'docker'; words: string[]; prefix: string[] } | { kind: 'shell'; text: string; meaning: Text };

/** A catalogue message in both languages, as the line's rows carry it. */
const said = (m: Message | MessageId): Text => ({ en: say(m, 'en'), ko: say(m, 'ko') });

const OPS: Record<string, MessageId> = {
  '&&': 'explain.shell.and',
  '||': 'explain.shell.or',
  ';': 'explain.shell.then',
  '|': 'explain.shell.pipe',
  '>': 'explain.shell.out',
  '>>': 'explain.shell.append',
  '<': 'explain.shell.in',
  '>&': 'explain.shell.dup',
  '&': 'explain.shell.background',
};
const PREFIX: Record<string, MessageId> = { sudo: 'explain.shell.sudo', xargs: 'explain.shell.xargs', time: 'explain.shell.time' };

/** Whether a line needs the shell's reading: operators, substitutions, variables, sudo, continuations. */
export function looksLikeShell(line: string): boolean {
  return /&&|\|\||[;|<>`]|\$[({\w]|\\\n|^\s*(sudo|xargs|time)\s/.test(line);
}

/**
 * Splits a shell line with shell-quote (a parser, not a hand-made tokenizer): `$(…)` and `$VAR` are kept as
 * written and named, operators and redirections are named, each docker command is handed on with its words.
 */
export function splitShell(line: string): { parts: ShellPart[]; substitutions: { text: string; meaning: Text }[] } {
  const subs: string[] = [];
  const protectedLine = line.replace(/\\\n/g, ' ').replace(/\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`/g, (m) => `__SUB${subs.push(m) - 1}__`);
  const tokens = parse(protectedLine, (name) => `$${name}`);
  const restore = (w: string) => w.replace(/__SUB(\d+)__/g, (_, n) => subs[Number(n)]!);
  const parts: ShellPart[] = [];
  let words: string[] = [];
  let pending: ShellPart[] = [];
  const flush = () => {
    parts.push(...take());
    if (!words.length) return;
    const d = words.indexOf('docker');
    const prefix = d < 0 ? words : words.slice(0, d);
    for (const p of prefix) {
      parts.push({
        kind: 'shell',
        text: p,
        meaning: said(PREFIX[p] ?? msg('explain.shell.other', { s: p })),
      });
    }
    if (d >= 0) parts.push({ kind: 'docker', words: words.slice(d + 1), prefix });
    words = [];
  };
  const take = () => {
    const p = pending;
    pending = [];
    return p;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (typeof t === 'string') {
      words.push(restore(t));
      continue;
    }
    if ('op' in t && t.op !== 'glob') {
      const redirect = ['>', '>>', '<', '>&', '<&'].includes(t.op);
      const fd = redirect && /^\d$/.test(words[words.length - 1] ?? '') ? words.pop()! : '';
      const target = redirect && typeof tokens[i + 1] === 'string' ? ` ${tokens[++i] as string}` : '';
      const part: ShellPart = {
        kind: 'shell',
        text: `${fd}${t.op}${target}`,
        meaning: said(OPS[t.op] ?? msg('explain.shell.operator', { s: t.op })),
      };
      // A redirection belongs to the command around it (`docker < file load`): it does not end the command.
      if (redirect) pending.push(part);
      else {
        flush();
        parts.push(part);
      }
    } else if ('pattern' in t) words.push(t.pattern);
    else if ('comment' in t) flush();
  }
  flush();
  parts.push(...take());
  const substitutions = [...line.matchAll(/\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`|\$\{?\w+\}?/g)].map((m) => ({
    text: m[0],
    meaning: substitution(m[0]),
  }));
  return { parts, substitutions };
}

function substitution(text: string): Text {
  if (text === '$(pwd)' || text === '$PWD' || text === '${PWD}') return said(msg('explain.shell.pwd', { s: text }));
  if (text.startsWith('$(') || text.startsWith('`')) return said(msg('explain.shell.output', { s: text }));
  return said(msg('explain.shell.variable', { s: text }));
}
