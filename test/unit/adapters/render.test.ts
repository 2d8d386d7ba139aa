import { describe, expect, it } from 'vitest';
import { renderReply as discordRender } from '../../../src/adapters/discord/render.js';
import { renderReply as slackRender } from '../../../src/adapters/slack/render.js';
import { fitCodeBlock } from '../../../src/adapters/shared/fit-text.js';

describe('fitting output', () => {
  it('keeps head and tail and counts the lines cut', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n');
    const fitted = fitCodeBlock(text, 500);
    expect(fitted.text.length).toBeLessThanOrEqual(500);
    expect(fitted.text.startsWith('line 1\nline 2\n')).toBe(true);
    expect(fitted.text.endsWith('line 999\nline 1000')).toBe(true);
    expect(fitted.text).toContain(`… ${fitted.cut} lines cut …`);
  });
});

describe('Discord rendering', () => {
  it('keeps code fences balanced whatever the output holds', () => {
    const m = discordRender({ status: 'ok', title: 't', code: { text: 'a ``` b\n```\nc' } });
    const description = (m.body.embeds[0] as { description: string }).description;
    expect(description.match(/```/g)).toHaveLength(2);
    expect(m.body.allowed_mentions).toEqual({ parse: [] });
  });
  it('never exceeds the embed limits', () => {
    const m = discordRender({
      status: 'info',
      title: 'x'.repeat(400),
      body: 'b'.repeat(3000),
      code: { text: 'y\n'.repeat(5000) },
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(2000) })),
    });
    const e = m.body.embeds[0] as { title: string; description: string; fields: { name: string; value: string }[] };
    expect(e.title.length).toBeLessThanOrEqual(256);
    expect(e.description.length).toBeLessThanOrEqual(4096);
    expect(e.fields.length).toBeLessThanOrEqual(25);
    const total = e.title.length + e.description.length + e.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(m.files.map((f) => f.name)).toContain('output.txt');
  });
});

describe('Slack rendering', () => {
  it('keeps every section within 3000 characters and escapes markup', () => {
    const m = slackRender({ status: 'ok', title: '<!here>', code: { text: '<@U1>\n'.repeat(3000) } });
    for (const b of m.blocks as { type: string; text?: { text: string } }[])
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(m.blocks)).not.toMatch(/<@U1>|<!here>/);
    expect(m.fullOutput).toBeDefined();
  });
});
