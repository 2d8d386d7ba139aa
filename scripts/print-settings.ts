// Prints the README's settings table from the one definition in src/config.ts.
import { settingsTable } from '../src/config.js';

process.stdout.write(`${settingsTable()}\n`);
