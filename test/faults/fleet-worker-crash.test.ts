import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { LABEL } from '../../src/policy/labels.js';
import { startStack, type Stack } from '../../src/stack.js';
import { exited, spawnStevedore, until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, testLog } from '../helpers/test-stack.js';
import { OwnEngine } from './own-engine.js';
import { RegistryMirror } from './registry-mirror.js';

/** Two engines pulling through the project's registry as their mirror, each served by a worker process of its own (WORKER_HOSTS), and a bot. */
const mirror = new RegistryMirror(join(tmpdir(), `sv-fleet-crash-mirror-${process.pid}`));
const engines = {
  a: new OwnEngine(join(tmpdir(), `sv-fleet-crash-a-${process.pid}`), { mirror: { registry: mirror, name: 'a' } }),
  b: new OwnEngine(join(tmpdir(), `sv-fleet-crash-b-${process.pid}`), { mirror: { registry: mirror, name: 'b' } }),
};
let env: Record<string, string>;
let config: Config;
let bot: Stack;
const workers: Record<string, ReturnType<typeof spawnStevedore>> = {};

/** This deployment's containers on one engine, by the name their owner gave them. */
function namesOn(engine: OwnEngine, state?: 'running'): string[] {
  const filters = ['--filter', `label=${LABEL.deployment}=${config.deployment}`, ...(state ? ['--filter', `status=${state}`] : [])];
  return engine
    .docker('ps', '-a', ...filters, '--format', `{{.Label "${LABEL.name}"}}`)
    .stdout.split('\n')
    .filter((n) => n && n !== 'volume-setup');
}

beforeAll(async () => {
  await mirror.start();
  for (const engine of Object.values(engines)) {
    await engine.start();
    engine.pull('busybox:latest');
  }
  env = isolatedEnv({ SANDBOX_HOSTS: `a=${engines.a.host}?slots=2 b=${engines.b.host}?slots=2`, JOB_LOCK: '2s' });
  config = loadConfig(env);
  bot = await startStack(config, {
    roles: new Set(['bot']),
    log: testLog(),
    terminalOut: new PassThrough().resume(),
    terminalUser: 'alice',
  });
  for (const host of ['a', 'b']) workers[host] = spawnStevedore({ ...env, WORKER_HOSTS: host }, 'worker');
  // Each worker process takes from the shared queue and from its host's own.
  await until(async () => (await bot.commandQueue.queue.getWorkers()).length === 2, 30_000, 'both workers');
}, 120_000);

afterAll(async () => {
  for (const w of Object.values(workers)) w.kill('SIGKILL');
  await bot?.close();
  if (config) await cleanUp(config);
  for (const engine of Object.values(engines)) await engine.destroy();
  await mirror.destroy();
}, 120_000);

describe('the worker serving a host killed while its container runs', () => {
  it('leaves the job to the other worker, which finishes it on the same host, once', async () => {
    const replies = [0, 1, 2].map((i) => bot.terminal!.submit(`run --name slow-${i} busybox sh -c "sleep 4; echo slow-${i}"`));
    await until(() => namesOn(engines.a, 'running').length > 0, 60_000, 'a container running on host a');
    const [caught] = namesOn(engines.a, 'running');
    workers.a!.kill('SIGKILL');
    await exited(workers.a!);
    const finals = await Promise.all(replies);
    expect(finals.map((r) => r.code?.text.trim()).sort()).toEqual(['slow-0', 'slow-1', 'slow-2']);
    // The caught job was collected from its container on a by b's worker: made once, on a alone.
    expect(finals.find((r) => r.code?.text.trim() === caught)!.body).toMatch(/Collected from the container this job had already started/);
    expect(namesOn(engines.a).filter((n) => n === caught)).toHaveLength(1);
    expect(namesOn(engines.b)).not.toContain(caught);
  }, 180_000);
});
