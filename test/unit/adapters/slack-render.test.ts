import { describe, expect, it } from 'vitest';
import { renderReply, clipEscaped } from '../../../src/adapters/slack/render.js';
import { blockKitErrors } from '../../stand-ins/slack-stand-in.js';

type Block = { type: string; text?: { text: string }; elements?: { text: string | { text: string } }[] };
const sections = (blocks: unknown[]) => (blocks as Block[]).filter((b) => b.type === 'section').map((b) => b.text!.text);

describe('Slack rendering: escape, then clip', () => {
  it('keeps every section within 3000 and the header within 150 whatever the output holds', () => {
    for (const ch of ['<', '&', '>', 'x', '🐳']) {
      const m = renderReply({
        status: 'ok',
        title: ch.repeat(400),
        body: ch.repeat(2995),
        code: { text: `${ch.repeat(50)}\n`.repeat(500) },
        fields: [
          { name: 'n', value: ch.repeat(10) },
          { name: 'long', value: `${ch.repeat(100)}\n`.repeat(100) },
        ],
        buttons: [
          { id: 'logs', label: 'Logs', command: 'logs a' },
          { id: 'logs', label: 'L'.repeat(100), command: 'logs b' },
        ],
      });
      expect(blockKitErrors(m.blocks)).toEqual([]);
      const header = (m.blocks[0] as Block).text!.text;
      expect(header.length).toBeLessThanOrEqual(150);
      expect(header).not.toMatch(/&[a-z]{0,3}…/);
      for (const text of sections(m.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
      for (const text of sections(m.blocks).filter((t) => t.includes('```'))) expect(text.match(/```/g)!.length).toBe(2);
    }
  });

  it('shows head and tail of a single long line, attaches the whole and says so', () => {
    const line = `HEAD${'<'.repeat(20_000)}TAIL`;
    const m = renderReply({ status: 'ok', title: 't', code: { text: line } }, 'en');
    const code = sections(m.blocks).find((t) => t.startsWith('```'))!;
    expect(code.length).toBeLessThanOrEqual(3000);
    expect(code).toMatch(/^```\nHEAD&lt;/);
    expect(code).toMatch(/&lt;TAIL\n```$/);
    expect(m.fullOutput).toBe(line);
    expect(JSON.stringify(m.blocks)).toMatch(/characters of a long line are not shown here/);
    const ko = renderReply({ status: 'ok', title: 't', code: { text: line } }, 'ko');
    expect(JSON.stringify(ko.blocks)).toContain('전체 출력은 output.txt 파일로 첨부했습니다');
  });

  it('neutralises backtick runs of 3 to 10 in output, so the block closes where it should', () => {
    for (let n = 3; n <= 10; n++) {
      const m = renderReply({ status: 'ok', title: 't', code: { text: `a ${'`'.repeat(n)}\n${'`'.repeat(n)}` } });
      const code = sections(m.blocks).find((t) => t.startsWith('```'))!;
      expect(code.match(/```/g)).toHaveLength(2);
    }
  });

  it('through a response_url: no files, head and tail, and one line with /docker logs and /invite', () => {
    const m = renderReply(
      { status: 'ok', title: 't', code: { text: 'x\n'.repeat(5000) }, buttons: [{ id: 'logs', label: 'Logs', command: 'logs web' }] },
      'en',
      { kind: 'response_url', bot: 'stevedore' },
    );
    expect(m.fullOutput).toBeUndefined();
    expect(m.files).toEqual([]);
    const text = JSON.stringify(m.blocks);
    expect(text).toContain('`/docker logs web`');
    expect(text).toContain('`/invite @stevedore`');
    expect((m.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
    expect(blockKitErrors(m.blocks)).toEqual([]);
  });

  it('clips escaped text outside its entities', () => {
    expect(clipEscaped('ab&amp;cd', 5)).toBe('ab…');
    expect(clipEscaped('ab&amp;cd', 8)).toBe('ab&amp;…');
  });
});

describe('the stand-in refuses what Block Kit refuses', () => {
  it('names each broken limit', () => {
    const section = (n: number) => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(n) } });
    expect(blockKitErrors(Array.from({ length: 51 }, () => section(1)))).toHaveLength(1);
    expect(blockKitErrors([section(3001)])[0]).toMatch(/less than 3001/);
    expect(blockKitErrors([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])[0]).toMatch(/less than 151/);
    expect(blockKitErrors([{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }])).toHaveLength(1);
    const button = (id: string, value = 'v') => ({ type: 'button', action_id: id, text: { type: 'plain_text', text: 'b' }, value });
    expect(blockKitErrors([{ type: 'actions', elements: [button('a'), button('a')] }])[0]).toMatch(/duplicate action_id/);
    expect(blockKitErrors([{ type: 'actions', elements: [button('a'.repeat(256))] }])).toHaveLength(1);
    expect(blockKitErrors([{ type: 'actions', elements: [button('a', 'v'.repeat(2001))] }])).toHaveLength(1);
    expect(blockKitErrors([section(3000), section(1)])).toEqual([]);
  });
});
