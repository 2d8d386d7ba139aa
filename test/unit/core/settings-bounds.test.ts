import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

describe('settings that bound the worker', () => {
  it('refuses an output limit past 8m, which would hold a worker long enough to look stalled', () => {
    expect(() => loadConfig({ OUTPUT_LIMIT: '64m' })).toThrow(/OUTPUT_LIMIT="64m": at most 8m/);
    expect(loadConfig({ OUTPUT_LIMIT: '8m' }).outputLimit).toBe(8 * 1024 * 1024);
  });
});
