import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Delivery } from '../../src/core/job.js';
import { COMMAND_QUEUE } from '../../src/queue/names.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { startStack, type Stack } from '../../src/stack.js';
import { exited, spawnStevedore, until } from '../helpers/processes.js';
import { cleanUp, deploymentContainers, engineEvents, isolatedEnv, testLog } from '../helpers/test-stack.js';

// A worker fed a huge output (a container writing a gigabyte as fast as it can): its lock on the job must not lapse
// so that another worker takes the job for a stalled one and runs it again. Two worker processes and 1 s locks, so
// the other one is there to take the job if the lock did lapse. At the default OUTPUT_LIMIT the reading stops at the
// cap; a limit of tens of megabytes keeps the event loop busy for seconds in one piece (bench/README.md, Chaos).
const OUTPUT = 1024 * 1024 * 1024;

let env: Record<string, string>;
let config: Config;
let stack: Stack;
let redis: Redis;
let queue: Queue;
const workers: ReturnType<typeof spawnStevedore>[] = [];

beforeAll(async () => {
  env = isolatedEnv({ JOB_LOCK: '1s', RUN_TIMEOUT: '2m', HEALTH_PORT: '0', WORKER_CONCURRENCY: '2' });
  config = loadConfig(env);
  redis = new Redis(config.redisUrl);
  queue = new Queue(COMMAND_QUEUE, { connection: redis, prefix: config.queuePrefix });
  stack = await startStack(config, { roles: new Set(['bot']), log: testLog() });
  workers.push(spawnStevedore(env, 'worker'), spawnStevedore(env, 'worker'));
  await until(async () => (await queue.getWorkers()).length >= 2, 30_000, 'both workers');
});
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  await Promise.all(workers.map(exited));
  await stack?.close();
  await queue?.close();
  redis?.disconnect();
  if (config) await cleanUp(config).catch(() => {});
});

describe('a worker busy with a huge output', () => {
  it('keeps its job: not failed as stalled, not run twice, one final reply', async () => {
    const route = `busy-${Date.now().toString(36)}`;
    const finals: Extract<Delivery, { kind: 'final' }>[] = [];
    let wake = () => {};
    stack.closables.push(
      stack.deliveries.consume(
        route,
        async (d) => {
          if (d.kind === 'final') finals.push(d);
          wake();
        },
        testLog(),
      ),
    );
    let jobId = '';
    const events = await engineEvents(dockerClient(config), config.deployment, async () => {
      const answer = await stack.handle!({
        platform: 'terminal',
        userId: 'alice',
        channelId: route,
        text: `run --rm busybox sh -c 'yes stevedore-output-line | head -c ${OUTPUT}'`,
        replyTo: { route, channelId: route },
      });
      if (answer.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(answer)}`);
      jobId = answer.queued.jobId;
      await new Promise<void>((resolve) => {
        wake = () => finals.length > 0 && resolve();
        wake();
      });
      await until(async () => (await stack.deliveries.pending(route)) === 0, 30_000, 'the route to drain');
    });
    expect(finals).toHaveLength(1);
    expect(await queue.getJobState(jobId)).toBe('completed');
    // BullMQ's count of the times it found the job's lock gone: none.
    expect(Number((await redis.hget(queue.toKey(jobId), 'stc')) ?? 0)).toBe(0);
    expect(events.filter((e) => e === 'create')).toHaveLength(1);
    expect(await deploymentContainers(dockerClient(config), config)).toEqual([]);
  }, 180_000);
});
