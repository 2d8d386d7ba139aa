import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_PAYLOAD_VERSION, type CommandJob } from '../../src/core/job.js';
import { startStack, type Stack } from '../../src/stack.js';
import { startTestStack, testLog, type TestStack } from '../helpers/test-stack.js';

/**
 * An upgrade with jobs in the queue: a bot of the previous version queues commands (payloads without `v`), then a
 * worker of this version takes them. The previous version's jobs run; a job of a version this worker does not know
 * is answered with a final reply that says so, and not run.
 */
let t: TestStack;
let worker: Stack | undefined;
beforeAll(async () => {
  t = await startTestStack({ worker: false, policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\n' });
});
afterAll(async () => {
  await worker?.close();
  await t?.close();
});

async function finished(ids: string[]): Promise<Record<string, string>> {
  const queue = t.main.commandQueue.queue;
  const connection = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
  const events = new QueueEvents(queue.name, { connection, prefix: t.config.queuePrefix });
  try {
    await events.waitUntilReady();
    const states: Record<string, string> = {};
    for (const id of ids) {
      const job = (await queue.getJob(id))!;
      await job.waitUntilFinished(events).catch(() => {});
      states[id] = await (await queue.getJob(id))!.getState();
    }
    return states;
  } finally {
    await events.close();
    connection.disconnect();
  }
}

describe('job payload versions across an upgrade', () => {
  it('runs the previous version, runs its own, refuses a newer one with a final reply', async () => {
    const queue = t.main.commandQueue.queue;
    const base = {
      who: { platform: 'terminal', userId: 'alice', userName: 'alice', channelId: 'ops' },
      replyTo: { route: t.alice.route, channelId: 'ops' },
    } as const;
    // Written as the previous version's producer wrote them: no version field at all.
    const previous: CommandJob = { ...base, text: 'run whalesay previous-version' };
    const current: CommandJob = { ...base, v: JOB_PAYLOAD_VERSION, text: 'run whalesay this-version' };
    const newer: CommandJob = { ...base, v: JOB_PAYLOAD_VERSION + 1, text: 'run whalesay from-the-future' };
    const [a, b, c] = await Promise.all([previous, current, newer].map((job) => queue.add('command', job)));
    expect(await queue.getWaitingCount()).toBe(3);

    worker = await startStack(t.config, { roles: new Set(['worker']), log: testLog() });
    const states = await finished([a!.id!, b!.id!, c!.id!]);
    expect(states).toEqual({ [a!.id!]: 'completed', [b!.id!]: 'completed', [c!.id!]: 'failed' });

    await expect
      .poll(() => t.printed(), { timeout: 30_000, interval: 100 })
      .toContain(`versions ${JOB_PAYLOAD_VERSION - 1}–${JOB_PAYLOAD_VERSION}`);
    const out = t.printed();
    expect(out).toContain('< previous-version >');
    expect(out).toContain('< this-version >');
    expect(out).not.toContain('from-the-future >');
    expect(out).toContain(`Job #${c!.id} was not run: it was queued by a Stevedore whose jobs are of version ${JOB_PAYLOAD_VERSION + 1}`);
    expect((await queue.getJob(c!.id!))!.failedReason).toBe(`payload version ${JOB_PAYLOAD_VERSION + 1} not supported`);
  });

  it('stamps what the bot queues with this version', async () => {
    const { jobId } = await t.main.commandQueue.enqueue({
      text: 'run whalesay stamped',
      who: { platform: 'terminal', userId: 'stamp', channelId: 'c' },
      replyTo: { route: 'stamp', channelId: 'c' },
    });
    expect((await t.main.commandQueue.queue.getJob(jobId))!.data.v).toBe(JOB_PAYLOAD_VERSION);
    await finished([jobId]); // the worker of the test above runs it: nothing left running after the file
  });
});
