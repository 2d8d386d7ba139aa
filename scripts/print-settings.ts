// Prints the settings table from the one definition in src/config.ts; with --write, puts it into the README.
import { readFileSync, writeFileSync } from 'node:fs';
import { settingsTable } from '../src/config.js';

if (process.argv.includes('--write')) {
  const readme = new URL('../README.md', import.meta.url);
  const text = readFileSync(readme, 'utf8').replace(
    /(<!-- settings:start -->\n)[\s\S]*?(\n<!-- settings:end -->)/,
    `$1${settingsTable()}$2`,
  );
  writeFileSync(readme, text);
} else {
  process.stdout.write(`${settingsTable()}\n`);
}
