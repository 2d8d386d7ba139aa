// Chaos: faults injected for real while commands flow, one after the other, each on a Redis and a queue of its own;
// one table at the end: fault, times injected, accepted, final replies, duplicates, orphans, recovery p50 / max.
// Recovery: from an injection to the final reply of the last job that was in flight when it came.
// Usage: npm run chaos -- [--commands 60] [--users 10] [--deadline 240] [--acks 300] [--only engine]
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/config.js';
import { startStack, type Stack } from '../src/stack.js';
import { exited, spawnStevedore, until } from '../test/helpers/processes.js';
import { cleanUp, deploymentContainers, isolatedEnv } from '../test/helpers/test-stack.js';
import { dockerClient } from '../src/sandbox/docker-client.js';
import { OwnRedis } from '../test/faults/own-redis.js';
import { OwnEngine } from '../test/faults/own-engine.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orphans, runLoad, within, type LoadResult } from './load-run.js';
import { arg, machine, median, percentile, printTable } from './report.js';

const COMMANDS = arg('commands', 60);
const USERS = arg('users', 10);
const DEADLINE_S = arg('deadline', 240);
const ACKS = arg('acks', 300);
/** Only the faults whose name contains this (and no acknowledgement costs; `acks`: those alone); empty: all. */
const ONLY = (() => {
  const at = process.argv.indexOf('--only');
  return at > 0 ? (process.argv[at + 1] ?? '').toLowerCase() : '';
})();
const POLICY = 'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000, queuedJobs: 10, queueDepth: 5000 }\n';

interface Row {
  fault: string;
  injected: number;
  result: LoadResult;
  orphans: number;
  recoveries: number[];
}

/** Runs the load against a Redis of its own with `inject` called each time `every` says, and counts. */
interface FaultContext {
  redis: OwnRedis;
  workers: ReturnType<typeof spawnStevedore>[];
  env: Record<string, string>;
  engine?: OwnEngine;
}

async function fault(
  name: string,
  inject: (ctx: FaultContext) => Promise<void>,
  everyMs: number,
  options: { engine?: OwnEngine; text?: (user: number, n: number) => string } = {},
): Promise<Row | undefined> {
  if (ONLY && !name.toLowerCase().includes(ONLY)) return undefined;
  const { engine } = options;
  const redis = await OwnRedis.create();
  const env = isolatedEnv(
    { REDIS_URL: redis.url, JOB_LOCK: '3s', HEALTH_PORT: '0', LOG_LEVEL: 'silent', ...(engine ? { DOCKER_HOST: engine.host } : {}) },
    POLICY,
  );
  const config: Config = loadConfig({ ...process.env, ...env });
  const stack: Stack = await startStack(config, { roles: new Set(['bot']), log: pino({ level: 'silent' }) });
  const workers = [spawnStevedore(env, 'worker'), spawnStevedore(env, 'worker')];
  const injections: number[] = [];
  let stop = false;
  const injector = (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, everyMs));
      if (stop) return;
      injections.push(Date.now());
      await inject({ redis, workers, env, engine }).catch((error: Error) => process.stderr.write(`chaos: ${name}: ${error.message}\n`));
    }
  })();
  const result = await runLoad(stack, `chaos-${name.replace(/\W/g, '-')}`, {
    commands: COMMANDS,
    users: USERS,
    deadlineMs: Date.now() + DEADLINE_S * 1000,
    text: options.text ?? ((u, n) => `run --rm busybox echo ${u}-${n}`),
    progress: (line) => {
      process.stdout.write(`chaos: ${name}: ${line}\n`);
    },
    extra: () => `injected ${injections.length}`,
  });
  stop = true;
  await within(injector, 30_000, undefined);
  // In flight at an injection: accepted before it and answered after it (a job never answered counts as missing).
  const recoveries = injections.flatMap((at) => {
    const after = [...result.acceptedAt]
      .filter(([id, accepted]) => accepted < at && (result.answeredAt.get(id) ?? 0) > at)
      .map(([id]) => result.answeredAt.get(id)! - at);
    return after.length ? [Math.max(...after)] : [];
  });
  const left = await within(orphans(config), 10_000, { containers: -1, volumes: -1 });
  if (left.containers > 0) {
    const docker = dockerClient(config);
    for (const c of await deploymentContainers(docker, config))
      process.stdout.write(`chaos: ${name}: left ${c.Names[0]} ${c.State} ${c.Status}\n`);
  }
  for (const w of workers) w.kill('SIGKILL');
  await within(Promise.all(workers.map(exited)), 10_000, undefined);
  await within(stack.close(), 10_000, undefined);
  await within(cleanUp(config), 15_000, undefined);
  await redis.destroy();
  return { fault: name, injected: injections.length, result, orphans: left.containers + left.volumes, recoveries };
}

const rows: (Row | undefined)[] = [];
rows.push(
  await fault(
    'worker SIGKILL',
    async ({ workers, env }) => {
      const victim = Math.floor(Math.random() * workers.length);
      workers[victim]!.kill('SIGKILL');
      await exited(workers[victim]!);
      workers[victim] = spawnStevedore(env, 'worker');
    },
    8000,
  ),
);
rows.push(
  await fault(
    'Redis SIGKILL, restarted',
    async ({ redis }) => {
      await redis.kill();
      await redis.start();
    },
    15_000,
  ),
);

rows.push(
  await fault(
    'Redis at maxmemory (noeviction), freed',
    async ({ redis }) => {
      // Filled for real with a key of its own until Redis answers OOM; held while commands keep coming; then freed.
      const client = new Redis(redis.url);
      try {
        const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))![1]);
        await client.config('SET', 'maxmemory', String(used + 4 * 1024 * 1024));
        const chunk = 'x'.repeat(64 * 1024);
        while (
          await client.append('chaos-filler', chunk).then(
            () => true,
            () => false,
          )
        );
        await new Promise((r) => setTimeout(r, 3000));
        await client.del('chaos-filler');
        await client.config('SET', 'maxmemory', '0');
      } finally {
        client.disconnect();
      }
    },
    12_000,
  ),
);

// The engine (one of its own, with live-restore) restarted while containers run: they must be finished, not lost.
const engine =
  ONLY && !'engine restarted (live-restore)'.includes(ONLY)
    ? undefined
    : new OwnEngine(join(tmpdir(), `sv-chaos-engine-${process.pid}`), { liveRestore: true });
if (engine) {
  await engine.start();
  engine.seed('busybox:latest');
  rows.push(
    await fault('engine restarted (live-restore)', async ({ engine: e }) => e!.restart(), 10_000, {
      engine,
      text: (u, n) => `run --rm busybox sh -c 'sleep 1; echo ${u}-${n}'`,
    }),
  );
  await engine.destroy();
}

/**
 * What one acknowledgement costs with each fsync policy, and with a replica that must hold the job first (WAIT 1,
 * REDIS_WAIT_REPLICAS=1, the replica on loopback): sequential commands to a bot on a Redis of its own.
 */
async function ackCost(fsync: 'everysec' | 'always', replicated = false): Promise<number[]> {
  const redis = await OwnRedis.create(['--appendfsync', fsync]);
  const replica = replicated ? await OwnRedis.create(['--replicaof', '127.0.0.1', String(redis.port)]) : undefined;
  if (replica) await until(() => /master_link_status:up/.test(replica.cli('info', 'replication')), 30_000, 'the replica');
  const env = isolatedEnv(
    { REDIS_URL: redis.url, HEALTH_PORT: '0', LOG_LEVEL: 'silent', REDIS_WAIT_REPLICAS: replicated ? '1' : '0' },
    POLICY.replace('queuedJobs: 10', 'queuedJobs: 100000'),
  );
  const config = loadConfig({ ...process.env, ...env });
  const stack = await startStack(config, { roles: new Set(['bot']), log: pino({ level: 'silent' }) });
  const times: number[] = [];
  for (let n = 0; n < ACKS + 50; n++) {
    const t = performance.now();
    const answer = await stack.handle!({
      platform: 'terminal',
      userId: `ack-${n % 10}`,
      channelId: 'acks',
      text: `run --rm busybox echo ${n}`,
      replyTo: { route: 'chaos-acks', channelId: 'acks' },
    });
    if (answer.kind !== 'queued') throw new Error(`ack ${n} not queued`);
    if (n >= 50) times.push(performance.now() - t); // the first 50 warm up
  }
  await within(stack.close(), 10_000, undefined);
  await within(cleanUp(config), 15_000, undefined);
  await replica?.destroy();
  await redis.destroy();
  return times;
}
const acks =
  ONLY && ONLY !== 'acks'
    ? undefined
    : { everysec: await ackCost('everysec'), always: await ackCost('always'), 'everysec + WAIT 1': await ackCost('everysec', true) };
const ran = rows.filter((r): r is Row => r !== undefined);

const s = (ms: number[]) => (ms.length ? `${(median(ms) / 1000).toFixed(1)} / ${(Math.max(...ms) / 1000).toFixed(1)}` : '-');
printTable(
  'Chaos',
  ran.map((r) => [
    r.fault,
    String(r.injected),
    String(r.result.accepted),
    String(r.result.refused),
    String(r.result.finals.size),
    String(r.result.missing.length),
    String(r.result.duplicates),
    String(r.orphans),
    s(r.recoveries),
  ]),
  [
    'fault',
    'times injected',
    'accepted',
    'refused at the door',
    'final replies',
    'missing',
    'duplicates',
    'orphans',
    'recovery p50 / max (s)',
  ],
);
if (acks)
  printTable(
    `What "queued" costs per acknowledgement (${ACKS} sequential, one bot, ${machine()})`,
    (['everysec', 'always', 'everysec + WAIT 1'] as const).map((k) => [
      `appendfsync ${k}`,
      median(acks[k]).toFixed(2),
      percentile(acks[k], 99).toFixed(2),
    ]),
    ['AOF fsync', 'ack p50 (ms)', 'ack p99 (ms)'],
  );
for (const r of ran) for (const [why, n] of r.result.refusals) process.stdout.write(`chaos: ${r.fault}: refused ${n}: ${why}\n`);
process.exit(ran.every((r) => r.result.missing.length === 0 && r.result.duplicates === 0 && r.orphans === 0) ? 0 : 1);
