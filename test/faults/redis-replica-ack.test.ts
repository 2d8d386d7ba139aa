import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { ChatRequest } from '../../src/core/request.js';
import { acksUnreplicated } from '../../src/health/metrics.js';
import { startStack, type Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, testLog } from '../helpers/test-stack.js';
import { OwnRedis } from './own-redis.js';

// What "queued" promises with REDIS_WAIT_REPLICAS: the user hears it only once a replica holds the job, so losing
// the primary right after cannot take an acknowledged job. A replica that does not answer delays the
// acknowledgement by REDIS_WAIT_TIMEOUT at most, then the job is queued on the primary alone and counted.
const POLICY = 'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000, queuedJobs: 1000, queueDepth: 5000 }\n';

let primary: OwnRedis;
let replica: OwnRedis;
const stacks: Stack[] = [];
const configs: Config[] = [];

/** A bot (no worker: the jobs stay queued, to be looked for on the replica) asking for one replica's copy. */
async function bot(timeout: string): Promise<Stack> {
  const config = loadConfig(
    isolatedEnv({ REDIS_URL: primary.url, HEALTH_PORT: '0', REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT: timeout }, POLICY),
  );
  configs.push(config);
  const stack = await startStack(config, { roles: new Set(['bot']), log: testLog() });
  stacks.push(stack);
  return stack;
}

const request = (text: string, route: string): ChatRequest => ({
  platform: 'terminal',
  userId: 'replica-user',
  channelId: route,
  text,
  replyTo: { route, channelId: route },
});

/** The job as the replica holds it (its command text), or undefined. */
async function onReplica(stack: Stack, jobId: string): Promise<string | undefined> {
  const connection = new Redis(replica.url);
  try {
    return (await connection.hget(`${stack.commandQueue.queue.keys['']}${jobId}`, 'data')) ?? undefined;
  } finally {
    connection.disconnect();
  }
}

beforeAll(async () => {
  primary = await OwnRedis.create();
  replica = await OwnRedis.create(['--replicaof', '127.0.0.1', String(primary.port)]);
  await until(() => /master_link_status:up/.test(replica.cli('info', 'replication')), 30_000, 'the replica to sync');
});
afterAll(async () => {
  replica?.resume();
  for (const s of stacks) await s.close().catch(() => {});
  for (const c of configs) await cleanUp(c).catch(() => {});
  await replica?.destroy();
  await primary?.destroy();
});

describe('"queued" with REDIS_WAIT_REPLICAS=1', () => {
  it('is said only once the replica holds the job', async () => {
    const stack = await bot('10m');
    const route = `replica-${Date.now().toString(36)}`;
    replica.pause();
    let answered = false;
    const answer = stack.handle!(request('run --rm busybox echo replicated', route)).then((a) => ((answered = true), a));
    // The job is on the primary, and still nobody has heard "queued": the replica has not confirmed it.
    const primaryConnection = new Redis(primary.url);
    await until(async () => (await primaryConnection.keys(`${stack.config.queuePrefix}:*:1`)).length > 0, 30_000, 'the job on the primary');
    primaryConnection.disconnect();
    expect(answered).toBe(false);
    replica.resume();
    const result = await answer;
    expect(result.kind).toBe('queued');
    if (result.kind !== 'queued') return;
    expect(await onReplica(stack, result.queued.jobId)).toContain('replicated');
  });

  it('goes on without the copy after REDIS_WAIT_TIMEOUT when the replica does not answer, and counts it', async () => {
    // A timeout far longer than 20 adds take, so all of them reach the barrier while its first wait is under way.
    const stack = await bot('1s');
    const route = `replica-late-${Date.now().toString(36)}`;
    const before = (await acksUnreplicated.get()).values[0]?.value ?? 0;
    replica.pause();
    // Many at once share the waits: every one is answered after the timeout, none hangs in line behind the others.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => stack.handle!(request(`run --rm busybox echo late-${n}`, route))),
    );
    replica.resume();
    expect(answers.map((a) => a.kind)).toEqual(Array(20).fill('queued'));
    const after = (await acksUnreplicated.get()).values[0]?.value ?? 0;
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(2);
  });
});
