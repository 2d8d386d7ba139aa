import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import type { CommandJob } from '../../src/core/job.js';
import { msg, say } from '../../src/core/messages/index.js';
import { startCommandWorker } from '../../src/queue/command-queue.js';
import { drainKey, watchDrain, type DrainWatch } from '../../src/queue/drain.js';
import { startTestStack, testLog, type TestStack } from '../helpers/test-stack.js';

/**
 * Drain for maintenance: `/docker drain` (or SIGUSR2) stops the workers taking new jobs while a running one
 * finishes, the ops channel hears when the deployment is idle, and `/docker undrain` lets the waiting job run.
 * The worker here runs a processor of the test's own, so a job runs exactly as long as the test lets it.
 */
const PRINTED = { timeout: 30_000, interval: 50 };
let t: TestStack;
let worker: Worker<CommandJob>;
let watch: DrainWatch;
let redis: Redis;
const ran: string[] = [];
const gates = new Map<string, () => void>();
const started = new Map<string, () => void>();
/** How many times a watch said idle (before its message reaches the ops channel). */
let idleTold = 0;
const onStart = (text: string) => new Promise<void>((r) => started.set(text, r));

beforeAll(async () => {
  t = await startTestStack({
    worker: false,
    env: { OPS_CHANNEL: 'terminal' },
    policy: 'admins: { users: ["terminal:alice"] }\nchannels: [{ channel: "terminal:*", commands: [all] }]\n',
  });
  redis = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
  worker = startCommandWorker({
    connection: redis,
    prefix: t.config.queuePrefix,
    concurrency: 1,
    lockMs: 30_000,
    log: testLog(),
    process: async (run) => {
      started.get(run.data.text)?.();
      await new Promise<void>((r) => gates.set(run.data.text, r));
      ran.push(run.data.text);
      return { kind: 'done', result: null };
    },
  });
  watch = watchFor(worker, 'SIGUSR2');
});
afterAll(async () => {
  await watch?.close();
  for (const open of gates.values()) open();
  await worker?.close();
  redis?.disconnect();
  await t?.close();
});

/** The drain watch of a worker, told idle as the worker role is: in the ops channel. */
function watchFor(w: Worker<CommandJob>, signal?: NodeJS.Signals): DrainWatch {
  return watchDrain({
    connection: t.main.producer,
    prefix: t.config.queuePrefix,
    worker: w,
    queue: t.main.commandQueue.queue,
    intervalMs: 100,
    log: testLog(),
    idle: (waiting) => {
      idleTold += 1;
      return t.main.notifyOps({ status: 'ok', title: say('drain.idle', 'en'), body: say(msg('drain.idle.body', { waiting }), 'en') });
    },
    signal,
  });
}

const job = (text: string) =>
  t.main.commandQueue.queue.add('command', {
    text,
    who: { platform: 'terminal', userId: 'alice', channelId: 'ops' },
    replyTo: { route: t.alice.route, channelId: 'ops' },
  });

describe('drain and undrain', () => {
  it('lets the running job finish, takes no new one, says when idle, and resumes on undrain', async () => {
    const first = onStart('first');
    const a = await job('first');
    await first;

    const drained = await t.alice.submit('drain');
    expect(drained.title).toBe(say('drain.started', 'en'));
    expect((await t.alice.submit('drain')).title).toBe(say('drain.already', 'en'));
    await expect.poll(() => watch.state(), PRINTED).toBe('draining');

    const b = await job('second');
    gates.get('first')!(); // the running job finishes while the deployment drains
    await expect.poll(() => t.printed(), PRINTED).toContain(say('drain.idle', 'en'));
    expect(t.printed()).toContain('One command waits in the queue.');
    expect(await (await t.main.commandQueue.queue.getJob(a.id!))!.getState()).toBe('completed');
    expect(await (await t.main.commandQueue.queue.getJob(b.id!))!.getState()).toBe('waiting');
    expect(watch.state()).toBe('drained');
    expect(ran).toEqual(['first']);

    const second = onStart('second');
    expect((await t.alice.submit('undrain')).title).toBe(say('undrain.done', 'en'));
    await second; // taken as soon as the worker resumes
    gates.get('second')!();
    await expect.poll(() => ran, PRINTED).toEqual(['first', 'second']);
    expect(watch.state()).toBe('running');
  });

  it('drains on SIGUSR2 as on the command', async () => {
    expect(await t.main.producer.exists(drainKey(t.config.queuePrefix))).toBe(0);
    process.kill(process.pid, 'SIGUSR2');
    await expect.poll(() => watch.state(), PRINTED).toBe('drained');
    expect(await t.main.producer.exists(drainKey(t.config.queuePrefix))).toBe(1);
    await t.alice.submit('undrain');
    await expect.poll(() => watch.state(), PRINTED).toBe('running');
  });

  it('refuses drain to someone who is not an admin', async () => {
    const bob = await t.user('bob');
    const reply = await bob.submit('drain');
    expect(reply.status).toBe('refused');
    expect(await t.main.producer.exists(drainKey(t.config.queuePrefix))).toBe(0);
  });

  it('says idle only once every worker of the queue has paused', async () => {
    const before = idleTold;
    // A second worker, whose watch has not started yet: it has not read the flag, so it may still take a job.
    const other = startCommandWorker({
      connection: redis,
      prefix: t.config.queuePrefix,
      concurrency: 1,
      lockMs: 30_000,
      log: testLog(),
      process: async () => ({ kind: 'done', result: null }),
    });
    await other.waitUntilReady();
    await expect.poll(() => t.main.commandQueue.queue.getWorkersCount(), PRINTED).toBe(2);
    try {
      await t.alice.submit('drain');
      await watch.check();
      expect(watch.state()).toBe('drained');
      expect(idleTold).toBe(before);
      const otherWatch = watchFor(other);
      await otherWatch.check();
      expect(idleTold).toBe(before + 1);
      await t.alice.submit('undrain');
      await otherWatch.check();
      await otherWatch.close();
    } finally {
      await other.close();
    }
    await expect.poll(() => watch.state(), PRINTED).toBe('running');
  });
});
