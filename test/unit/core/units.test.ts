import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable } from '../../../src/core/table.js';
import { formatAge, formatBytes, formatDuration, parseBytes, parseDuration } from '../../../src/core/units.js';

describe('units', () => {
  it('reads sizes and durations as the Docker CLI does, and says what is wrong in both languages', () => {
    expect(parseBytes('64m')).toBe(64 * 1024 ** 2);
    expect(parseDuration('1m30s')).toBe(90_000);
    try {
      parseBytes('lots', '--memory');
      expect.unreachable();
    } catch (error) {
      const e = error as { text(l: string): string; hint(l: string): string };
      expect(e.text('en')).toBe('--memory: "lots" is not a size.');
      expect(e.text('ko')).toBe('--memory: 크기로 읽을 수 없는 값입니다: "lots"');
    }
  });

  it('says durations and ages in the reader’s language', () => {
    expect(formatDuration(500)).toBe('500 ms');
    expect(formatDuration(2_000)).toBe('2.00 s');
    expect(formatDuration(90_000)).toBe('1 min 30 s');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatDuration(2_000, 'ko')).toBe('2.00초');
    expect(formatDuration(90_000, 'ko')).toBe('1분 30초');
    expect(formatDuration(3_600_000, 'ko')).toBe('1시간');
    expect(formatAge(0, 180_000)).toBe('3 minutes ago');
    expect(formatAge(0, 180_000, 'ko')).toBe('3분 전');
    expect(formatAge(0, 3 * 86_400_000, 'ko')).toBe('3일 전');
    expect(formatBytes(3_002_500)).toBe('3MB');
  });
});

describe('tables', () => {
  it('counts Hangul as two columns, so Korean headers line up with their rows', () => {
    expect(displayWidth('이름')).toBe(4);
    expect(displayWidth('web')).toBe(3);
    expect(formatTable(['이름', '크기'], [['web', '1kB']]).split('\n')).toEqual(['이름   크기', 'web    1kB']);
  });
});
