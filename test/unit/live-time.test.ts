import { describe, expect, it } from 'vitest';
import { dockerTimestamp, goDurationMs } from '../../src/core/docker-time.js';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0); // 2024-05-01T12:00:00Z
const SECONDS = NOW / 1000;

describe('logs --since/--until values, as the Docker CLI reads them', () => {
  it('counts a Go duration back from now', () => {
    expect(dockerTimestamp('10m', NOW)).toBe(String(SECONDS - 600));
    expect(dockerTimestamp('1h30m', NOW)).toBe(String(SECONDS - 5400));
    expect(dockerTimestamp('1.5h', NOW)).toBe(String(SECONDS - 5400));
    expect(dockerTimestamp('1500ms', NOW)).toBe(String(SECONDS - 2));
    expect(goDurationMs('2h45m30s')).toBe((2 * 3600 + 45 * 60 + 30) * 1000);
  });

  it('reads RFC 3339 times and their shorter forms, keeping nanoseconds; no zone is UTC', () => {
    expect(dockerTimestamp('2024-05-01T13:04:05Z', NOW)).toBe('1714568645.000000000');
    expect(dockerTimestamp('2024-05-01T13:04:05.123456789Z', NOW)).toBe('1714568645.123456789');
    expect(dockerTimestamp('2024-05-01T22:04:05+09:00', NOW)).toBe('1714568645.000000000');
    expect(dockerTimestamp('2024-05-01T13:04:05.5', NOW)).toBe('1714568645.500000000');
    expect(dockerTimestamp('2024-05-01T13:04', NOW)).toBe('1714568640.000000000');
    expect(dockerTimestamp('2024-05-01T13', NOW)).toBe('1714568400.000000000');
    expect(dockerTimestamp('2024-05-01', NOW)).toBe('1714521600.000000000');
  });

  it('passes Unix timestamps on as they are', () => {
    expect(dockerTimestamp('1714568645', NOW)).toBe('1714568645');
    expect(dockerTimestamp('1714568645.000000001', NOW)).toBe('1714568645.000000001');
    expect(dockerTimestamp('0', NOW)).toBe('0');
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'yesterday', '10d', '2024-13-01', '2024-02-30', '2024-05-01T25:00', '2024-05-01 13:04', '1.2.3', '-5', 'm'])
      expect(dockerTimestamp(bad, NOW), bad).toBeUndefined();
  });
});
