/**
 * Fits program output into a platform's text limit, keeping the head and the tail (where errors usually are)
 * and saying how many lines were left out. Limits are in characters.
 */
export function fitCodeBlock(text: string, max: number): { text: string; cut: number } {
  const clean = text.replace(/\n$/, '');
  if (clean.length <= max) return { text: clean, cut: 0 };
  const lines = clean.split('\n');
  const marker = (n: number) => `… ${n} lines cut …`;
  const budget = max - marker(lines.length).length - 2;
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  let i = 0;
  let j = lines.length - 1;
  // Take lines alternately from the top and the bottom until the budget is spent.
  while (i <= j) {
    const take = head.length <= tail.length ? lines[i]! : lines[j]!;
    const cost = Math.min(take.length, 300) + 1;
    if (used + cost > budget) break;
    if (head.length <= tail.length) head.push(clip(lines[i++]!));
    else tail.unshift(clip(lines[j--]!));
    used += cost;
  }
  const cut = j - i + 1;
  return { text: [...head, marker(cut), ...tail].join('\n'), cut };
}

/** Very long single lines (minified output) are clipped so that one line cannot take the whole message. */
function clip(line: string): string {
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** Breaks runs of three backticks with a zero-width space, so output cannot close a code block early. */
export function escapeFences(text: string): string {
  return text.replace(/```/g, '`\u200b``');
}

/** A fenced code block around text already passed through escapeFences. */
export function codeBlock(escaped: string): string {
  return `\`\`\`\n${escaped}\n\`\`\``;
}
