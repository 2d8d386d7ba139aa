// Prints the settings and access tables from the definitions the code reads; with --write, puts them into the README.
import { readFileSync, writeFileSync } from 'node:fs';
import { commands } from '../commands/index.js';
import { settingsTable } from '../src/config.js';
import { accessTable } from '../src/policy/access.js';

const tables = { settings: settingsTable(), access: accessTable(commands.all) };

if (process.argv.includes('--write')) {
  const readme = new URL('../README.md', import.meta.url);
  let text = readFileSync(readme, 'utf8');
  for (const [name, table] of Object.entries(tables)) {
    text = text.replace(new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`), `$1${table}$2`);
  }
  writeFileSync(readme, text);
} else {
  process.stdout.write(`${tables.settings}\n\n${tables.access}\n`);
}
