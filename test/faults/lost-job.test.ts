import { PassThrough } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Delivery } from '../../src/core/job.js';
import type { ChatRequest } from '../../src/core/request.js';
import { COMMAND_QUEUE } from '../../src/queue/names.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { startStack, type Stack } from '../../src/stack.js';
import { exited, spawnStevedore, until } from '../helpers/processes.js';
import { cleanUp, deploymentContainers, isolatedEnv, testLog } from '../helpers/test-stack.js';

let env: Record<string, string>;
let config: Config;
let redis: Redis;
/** The command queue as the test reads it: it outlives any bot the test starts and stops. */
let queue: Queue;
const children: ReturnType<typeof spawnStevedore>[] = [];
const stacks: Stack[] = [];

async function bot(): Promise<{ stack: Stack; printed: () => string }> {
  let printed = '';
  const out = new PassThrough();
  out.on('data', (c: Buffer) => (printed += c.toString()));
  const stack = await startStack(config, { roles: new Set(['bot']), log: testLog(), terminalOut: out, terminalUser: 'alice' });
  stacks.push(stack);
  return { stack, printed: () => printed };
}

function worker(): ReturnType<typeof spawnStevedore> {
  const child = spawnStevedore(env, 'worker');
  children.push(child);
  return child;
}

/** The job's state and how often its worker was found gone, as BullMQ keeps them. */
async function jobState(jobId: string): Promise<{ state: string; stalls: number }> {
  const state = await queue.getJobState(jobId);
  const stalls = Number((await redis.hget(queue.toKey(jobId), 'stc')) ?? 0);
  return { state, stalls };
}

/**
 * Kills the worker running `jobId` while its container runs, starts another, waits until that one has taken the
 * job up again (active, one stall counted), and kills it too. A third worker is started, which sees the job fail.
 */
async function killTwice(jobId: string): Promise<void> {
  const docker = dockerClient(config);
  const first = children.at(-1)!;
  await until(async () => (await deploymentContainers(docker, config)).some((c) => c.State === 'running'), 30_000, 'the container to run');
  first.kill('SIGKILL');
  await exited(first);
  const second = worker();
  await until(
    async () => {
      const { state, stalls } = await jobState(jobId);
      return state === 'active' && stalls === 1;
    },
    30_000,
    'the second worker to take the job up',
  );
  second.kill('SIGKILL');
  await exited(second);
  worker();
}

beforeAll(async () => {
  env = isolatedEnv({ JOB_LOCK: '2s', RUN_TIMEOUT: '5m', HEALTH_PORT: '0' });
  config = loadConfig(env);
  redis = new Redis(config.redisUrl);
  queue = new Queue(COMMAND_QUEUE, { connection: redis, prefix: config.queuePrefix });
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map(exited));
  for (const s of stacks) await s.close();
  await queue?.close();
  redis?.disconnect();
  if (config) await cleanUp(config);
});

describe('a job whose worker is killed twice while it runs', () => {
  it('gets one final reply saying so, its place back, and its --rm container removed', async () => {
    const { stack, printed } = await bot();
    worker();
    await until(async () => (await stack.commandQueue.queue.getWorkers()).length > 0, 20_000, 'the first worker');
    const reply = stack.terminal!.submit(`run --rm busybox sh -c 'sleep 600; echo never'`);
    await until(async () => (await queue.getJobCountByTypes('waiting', 'active')) > 0, 20_000, 'the job to be queued');
    const jobId = (await queue.getJobs(['waiting', 'active']))[0]!.id!;
    await killTwice(jobId);

    const final = await reply;
    expect(final.status).toBe('error');
    expect(final.title).toBe(`Job #${jobId} did not finish: the worker running it stopped twice; it was not run again.`);
    expect(final.body).toContain(`/docker retry ${jobId}`);
    expect(final.body).toContain('Its container was removed, as --rm asked.');
    expect(await queue.getJobState(jobId)).toBe('failed');
    expect(await deploymentContainers(dockerClient(config), config)).toEqual([]);
    expect(await redis.zcard(`${config.queuePrefix}:admitted`)).toBe(0);
    // One final reply: the terminal printed the job's end once, and nothing of it is left to send.
    expect(printed().split(`/docker retry ${jobId}`)).toHaveLength(2);
    expect(await stack.deliveries.pending(stack.terminal!.route)).toBe(0);
  });

  it('reaches the user through a bot restarted between the failure and the reply', async () => {
    const first = await bot();
    const route = `lost-${Date.now().toString(36)}`;
    const request: ChatRequest = {
      platform: 'terminal',
      userId: 'alice',
      channelId: 'lost',
      text: `run busybox sh -c 'sleep 600'`,
      replyTo: { route, channelId: 'lost' },
    };
    const answer = await first.stack.handle!(request);
    if (answer.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(answer)}`);
    const jobId = answer.queued.jobId;
    // The bot goes away with the job running; the worker dies twice under it.
    await first.stack.close();
    await killTwice(jobId);
    await until(async () => (await jobState(jobId)).state === 'failed', 60_000, 'the job to fail');

    const again = await bot();
    const finals: Delivery[] = [];
    const done = new Promise<void>((resolve) => {
      const consumer = again.stack.deliveries.consume(
        route,
        async (d) => {
          if (d.kind === 'final' && d.jobId === jobId) {
            finals.push(d);
            resolve();
          }
        },
        testLog(),
      );
      again.stack.closables.push(consumer);
    });
    await done;
    const reply = (finals[0] as Extract<Delivery, { kind: 'final' }>).reply;
    expect(reply.title).toMatch(/stopped twice; it was not run again/);
    // Without --rm the container is stopped, not removed: the scheduled cleanup collects it.
    expect(reply.body).toContain('Its container was stopped');
    const left = await deploymentContainers(dockerClient(config), config);
    expect(left.map((c) => c.State)).toEqual(['exited']);
    expect(await again.stack.deliveries.pending(route)).toBe(0);
    expect(finals).toHaveLength(1);
  });
});
