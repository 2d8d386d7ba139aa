import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandJob } from '../../src/core/job.js';
import { CommandQueue, startCommandWorker } from '../../src/queue/command-queue.js';
import { redisConnection, type SentinelSettings } from '../../src/queue/redis.js';
import { ReplicaBarrier } from '../../src/queue/replica-barrier.js';
import { loadConfig } from '../../src/config.js';
import type { Delivery } from '../../src/core/job.js';
import { startStack } from '../../src/stack.js';
import { cleanUp, isolatedEnv, testLog } from '../helpers/test-stack.js';
import { freePort } from '../helpers/processes.js';

/**
 * Redis that survives losing its primary: Debian's redis-server (a primary and a replica) and redis-sentinel (three)
 * on loopback, on ports of this test's own, watching a primary under a name of its own (a sentinel the package
 * started on 26379 watches its own and is left alone). Stevedore's connections go through the sentinels; the cases
 * are those of bullmq#3088 (a worker stuck after the primary is lost) and #648 (UNBLOCKED when the primary is
 * demoted under a blocked worker) and #4378/#4585 (every Redis and sentinel gone longer than a blocking read's
 * watchdog, the worker's connection left looking for the primary, then all back).
 */
const id = randomBytes(3).toString('hex');
const DIR = join(process.cwd(), '.data', `sentinel-test-${id}`);
const MASTER = `sv-${id}`;
const PREFIX = `{sv-sentinel-${id}}`;
const started = Date.now();
const step = (text: string) => console.log(`[sentinel ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${text}`);

const servers = new Map<number, ChildProcess>();
let sentinelPorts: number[] = [];
let dataPorts: number[] = [];
let settings: SentinelSettings;
let producer: Redis;
let blocking: Redis;
let barrierConnection: Redis;
let queue: CommandQueue;
/** How many replicas confirmed the last job queued (the queue's own barrier, as the bot runs it). */
let lastConfirmed = 0;
let worker: Worker<CommandJob>;
const processed = new Set<string>();

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve()
      .then(check)
      .catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts redis-server (or a sentinel) in the foreground, as a child of this test, and waits for its PONG. */
async function start(port: number, args: string[]): Promise<void> {
  const child = spawn(args[0]!, args.slice(1), { stdio: 'ignore' });
  servers.set(port, child);
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  await until(`PONG on ${port}`, async () => (await probe.connect().catch(() => {}), (await probe.ping()) === 'PONG'));
  probe.disconnect();
}

async function startData(port: number, replicaOf?: number): Promise<void> {
  const dir = join(DIR, `redis-${port}`);
  mkdirSync(dir, { recursive: true });
  await start(port, [
    'redis-server',
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'],
    ...(replicaOf ? ['--replicaof', '127.0.0.1', String(replicaOf)] : []),
  ]);
}

const sentinel = () => new Redis({ port: sentinelPorts[0], host: '127.0.0.1' }).on('error', () => {});
async function primaryPort(): Promise<number> {
  const s = sentinel();
  try {
    const [, port] = (await s.call('SENTINEL', 'get-master-addr-by-name', MASTER)) as [string, string];
    return Number(port);
  } finally {
    s.disconnect();
  }
}

/** Queues a job as the bot does, through the replica barrier: what "queued" promises across a failover (WAIT 1). */
async function queueOne(n: number): Promise<{ id: string; replicated: number; ms: number } | undefined> {
  const t0 = performance.now();
  try {
    lastConfirmed = 0;
    const { jobId } = await queue.enqueue({
      text: `job ${n}`,
      who: { platform: 'terminal', userId: 'u', channelId: 'c' },
      replyTo: { route: 'r', channelId: 'c' },
    });
    return { id: jobId, replicated: lastConfirmed, ms: performance.now() - t0 };
  } catch {
    return undefined; // refused while the primary is away: the user hears "could not be queued", nothing is promised
  }
}

/** Queues jobs one after another while `during` runs, then until `after` more were acknowledged. */
async function flowing(during: () => Promise<void>, after = 10) {
  const acked: { id: string; replicated: number; ms: number }[] = [];
  let refused = 0;
  let stop = false;
  let n = 0;
  const producerLoop = (async () => {
    while (!stop) {
      const result = await queueOne(n++);
      if (result) acked.push(result);
      else {
        refused += 1;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  })();
  await during();
  const mark = acked.length;
  await until(`${after} jobs acknowledged after the event`, () => acked.length >= mark + after, 60_000);
  stop = true;
  await producerLoop;
  return { acked, refused, afterMark: mark };
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  dataPorts = [await freePort(), await freePort()];
  sentinelPorts = [await freePort(), await freePort(), await freePort()];
  await startData(dataPorts[0]!);
  await startData(dataPorts[1]!, dataPorts[0]);
  for (const port of sentinelPorts) {
    const conf = join(DIR, `sentinel-${port}.conf`);
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${DIR}`,
        `sentinel monitor ${MASTER} 127.0.0.1 ${dataPorts[0]} 2`,
        `sentinel down-after-milliseconds ${MASTER} 1000`,
        `sentinel failover-timeout ${MASTER} 5000`,
        `sentinel parallel-syncs ${MASTER} 1`,
        '',
      ].join('\n'),
    );
    await start(port, ['redis-sentinel', conf]);
  }
  settings = { redisSentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`), redisSentinelMaster: MASTER };
  await until('the sentinels to see the replica', async () => {
    const s = sentinel();
    const replicas = (await s.call('SENTINEL', 'replicas', MASTER)) as unknown[];
    s.disconnect();
    return replicas.length === 1;
  });
  producer = redisConnection('redis://127.0.0.1', 'producer', settings);
  blocking = redisConnection('redis://127.0.0.1', 'worker', settings);
  barrierConnection = redisConnection('redis://127.0.0.1', 'producer', settings);
  for (const c of [producer, blocking, barrierConnection]) c.on('error', () => {});
  const barrier = new ReplicaBarrier(barrierConnection, `${PREFIX}:acks:replicated`, 1, 1000);
  const replicas = { wait: async () => (lastConfirmed = await barrier.wait()) };
  queue = new CommandQueue({ connection: producer, prefix: PREFIX, attempts: 1, jobsKept: 1000, replicas });
  worker = startCommandWorker({
    connection: blocking,
    prefix: PREFIX,
    concurrency: 4,
    lockMs: 5000,
    log: testLog(),
    process: async (run) => (processed.add(run.id), { kind: 'done', result: null }),
  });
  step(`primary ${dataPorts[0]}, replica ${dataPorts[1]}, sentinels ${sentinelPorts.join(',')}, primary name ${MASTER}`);
});

afterAll(async () => {
  await worker?.close().catch(() => {});
  await queue?.close().catch(() => {});
  for (const c of [producer, blocking, barrierConnection]) c?.disconnect();
  for (const child of servers.values()) child.kill('SIGKILL');
  rmSync(DIR, { recursive: true, force: true });
});

/** Every job acknowledged with a replica's copy is run: none is lost with the primary. */
async function expectAllRun(acked: { id: string; replicated: number }[]) {
  const promised = acked.filter((a) => a.replicated >= 1).map((a) => a.id);
  await until(`all ${promised.length} replicated jobs to run`, () => promised.every((id) => processed.has(id)), 60_000);
  return promised.length;
}

describe('Redis Sentinel failover', () => {
  it('follows the primary when it is killed while commands flow, and the worker goes on (bullmq#3088)', async () => {
    const old = await primaryPort();
    const { acked, refused, afterMark } = await flowing(async () => {
      await until('some jobs queued first', () => processed.size >= 10);
      servers.get(old)!.kill('SIGKILL');
      step(`primary ${old} killed`);
      await until('a new primary', async () => (await primaryPort()) !== old, 30_000);
      step(`sentinels promoted ${await primaryPort()}`);
    });
    const promised = await expectAllRun(acked);
    // A replica confirmed the jobs before the kill: the promise was made, and is checked (a barrier that never
    // waited would fail here).
    expect(promised).toBeGreaterThan(0);
    // Only while a replica exists: after the failover the new primary has none, and WAIT runs out its timeout.
    const waits = acked
      .filter((a) => a.replicated >= 1)
      .map((a) => a.ms)
      .sort((a, b) => a - b);
    step(
      `${acked.length} acknowledged (${promised} with a replica's copy, ${afterMark} before the new primary), ${refused} refused during the failover; ` +
        `add+WAIT 1 median with a replica ${waits[Math.floor(waits.length / 2)]!.toFixed(1)} ms`,
    );
    expect(acked.slice(afterMark).every((a) => processed.has(a.id))).toBe(true);
  });

  it('goes on when the primary is demoted under a blocked worker (SENTINEL FAILOVER; bullmq#648)', async () => {
    // The killed primary comes back; the sentinels make it a replica of the new one.
    const killed = dataPorts.find((p) => servers.get(p)!.exitCode !== null || servers.get(p)!.signalCode !== null)!;
    await startData(killed);
    await until('the old primary back as a replica', async () => {
      const s = sentinel();
      const replicas = (await s.call('SENTINEL', 'replicas', MASTER)) as string[][];
      s.disconnect();
      return replicas.some((r) => r.includes(String(killed)) && r[r.indexOf('flags') + 1] === 'slave');
    });
    const before = await primaryPort();
    const { acked, afterMark } = await flowing(async () => {
      const s = sentinel();
      await s.call('SENTINEL', 'failover', MASTER);
      s.disconnect();
      await until('the switch', async () => (await primaryPort()) !== before, 30_000);
      step(`primary switched from ${before} to ${await primaryPort()} by SENTINEL FAILOVER`);
    });
    await expectAllRun(acked);
    // The worker blocked on the demoted primary goes on: every job queued after the switch is run.
    await until('every job queued after the switch to run', () => acked.slice(afterMark).every((a) => processed.has(a.id)), 60_000);
  });

  it('comes back after every Redis and sentinel was down longer than a blocking read (bullmq#4378, #4585)', async () => {
    const primary = await primaryPort();
    const replicaPort = dataPorts.find((p) => p !== primary)!;
    const before = processed.size;
    for (const child of servers.values()) child.kill('SIGKILL');
    servers.clear();
    step(`every Redis and sentinel killed (primary ${primary})`);
    // The outage is the scenario: longer than BullMQ's blocking read and its watchdog, so the worker's blocking
    // connection is torn down while it is asking the (absent) sentinels for the primary.
    await new Promise((r) => setTimeout(r, 12_000));
    await startData(primary);
    await startData(replicaPort, primary);
    for (const port of sentinelPorts) await start(port, ['redis-sentinel', join(DIR, `sentinel-${port}.conf`)]);
    step('all back');
    const { acked } = await flowing(async () => {}, 10);
    // The primary stayed the primary: every job it acknowledged runs, with a replica's copy or not.
    await until(`all ${acked.length} jobs queued after the outage to run`, () => acked.every((a) => processed.has(a.id)), 60_000);
    step(`${acked.length} acknowledged after the outage (${acked.filter((a) => a.replicated >= 1).length} with a replica's copy), all run`);
    expect(processed.size).toBeGreaterThan(before);
  });

  it('carries a whole Stevedore (bot and worker roles) through a failover: every command acknowledged answered once', async () => {
    await until('the replica in sync again', async () => {
      const s = sentinel();
      const replicas = (await s.call('SENTINEL', 'replicas', MASTER)) as string[][];
      s.disconnect();
      return replicas.some((r) => r[r.indexOf('flags') + 1] === 'slave' && r[r.indexOf('master-link-status') + 1] === 'ok');
    });
    const policy =
      'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000, queuedJobs: 1000, queueDepth: 5000 }\n';
    const config = loadConfig(
      isolatedEnv(
        {
          REDIS_URL: 'redis://127.0.0.1',
          REDIS_SENTINELS: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
          REDIS_SENTINEL_MASTER: MASTER,
          HEALTH_PORT: '0',
        },
        policy,
      ),
    );
    const stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
    const route = `sentinel-stack-${id}`;
    const finals = new Map<string, number>();
    stack.closables.push(
      stack.deliveries.consume(
        route,
        async (d: Delivery) => void (d.kind === 'final' && finals.set(d.jobId, (finals.get(d.jobId) ?? 0) + 1)),
        testLog(),
      ),
    );
    const acked: string[] = [];
    let refused = 0;
    let stop = false;
    let n = 0;
    const commands = (async () => {
      while (!stop) {
        n += 1;
        const answer = await stack.handle!({
          platform: 'terminal',
          userId: `u${n % 5}`,
          channelId: route,
          text: `run --rm busybox echo stack-${n}`,
          replyTo: { route, channelId: route },
        });
        if (answer.kind === 'queued') acked.push(answer.queued.jobId);
        else refused += 1; // "could not be queued" while the primary switches: nothing was promised
        await new Promise((r) => setTimeout(r, 250)); // a command every quarter second, as a busy channel
      }
    })();
    try {
      await until('a few commands answered first', () => finals.size >= 3);
      const before = await primaryPort();
      const s = sentinel();
      await s.call('SENTINEL', 'failover', MASTER);
      s.disconnect();
      await until('the switch', async () => (await primaryPort()) !== before, 30_000);
      const mark = acked.length;
      await until('5 commands acknowledged after the switch', () => acked.length >= mark + 5, 60_000);
      stop = true;
      await commands;
      await until(`all ${acked.length} acknowledged commands answered`, () => acked.every((j) => finals.has(j)), 240_000);
      // A delivery whose completion the old primary took after the switch is run again by BullMQ: its mark of the
      // reply sent (confirmed by the replica) keeps it from being sent twice.
      const twice = [...finals.entries()].filter(([j, c]) => acked.includes(j) && c > 1).map(([j]) => j);
      step(`whole stack: ${acked.length} acknowledged, ${refused} refused during the switch, all answered (${twice.length} twice)`);
      expect(twice).toEqual([]);
    } finally {
      stop = true;
      await commands;
      await stack.close().catch(() => {});
      await cleanUp(config).catch(() => {});
    }
  });
});
