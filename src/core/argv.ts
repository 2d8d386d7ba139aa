import { UserError } from '../errors.js';
import { msg } from './messages/index.js';

/**
 * Splits chat text into arguments the way a POSIX shell splits words, and nothing more: single quotes keep
 * everything literal, double quotes allow \" \\ \$ \` escapes, a backslash outside quotes escapes the next
 * character. No variables, globs, pipes or substitutions exist here: `$HOME` and `;` are plain text.
 */
export function splitArgv(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw unterminated("'");
      current += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) {
          current += text[i + 1];
          i += 2;
        } else {
          current += c;
          i += 1;
        }
      }
      if (!closed) throw unterminated('"');
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < text.length) current += text[i + 1] === '\n' ? '' : text[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
      i += 1;
    } else {
      current += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) args.push(current);
  return args;
}

/** Quotes one argument so that splitArgv gives it back unchanged; plain words stay bare. */
export function quoteArg(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function joinArgv(args: readonly string[]): string {
  return args.map(quoteArg).join(' ');
}

function unterminated(quote: string): UserError {
  return new UserError('syntax', msg('argv.unterminated', { quote }), msg('argv.unterminated.hint', { quote }));
}
