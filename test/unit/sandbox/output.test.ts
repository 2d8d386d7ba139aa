import { describe, expect, it } from 'vitest';
import { CappedOutput, stripAnsi } from '../../../src/sandbox/output.js';

const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('CappedOutput', () => {
  it('joins stdout and stderr frames in order, across chunk boundaries', () => {
    const out = new CappedOutput(1000);
    const bytes = Buffer.concat([frame(1, 'hello '), frame(2, 'error '), frame(1, 'world')]);
    for (let i = 0; i < bytes.length; i += 5) out.pushMultiplexed(bytes.subarray(i, i + 5));
    expect(out.text()).toBe('hello error world');
    expect(out.truncated).toBe(false);
  });
  it('shows characters that hide or reorder text escaped, keeping tabs and new lines', () => {
    const out = new CappedOutput(1000);
    out.pushMultiplexed(frame(1, 'safe\u202Eevil\u200B\tend\n'));
    expect(out.text()).toBe('safe\\u{202e}evil\\u{200b}\tend\n');
  });
  it('cuts at the cap and reports the overflow once', () => {
    let overflows = 0;
    const out = new CappedOutput(10, () => overflows++);
    out.pushMultiplexed(frame(1, '0123456789abcdef'));
    out.pushMultiplexed(frame(1, 'more'));
    expect(out.text()).toBe('0123456789');
    expect(out.truncated).toBe(true);
    expect(overflows).toBe(1);
  });
});

describe('stripAnsi', () => {
  it('removes colours and cursor movement, and turns lone carriage returns into new lines', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m \u001b[2Kline\r\nnext\rover')).toBe('red line\nnext\nover');
  });
});
