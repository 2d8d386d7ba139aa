import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { settingsTable } from '../../src/config.js';
import { accessTable } from '../../src/policy/access.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const between = (name: string) => new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme)?.[1];

describe('README', () => {
  it('shows the settings table exactly as the settings define it', () => {
    expect(between('settings'), 'run: npx tsx scripts/print-settings.ts --write').toBe(settingsTable());
  });

  it('shows the access table exactly as the command definitions and the default policy define it', () => {
    expect(between('access'), 'run: npx tsx scripts/print-settings.ts --write').toBe(accessTable(commands.all));
  });
});
