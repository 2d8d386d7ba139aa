import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { exited } from '../helpers/processes.js';
import { cleanUp, deploymentContainers, isolatedEnv } from '../helpers/test-stack.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { OwnRedis } from './own-redis.js';

const ROOT = resolve(import.meta.dirname, '../..');
const COMMANDS = 12;

let redis: OwnRedis;
let env: Record<string, string>;
let config: Config;

beforeAll(async () => {
  redis = await OwnRedis.create();
  env = isolatedEnv({ REDIS_URL: redis.url, HEALTH_PORT: '0', SHUTDOWN_GRACE: '5s' });
  config = loadConfig(env);
});
afterAll(async () => {
  if (config) await cleanUp(config).catch(() => {});
  await redis?.destroy();
});

describe('the terminal, its input piped, with Redis killed mid-burst', () => {
  it('prints every final reply and then exits, because its input ended', async () => {
    // The terminal as a script runs it: `… | npx stevedore`, every role in one process.
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, STEVEDORE_ROLES: 'all' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    const finals = () => (out.match(/✔ busybox:latest echo t-\d+$/gm) ?? []).length;
    let killed: Promise<void> | undefined;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      // Redis is killed (SIGKILL) as the first reply comes back, with the other jobs queued or running; it is
      // started again at once, on the same AOF.
      if (!killed && finals() > 0) killed = redis.kill().then(() => redis.start());
    });
    child.stdin.end(Array.from({ length: COMMANDS }, (_, i) => `/docker run --rm busybox echo t-${i}\n`).join(''));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    await killed;
    expect(killed).toBeDefined();
    expect(code).toBe(0);
    // Each command accounted for once: its output (one final reply), or refused at the door with the reason.
    const refused = (out.match(/✖ The command could not be queued: .*$/gm) ?? []).length;
    expect({ finals: finals(), refused, other: out.match(/✖ .*$/gm)?.filter((l) => !l.includes('could not be queued')) ?? [] }).toEqual({
      finals: COMMANDS - refused,
      refused,
      other: [],
    });
    for (let i = 0; i < COMMANDS; i++) expect(out.split(`\nt-${i}\n`).length).toBeLessThanOrEqual(2);
    expect(await deploymentContainers(dockerClient(config), config)).toEqual([]);
    await exited(child);
  });
});
