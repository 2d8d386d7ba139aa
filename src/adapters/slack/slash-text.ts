/**
 * Slash command text as Slack sends it, turned back into what the user typed. Slack always encodes `&`, `<` and `>`
 * as `&amp;`, `&lt;` and `&gt;`; where the command's `should_escape` is on it also sends mentions and links in its
 * own markup: `<@U123|alice>`, `<#C123|ops>`, `<!here>`, `<!subteam^S1|@team>`, `<http://x.example|x.example>`.
 * Markup is read first (its `<` and `>` are Slack's, the user's are entities), then the entities are decoded, so
 * `sh -c "echo a &gt; f"` reaches the parser as `sh -c "echo a > f"`.
 */
export function decodeSlashText(text: string): string {
  return text.replace(/<([^<>]*)>/g, (_, inner: string) => markup(inner)).replace(/&(amp|lt|gt);/g, (_, e: string) => ENTITY[e]!);
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/** One `<…>` of Slack markup as the user typed it. */
function markup(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return label !== undefined ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label !== undefined ? `#${label.replace(/^#/, '')}` : target;
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!everyone>; <!subteam^S1|@team>; <!date^…|fallback>.
    if (label !== undefined) return label;
    return `@${target.slice(1).split('^')[0]}`;
  }
  // A link: the text shown is what the user typed (`x.example` for `<http://x.example|x.example>`).
  return label ?? target;
}
