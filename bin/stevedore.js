#!/usr/bin/env node
// `npx stevedore ...`: makes sure the services run, compiles when the sources changed, then starts Stevedore.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root }).status;

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (t, e) => Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
    0,
  );
const built = (() => {
  try {
    return statSync(join(root, 'dist/src/main.js')).mtimeMs;
  } catch {
    return 0;
  }
})();

if (run('bash', [join(root, 'scripts/services.sh')]) !== 0) process.exit(1);
if (built < Math.max(newest(join(root, 'src')), newest(join(root, 'commands'))) && run('npm', ['run', '-s', 'build']) !== 0)
  process.exit(1);
const result = spawnSync(process.execPath, [join(root, 'dist/src/main.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
