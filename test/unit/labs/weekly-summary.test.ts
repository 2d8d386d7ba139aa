import { describe, expect, it } from 'vitest';
import { weeklySummary } from '../../../commands/learn-progress.js';

const DAY = 24 * 3600 * 1000;
const now = Date.UTC(2026, 10, 30, 9);

describe("the week's lab summary", () => {
  it('says nothing when nobody has started a lab', () => {
    expect(weeklySummary([], now, 'en')).toBeUndefined();
  });

  it('counts only labs finished in the 7 days before now, and still shows everyone in the table', () => {
    const summary = weeklySummary(
      [
        {
          owner: 'terminal:bob',
          name: 'bob',
          finished: { 1: now - 8 * DAY },
          current: { lab: 2, step: 1, since: now, misses: 0, skipped: [] },
        },
        { owner: 'terminal:alice', name: 'alice', finished: { 1: now - 6 * DAY, 3: now - DAY } },
      ],
      now,
      'en',
    )!;
    expect(summary.title).toBe('Labs this week: 2 finished by 1 learner');
    expect(summary.body).toBe('alice: 1. The first container, 3. Files in and out with cp');
    expect(summary.code!.text.split('\n').map((r) => r.split(/\s{3,}/))).toEqual([
      ['LEARNER', '1', '2', '3', '4', '5', '6', '7'],
      ['alice', '✔', '-', '✔', '-', '-', '-', '-'],
      ['bob', '✔', '2/4', '-', '-', '-', '-', '-'],
    ]);
  });

  it('says when nobody finished a lab this week, in Korean too', () => {
    const records = [{ owner: 'terminal:bob', name: 'bob', finished: { 1: now - 8 * DAY } }];
    expect(weeklySummary(records, now, 'en')!.title).toBe('Labs this week: none finished');
    expect(weeklySummary(records, now, 'ko')!.title).toBe('이번 주 실습: 마친 사람이 없습니다');
  });
});
