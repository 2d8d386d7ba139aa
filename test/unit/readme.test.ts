import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsTable } from '../../src/config.js';

describe('README', () => {
  it('shows the settings table exactly as the settings define it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = /<!-- settings:start -->\n([\s\S]*?)\n<!-- settings:end -->/.exec(readme)?.[1];
    expect(table, 'run: npx tsx scripts/print-settings.ts --write').toBe(settingsTable());
  });
});
