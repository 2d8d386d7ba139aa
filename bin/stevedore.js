#!/usr/bin/env node
// `npx stevedore ...`: makes sure the services run, then starts Stevedore from its TypeScript sources.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const setup = spawnSync('bash', [join(root, 'scripts/services.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
if (setup.status !== 0) process.exit(setup.status ?? 1);
const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
