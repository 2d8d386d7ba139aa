import { describe, expect, it } from 'vitest';
import { codeBlock, escapeFences, fitCodeBlock } from '../../../src/adapters/shared/fit-text.js';

describe('fitCodeBlock', () => {
  it('shows output that fits as it is', () => {
    expect(fitCodeBlock('a\nb\n', 10)).toEqual({ text: 'a\nb', cut: 0, omittedChars: 0 });
  });

  it('keeps head and tail of many lines, whole lines only, and counts the lines left out', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n');
    const fitted = fitCodeBlock(text, 500);
    expect(fitted.text.length).toBeLessThanOrEqual(500);
    expect(fitted.text.startsWith('line 1\nline 2\n')).toBe(true);
    expect(fitted.text.endsWith('line 999\nline 1000')).toBe(true);
    expect(fitted.text).toContain(`\n… ${fitted.cut} lines cut …\n`);
    const shown = fitted.text.split('\n').filter((l) => l.startsWith('line '));
    expect(shown.length + fitted.cut).toBe(1000);
  });

  it('treats a single long line like long output: head and tail, counted as cut, never clipped silently', () => {
    const line = `BEGIN${'x'.repeat(100_000)}END`;
    const fitted = fitCodeBlock(line, 2990);
    expect(fitted.text.length).toBeLessThanOrEqual(2990);
    expect(fitted.cut).toBe(1);
    expect(fitted.text.startsWith('BEGINxxx')).toBe(true);
    expect(fitted.text.endsWith('xxxEND')).toBe(true);
    expect(fitted.omittedChars).toBe(line.length - fitted.text.replace(/\n… \d+ characters cut …\n/, '').replace(/…/g, '').length);
    expect(fitted.text).toContain(`… ${fitted.omittedChars} characters cut …`);
  });

  it('cuts a long line among short ones in its middle rather than dropping half the room', () => {
    const text = ['first', 'y'.repeat(50_000), 'last'].join('\n');
    const fitted = fitCodeBlock(text, 1000);
    expect(fitted.text.length).toBeLessThanOrEqual(1000);
    expect(fitted.text.startsWith('first\nyyy')).toBe(true);
    expect(fitted.text.endsWith('yyy\nlast')).toBe(true);
    expect(fitted.cut).toBe(1);
  });

  it('never cuts inside an entity of escaped text, nor inside a surrogate pair', () => {
    for (let shift = 0; shift < 6; shift++) {
      const escaped = `${'a'.repeat(shift)}${'&amp;'.repeat(2000)}`;
      const fitted = fitCodeBlock(escaped, 300, { entities: true });
      const body = fitted.text.replace(/\n… \d+ characters cut …\n/, '').replace(/…/g, '');
      expect(body.replace(/^a*/, '')).toMatch(/^(&amp;)*$/);
    }
    const emoji = '🐳'.repeat(5000);
    const fitted = fitCodeBlock(emoji, 301);
    expect(fitted.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('escapeFences', () => {
  for (let n = 3; n <= 10; n++)
    it(`neutralises a run of ${n} backticks, so the block closes only where it should`, () => {
      const output = `before ${'`'.repeat(n)} middle\n${'`'.repeat(n)}\nafter`;
      const block = codeBlock(escapeFences(output));
      expect(block.match(/```/g)).toHaveLength(2);
      expect(block.startsWith('```\n')).toBe(true);
      expect(block.endsWith('\n```')).toBe(true);
      expect(escapeFences(output).replace(/\u200b/g, '')).toBe(output);
    });

  it('leaves one and two backticks alone', () => {
    expect(escapeFences('a `b` ``c``')).toBe('a `b` ``c``');
  });
});
