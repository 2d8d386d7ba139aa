import { parse } from 'shell-quote';
import type { Text } from '../core/flag-spec.js';

/** One piece of a shell line: a docker command's words, or a shell part named for what it does. */
export type ShellPart = { kind: 'docker'; words: string[]; prefix: string[] } | { kind: 'shell'; text: string; meaning: Text };

const OPS: Record<string, Text> = {
  '&&': { en: 'runs the next command only if this one succeeded', ko: '앞 명령이 성공했을 때만 다음 명령을 실행한다' },
  '||': { en: 'runs the next command only if this one failed', ko: '앞 명령이 실패했을 때만 다음 명령을 실행한다' },
  ';': { en: 'then runs the next command', ko: '이어서 다음 명령을 실행한다' },
  '|': { en: "pipe: this command's output becomes the next one's input", ko: '파이프: 앞 명령의 출력을 다음 명령의 입력으로 넘긴다' },
  '>': { en: 'redirects the output into a file (overwriting it)', ko: '출력을 파일로 보낸다 (덮어쓴다)' },
  '>>': { en: 'appends the output to a file', ko: '출력을 파일 끝에 덧붙인다' },
  '<': { en: 'reads the input from a file', ko: '입력을 파일에서 읽는다' },
  '>&': {
    en: 'sends one output stream into another (2>&1: errors with the output)',
    ko: '출력 스트림을 다른 스트림으로 보낸다 (2>&1: 오류를 출력과 함께)',
  },
  '&': { en: 'runs the command in the background of the shell', ko: '셸의 백그라운드에서 명령을 실행한다' },
};
const PREFIX: Record<string, Text> = {
  sudo: {
    en: 'sudo: runs the command as root (the docker group is the usual alternative)',
    ko: 'sudo: 명령을 root 권한으로 실행한다 (보통은 docker 그룹에 들면 필요 없다)',
  },
  xargs: { en: 'xargs: adds the words it reads from the pipe as arguments', ko: 'xargs: 파이프로 받은 단어들을 인자로 덧붙인다' },
  time: { en: 'time: measures how long the command takes', ko: 'time: 명령에 걸린 시간을 잰다' },
};

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
        meaning: PREFIX[p] ?? {
          en: `${p}: another program or its argument, not Docker`,
          ko: `${p}: 도커가 아닌 다른 프로그램이나 그 인자`,
        },
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
        meaning: OPS[t.op] ?? { en: `shell operator ${t.op}`, ko: `셸 연산자 ${t.op}` },
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
  if (text === '$(pwd)' || text === '$PWD' || text === '${PWD}')
    return { en: `${text}: the current directory of the shell`, ko: `${text}: 셸의 현재 디렉터리` };
  if (text.startsWith('$(') || text.startsWith('`'))
    return { en: `${text}: replaced by the output of the command inside`, ko: `${text}: 안쪽 명령의 출력으로 바뀐다` };
  return { en: `${text}: the value of the shell variable`, ko: `${text}: 셸 변수의 값` };
}
