import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { LABEL } from '../../src/policy/labels.js';
import { startStack, type Stack } from '../../src/stack.js';
import { freePort, spawnStevedore, until, exited } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, testLog } from '../helpers/test-stack.js';
import { OwnEngine } from './own-engine.js';
import { RegistryMirror } from './registry-mirror.js';

/**
 * Two engines pulling through the project's registry as their mirror, each served by a worker process of its own
 * (WORKER_HOSTS), a third worker process that would serve both (it stands by: one process serves a host at a time,
 * HOST_LEASE), and a bot.
 */
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
  env = isolatedEnv({ SANDBOX_HOSTS: `a=${engines.a.host}?slots=2 b=${engines.b.host}?slots=2`, JOB_LOCK: '2s', HOST_LEASE: '3s' });
  config = loadConfig(env);
  bot = await startStack(config, {
    roles: new Set(['bot']),
    log: testLog(),
    terminalOut: new PassThrough().resume(),
    terminalUser: 'alice',
  });
  for (const host of ['a', 'b']) {
    workers[host] = spawnStevedore({ ...env, WORKER_HOSTS: host }, 'worker');
    await until(async () => (await bot.fleet!.served()).has(host), 30_000, `host ${host} served`);
  }
  // Each worker process takes from the shared queue and from its host's own; the standby, started last, holds none.
  await until(async () => (await bot.commandQueue.queue.getWorkers()).length === 2, 30_000, 'both workers');
  standbyHealth = await freePort();
  workers.standby = spawnStevedore({ ...env, HEALTH_PORT: String(standbyHealth) }, 'worker');
}, 120_000);

afterAll(async () => {
  for (const w of Object.values(workers)) w.kill('SIGKILL');
  await bot?.close();
  if (config) await cleanUp(config);
  for (const engine of Object.values(engines)) await engine.destroy();
  await mirror.destroy();
}, 120_000);

let standbyHealth = 0;
type HealthBody = { checks: Record<string, { ok: boolean; detail?: string }> };

/** The most containers that ran at once on an engine between two moments, from its start and die events. */
function mostAtOnce(engine: OwnEngine, since: number): number {
  const events = engine
    .docker(
      'events',
      '--since',
      String(since),
      '--until',
      String(Math.ceil(Date.now() / 1000) + 1),
      '--filter',
      'type=container',
      '--filter',
      'event=start',
      '--filter',
      'event=die',
      '--filter',
      `label=${LABEL.deployment}=${config.deployment}`,
      '--format',
      '{{.Action}}',
    )
    .stdout.split('\n')
    .filter(Boolean);
  let now = 0;
  let most = 0;
  for (const action of events) most = Math.max(most, (now += action === 'start' ? 1 : -1));
  return most;
}

describe('a host served by one process at a time', () => {
  it('never runs more containers on a host than its slots, with a standby process that would serve it too', async () => {
    // The standby's /healthz says it stands by for both hosts (it has tried both leases): the burst comes after.
    await until(
      async () => {
        const health = await fetch(`http://127.0.0.1:${standbyHealth}/healthz`).then(
          (r) => r.json() as Promise<HealthBody>,
          () => undefined,
        );
        return ['a', 'b'].every((h) => health?.checks[`host ${h}`]?.detail?.startsWith('standing by'));
      },
      30_000,
      'the standby process to stand by for both hosts',
    );
    const since = Math.floor(Date.now() / 1000) - 1;
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => bot.terminal!.submit(`run --rm busybox sh -c "sleep 1; echo burst-${i}"`)),
    );
    expect(burst.map((r) => r.code?.text.trim()).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `burst-${i}`).sort());
    expect(mostAtOnce(engines.a, since)).toBeLessThanOrEqual(2);
    expect(mostAtOnce(engines.b, since)).toBeLessThanOrEqual(2);
  }, 120_000);
});

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

describe('a host no process serves', () => {
  it('is taken over by the standby, refuses work on what it holds (and new work once no host is served), and takes it again', async () => {
    // Worker a was killed above: the standby took host a over once a's lease lapsed.
    await until(async () => (await bot.fleet!.served()).has('a'), 30_000, 'the standby to serve host a');
    const onA = namesOn(engines.a).find((n) => n.startsWith('slow-'))!;
    expect((await bot.terminal!.submit(`logs ${onA}`)).code?.text.trim()).toBe(onA);
    workers.standby!.kill('SIGKILL');
    await exited(workers.standby!);
    await until(async () => !(await bot.fleet!.served()).has('a'), 30_000, 'host a to be served by nobody');
    const refused = await bot.terminal!.submit(`logs ${onA}`);
    expect(refused.status).toBe('error');
    expect(refused.title).toBe('No worker serves sandbox host a, where this lives, at the moment.');
    expect(await bot.commandQueue.pinned.get('a')!.getWaitingCount()).toBe(0); // nothing was queued
    // With no host served at all, new work is refused too (queued, it would wait for ever).
    workers.b!.kill('SIGKILL');
    await exited(workers.b!);
    await until(async () => (await bot.fleet!.served()).size === 0, 30_000, 'no host to be served');
    const none = await bot.terminal!.submit('run --rm busybox echo nobody');
    expect(none.title).toBe('No sandbox host is taking work at the moment; nothing was queued.');
    expect(await bot.commandQueue.queue.getWaitingCount()).toBe(0);
    workers.a = spawnStevedore({ ...env, WORKER_HOSTS: 'a' }, 'worker');
    await until(async () => (await bot.fleet!.served()).has('a'), 30_000, 'a new worker to serve host a');
    expect((await bot.terminal!.submit(`logs ${onA}`)).code?.text.trim()).toBe(onA);
  }, 120_000);
});
