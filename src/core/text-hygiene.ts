import { UserError } from '../errors.js';
import { msg } from './messages/index.js';

/** Characters that hide or reorder text: controls (but tab and newline), bidi controls, zero-width characters. */
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Refuses input a person could not read as typed, or that is longer than allowed. */
export function checkInput(text: string, maxChars: number): void {
  if (text.length > maxChars) {
    throw new UserError('input-too-long', msg('input.tooLong', { length: text.length, max: maxChars }), msg('input.tooLong.hint'));
  }
  const hidden = HIDDEN.exec(text);
  if (hidden) {
    const code = hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new UserError('syntax', msg('input.hidden', { code, position: hidden.index + 1 }), msg('input.hidden.hint'));
  }
}

/** Shows invisible characters as \u{…} so output cannot hide or reorder text. */
export function escapeHidden(text: string): string {
  return text.replace(new RegExp(HIDDEN.source, 'gu'), (ch) => (ch === '\r' ? '' : `\\u{${ch.codePointAt(0)!.toString(16)}}`));
}
