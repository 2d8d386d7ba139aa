import { afterEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/request.js';
import { startStack, type Stack } from '../../src/stack.js';
import { cleanUp, isolatedConfig, startTestStack, testLog, type TestStack } from '../helpers/test-stack.js';

/** Quotas fired at concurrently: admission checks and reserves in one step, so no burst gets past a limit. */
let stack: Stack | undefined;
let t: TestStack | undefined;
afterEach(async () => {
  if (stack) {
    await stack.close();
    await cleanUp(stack.config);
  }
  await t?.close();
  stack = t = undefined;
});

const request = (userId: string, text = '/docker run busybox true', i = 0): ChatRequest => ({
  platform: 'terminal',
  userId,
  channelId: 'ops',
  text,
  replyTo: { route: `terminal-quota-${userId}-${i}`, channelId: 'ops' },
});

/** A bot with no worker: whatever is queued stays queued. */
async function botOnly(quotas: string): Promise<Stack> {
  const config = isolatedConfig({}, `channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: ${quotas}\n`);
  return (stack = await startStack(config, { roles: new Set(['bot']), log: testLog() }));
}

const queuedCount = (answers: { kind: string }[]) => answers.filter((a) => a.kind === 'queued').length;

describe('quotas under a race', () => {
  it('lets exactly queueDepth of 60 users at once into the queue', async () => {
    const s = await botOnly('{ queueDepth: 30, commandsPerMinute: 1000 }');
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => s.handle!(request(`user${i}`))));
    expect(queuedCount(answers)).toBe(30);
    const refused = answers.filter((a) => a.kind === 'reply');
    expect(refused).toHaveLength(30);
    for (const a of refused) if (a.kind === 'reply') expect(a.reply.title).toMatch(/The queue is full/);
    expect(await s.commandQueue.queue.getWaitingCount()).toBe(30);
  });

  it('holds one user sending 100 commands at once to their 5 queued jobs', async () => {
    const s = await botOnly('{ queuedJobs: 5, commandsPerMinute: 1000 }');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => s.handle!(request('mallory', undefined, i))));
    expect(queuedCount(answers)).toBe(5);
    const refusal = answers.find((a) => a.kind === 'reply');
    expect(refusal?.kind === 'reply' && refusal.reply.title).toMatch(/already have 5 jobs queued or running; the limit is 5/);
  });

  it('holds one user to the commands a minute, whatever arrives at once', async () => {
    const s = await botOnly('{ queuedJobs: 100, commandsPerMinute: 20 }');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => s.handle!(request('mallory', undefined, i))));
    expect(queuedCount(answers)).toBe(20);
  });

  it("gives a job's place back when it ends", async () => {
    t = await startTestStack({
      policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { queuedJobs: 1, commandsPerMinute: 1000 }\n',
    });
    const first = await t.alice.submit('/docker run busybox false');
    expect(first.title, t.printed()).toMatch(/busybox/);
    // The first job ended: its place is free again, and a second runs.
    const second = await t.alice.submit('/docker run busybox true');
    expect(second.exitCode, t.printed()).toBe(0);
  });
});
