/** What fitCodeBlock kept of an output. */
export interface Fitted {
  /** The text to show: the whole output, or its head and tail around a marker. */
  text: string;
  /**
   * Lines not shown in full (left out, or shown only in part): 0 when the whole output is shown. A single long line
   * cut in its middle counts as one, so a renderer that attaches the whole output when `cut > 0` attaches it then too.
   */
  cut: number;
  /** Characters of the output not shown. */
  omittedChars: number;
}

/** The marker between head and tail: lines when whole lines were left out, characters when one line was cut. */
function defaultMarker(lines: number, chars: number): string {
  return lines > 1 ? `… ${lines} lines cut …` : `… ${chars} characters cut …`;
}

/**
 * Fits program output into a platform's text limit, keeping the head and the tail (where errors usually are) and
 * saying how much was left out. Limits are in characters. A line is never clipped silently: a line too long for the
 * room (minified output, one line of 100 kB) is cut in its middle like any long output, its head and tail kept, and
 * counted in `cut`. With `entities`, a cut never falls inside an HTML entity (`&amp;`) of text already escaped.
 */
export function fitCodeBlock(text: string, max: number, options: { entities?: boolean } = {}): Fitted {
  const clean = text.replace(/\n$/, '');
  if (clean.length <= max) return { text: clean, cut: 0, omittedChars: 0 };
  const lines = clean.split('\n').length;
  // Room for the marker at its longest (characters, as many as the output has), the two newlines around it, and an
  // ellipsis at each cut line.
  const budget = Math.max(2, max - defaultMarker(1, clean.length).length - 4);
  const headRoom = Math.ceil(budget / 2);
  const tailRoom = budget - headRoom;

  // Head: whole lines when the last line break in its room wastes little of it; else the line is cut in the middle.
  let headEnd = safeCut(clean, headRoom, options.entities, 'back');
  const lastBreak = clean.lastIndexOf('\n', headEnd - 1);
  const headWhole = lastBreak >= 0 && lastBreak >= headRoom * 0.75;
  if (headWhole) headEnd = lastBreak;
  // Tail: the same from the end.
  let tailStart = safeCut(clean, clean.length - tailRoom, options.entities, 'forward');
  const firstBreak = clean.indexOf('\n', tailStart);
  const tailWhole = firstBreak >= 0 && clean.length - (firstBreak + 1) >= tailRoom * 0.75;
  if (tailWhole) tailStart = firstBreak + 1;

  const head = clean.slice(0, headEnd);
  const tail = clean.slice(tailStart);
  const headLines = headWhole ? count(head, '\n') + 1 : count(head, '\n');
  const tailLines = tailWhole ? count(tail, '\n') + 1 : count(tail, '\n');
  const cut = lines - headLines - tailLines;
  const omittedChars = clean.length - head.length - tail.length;
  const shownHead = headWhole ? head : `${head}…`;
  const shownTail = tailWhole ? tail : `…${tail}`;
  return { text: [shownHead, defaultMarker(cut, omittedChars), shownTail].join('\n'), cut, omittedChars };
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n += 1;
  return n;
}

/** A cut position moved off the middle of a surrogate pair, or of an entity such as `&amp;` when asked. */
function safeCut(text: string, at: number, entities: boolean | undefined, way: 'back' | 'forward'): number {
  let i = Math.max(0, Math.min(text.length, at));
  if (entities) {
    // An entity is at most 5 characters (&amp;); look for an & just before the cut whose ; is at or after it.
    const amp = text.lastIndexOf('&', i - 1);
    if (amp >= 0 && i - amp < 5) {
      const semi = text.indexOf(';', amp);
      if (semi >= i) i = way === 'back' ? amp : semi + 1;
    }
  }
  const code = text.charCodeAt(i - 1);
  if (i > 0 && i < text.length && code >= 0xd800 && code <= 0xdbff) i += way === 'back' ? -1 : 1;
  return i;
}

/**
 * Neutralises every run of three or more backticks (```, ````, … any length) with zero-width spaces between its
 * backticks, so output can never close a code block early, whatever the run's length.
 */
export function escapeFences(text: string): string {
  return text.replace(/`{3,}/g, (run) => run.split('').join('\u200b'));
}

/** A fenced code block around text already passed through escapeFences. */
export function codeBlock(escaped: string): string {
  return `\`\`\`\n${escaped}\n\`\`\``;
}

/**
 * The end of output that is still being written, within `max` characters: whole lines where the room allows, an
 * ellipsis line first when anything was left out (a streamed edit shows where the output is now, not its head).
 */
export function fitTail(text: string, max: number, options: { entities?: boolean } = {}): string {
  const clean = text.replace(/\n$/, '');
  if (clean.length <= max) return clean;
  let start = safeCut(clean, clean.length - (max - 2), options.entities, 'forward');
  const firstBreak = clean.indexOf('\n', start);
  if (firstBreak >= 0 && firstBreak < clean.length - 1) start = firstBreak + 1;
  return `…\n${clean.slice(start)}`;
}
