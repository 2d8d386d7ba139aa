import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Delivery } from '../../src/core/job.js';
import type { ChatRequest } from '../../src/core/request.js';
import { COMMAND_QUEUE } from '../../src/queue/names.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { startStack, type Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, deploymentContainers, isolatedEnv, testLog } from '../helpers/test-stack.js';
import { OwnRedis } from './own-redis.js';

// What "queued" promises when Redis dies outright. Redis appends every write to its AOF buffer and writes that buffer
// to the file (write(2), into the kernel's page cache) before it answers the client; `appendfsync everysec` only
// decides when the page cache is forced to the disk. A process killed with SIGKILL leaves the page cache to the
// kernel, so every job Redis acknowledged is in the file when Redis starts again: only a machine crash (power, kernel)
// can take the last second.
const COMMANDS = 20;
const POLICY = 'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000, queuedJobs: 1000, queueDepth: 5000 }\n';

let redis: OwnRedis;
let env: Record<string, string>;
let config: Config;
const stacks: Stack[] = [];

beforeAll(async () => {
  redis = await OwnRedis.create();
  env = isolatedEnv({ REDIS_URL: redis.url, HEALTH_PORT: '0', SHUTDOWN_GRACE: '2s' }, POLICY);
  config = loadConfig(env);
});
afterAll(async () => {
  for (const s of stacks) await s.close().catch(() => {});
  if (config) await cleanUp(config).catch(() => {});
  await redis?.destroy();
});

function request(n: number, route: string): ChatRequest {
  return {
    platform: 'terminal',
    userId: `user-${n % 8}`,
    channelId: route,
    text: `run --rm busybox echo acked-${n}`,
    replyTo: { route, channelId: route },
  };
}

describe('Redis SIGKILLed right after the last acknowledgement of a burst', () => {
  it('still holds every acknowledged job when it starts again on the same AOF, and each runs once', async () => {
    const route = `acked-${Date.now().toString(36)}`;
    const bot = await startStack(config, { roles: new Set(['bot']), log: testLog() });
    stacks.push(bot);
    // The burst: every command sent at once; the kill comes in the same tick as the last "queued".
    const acked: string[] = [];
    let killed: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: COMMANDS }, async (_, n) => {
        const answer = await bot.handle!(request(n, route));
        if (answer.kind !== 'queued') throw new Error(`command ${n} not queued: ${JSON.stringify(answer)}`);
        acked.push(answer.queued.jobId);
        if (acked.length === COMMANDS) killed = redis.kill();
      }),
    );
    await killed;
    expect(acked).toHaveLength(COMMANDS);
    await bot.close().catch(() => {});
    await redis.start();

    // Every acknowledged job is there, waiting, with its command.
    const connection = new Redis(redis.url);
    const queue = new Queue(COMMAND_QUEUE, { connection, prefix: config.queuePrefix });
    try {
      const states = await Promise.all(acked.map((id) => queue.getJobState(id)));
      expect(states.filter((s) => s !== 'waiting')).toEqual([]);
      const texts = await Promise.all(acked.map(async (id) => (await queue.getJob(id))?.data.text as string));
      expect(new Set(texts).size).toBe(COMMANDS);
    } finally {
      await queue.close();
      connection.disconnect();
    }

    // And the restarted stack runs each of them, one final reply each, no container left behind.
    const again = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
    stacks.push(again);
    const finals = new Map<string, number>();
    await new Promise<void>((resolve) => {
      const consumer = again.deliveries.consume(
        route,
        async (d: Delivery) => {
          if (d.kind !== 'final') return;
          finals.set(d.jobId, (finals.get(d.jobId) ?? 0) + 1);
          if (acked.every((id) => finals.has(id))) resolve();
        },
        testLog(),
      );
      again.closables.push(consumer);
    });
    expect([...finals.keys()].sort()).toEqual([...acked].sort());
    expect([...finals.values()].filter((n) => n !== 1)).toEqual([]);
    // The last delivery is acknowledged to its queue just after its handler returns.
    await until(async () => (await again.deliveries.pending(route)) === 0, 10_000, 'the route to drain');
    expect(await deploymentContainers(dockerClient(config), config)).toEqual([]);
  }, 180_000);
});
