import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config.js';
import type { Delivery } from '../../src/core/job.js';
import type { ChatRequest } from '../../src/core/request.js';
import { LABEL } from '../../src/policy/labels.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { startStack, type Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, deploymentContainers, engineEvents, isolatedEnv, testLog } from '../helpers/test-stack.js';
import { OwnRedis } from './own-redis.js';

// Redis at maxmemory with noeviction (as the set-up starts it): it refuses writes, so a command cannot be stored.
// The door refuses (today in the words for an unreachable queue: admission's own write is refused first, see
// bench/README.md, Chaos); the jobs stored before are kept and answered once, after memory frees.
const POLICY = 'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000, queuedJobs: 100, queueDepth: 5000 }\n';
const FILLER = 'filler';

let redis: OwnRedis;
let client: Redis;
let config: Config;
const stacks: Stack[] = [];

beforeAll(async () => {
  redis = await OwnRedis.create();
  client = new Redis(redis.url);
  config = loadConfig(isolatedEnv({ REDIS_URL: redis.url, HEALTH_PORT: '0', SHUTDOWN_GRACE: '2s', WORKER_CONCURRENCY: '2' }, POLICY));
});
afterAll(async () => {
  await client.config('SET', 'maxmemory', '0').catch(() => {});
  for (const s of stacks) await s.close().catch(() => {});
  if (config) await cleanUp(config).catch(() => {});
  client?.disconnect();
  await redis?.destroy();
});

/** Fills Redis with a key of its own, 64 KiB at a time, until it answers OOM: memory is full for real. */
async function fillUp(): Promise<void> {
  const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))![1]);
  await client.config('SET', 'maxmemory', String(used + 4 * 1024 * 1024));
  const chunk = 'x'.repeat(64 * 1024);
  for (;;) {
    const error = await client.append(FILLER, chunk).then(
      () => undefined,
      (e: Error) => e,
    );
    if (error) {
      expect(error.message).toMatch(/^OOM /);
      return;
    }
  }
}

function request(n: number, route: string, text: string): ChatRequest {
  return { platform: 'terminal', userId: `user-${n % 4}`, channelId: route, text, replyTo: { route, channelId: route } };
}

describe('Redis at maxmemory (noeviction)', () => {
  it('refuses commands at the door, keeps the accepted ones, and resumes when memory frees', async () => {
    const route = `oom-${Date.now().toString(36)}`;
    const stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
    stacks.push(stack);
    const finals = new Map<string, number>();
    let wake = () => {};
    stack.closables.push(
      stack.deliveries.consume(
        route,
        async (d: Delivery) => {
          if (d.kind !== 'final') return;
          finals.set(d.jobId, (finals.get(d.jobId) ?? 0) + 1);
          wake();
        },
        testLog(),
      ),
    );
    const answered = (ids: string[]) =>
      new Promise<void>((resolve) => {
        wake = () => ids.every((id) => finals.has(id)) && resolve();
        wake();
      });

    let died = 0;
    const watch = (await dockerClient(config).getEvents({
      filters: { label: [`${LABEL.deployment}=${config.deployment}`], event: ['die'] },
    })) as unknown as NodeJS.ReadableStream & { destroy(): void };
    watch.on('data', (c: Buffer) => (died += c.toString().split('\n').filter(Boolean).length));
    stack.closables.push({ close: async () => watch.destroy() });
    const events = await engineEvents(dockerClient(config), config.deployment, async () => {
      // Accepted before memory fills: jobs that are still running (and waiting) when it does.
      const before: string[] = [];
      for (let n = 0; n < 4; n++) {
        const answer = await stack.handle!(request(n, route, `run --rm busybox sh -c 'sleep 1; echo before-${n}'`));
        if (answer.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(answer)}`);
        before.push(answer.queued.jobId);
      }
      await fillUp();

      // At the door: refused, with the reason, in both languages.
      const refused = await Promise.all(
        Array.from({ length: 6 }, (_, n) => stack.handle!(request(n, route, `run --rm busybox echo during-${n}`))),
      );
      for (const answer of refused) {
        expect(answer.kind).toBe('reply');
        if (answer.kind !== 'reply') continue;
        expect(answer.reply.status).toBe('error');
        expect(answer.reply.title).toBe("The command could not be queued: the queue's memory is full.");
        expect(answer.reply.body).toMatch(/Nothing was started/);
      }
      const korean = await stack.handle!({ ...request(9, route, 'run --rm busybox echo ko'), locale: 'ko' });
      expect(korean.kind === 'reply' && korean.reply.title).toBe('명령을 대기열에 넣지 못했습니다. 대기열의 메모리가 가득 찼습니다.');
      // Memory stays full while the first jobs' containers end: their workers cannot record the end yet.
      await until(() => died >= 2, 30_000, 'two containers to end while memory is full');

      // Memory frees: the jobs accepted before it filled end, once each, and new commands are queued again.
      await client.del(FILLER);
      const after = await stack.handle!(request(0, route, 'run --rm busybox echo after'));
      expect(after.kind).toBe('queued');
      const all = [...before, ...(after.kind === 'queued' ? [after.queued.jobId] : [])];
      await answered(all);
      expect([...finals.keys()].sort()).toEqual([...all].sort());
      await until(async () => (await stack.deliveries.pending(route)) === 0, 10_000, 'the route to drain');
      expect([...finals.values()].filter((n) => n !== 1)).toEqual([]);
    });
    // Every container the jobs started is gone (--rm), and each accepted job ran once: a job whose end could not be
    // recorded while memory was full hands its reply over when memory frees, and is not run again.
    expect(events.filter((e) => e === 'create').length).toBe(5);
    expect(await deploymentContainers(dockerClient(config), config)).toEqual([]);
  }, 120_000);
});
