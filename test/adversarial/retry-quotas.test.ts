import { QueueEvents } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { ChatRequest } from '../../src/core/request.js';
import { startStack, type Stack } from '../../src/stack.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

/** `retry` queues a job too: it passes the same door as a typed command, so a burst of retries cannot pass a limit. */
const stacks: Stack[] = [];
let config: Config | undefined;
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
  if (config) await cleanUp(config);
  config = undefined;
});

const request = (userId: string, text: string, i = 0): ChatRequest => ({
  platform: 'terminal',
  userId,
  channelId: 'ops',
  text,
  replyTo: { route: `terminal-retry-${userId}-${i}`, channelId: 'ops' },
});

const USERS = ['alice', 'bob', 'carol', 'dave'];

/** Each user gets one finished job that failed (exit 1), run by a worker that is then stopped. */
async function failedJobs(quotas: string): Promise<{ bot: Stack; ids: Map<string, string> }> {
  config = isolatedConfig({}, `channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: ${quotas}\n`);
  const worker = await startStack(config, { roles: new Set(['worker']), log: testLog() });
  const bot = await startStack(config, { roles: new Set(['bot']), log: testLog() });
  stacks.push(bot);
  const events = new QueueEvents(bot.commandQueue.queue.name, { connection: bot.blocking.duplicate(), prefix: config.queuePrefix });
  await events.waitUntilReady();
  const ids = new Map<string, string>();
  for (const user of USERS) {
    const answer = await bot.handle!(request(user, '/docker run busybox false'));
    if (answer.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(answer)}`);
    const job = await bot.commandQueue.queue.getJob(answer.queued.jobId);
    await job!.waitUntilFinished(events).catch(() => {});
    ids.set(user, answer.queued.jobId);
  }
  await events.close();
  await worker.close();
  return { bot, ids };
}

describe('retry under the quotas', () => {
  it('12 retries at once against queuedJobs 2 and queueDepth 5 queue no more than the limits', async () => {
    const { bot, ids } = await failedJobs('{ queuedJobs: 2, queueDepth: 5, commandsPerMinute: 1000 }');
    const fired = USERS.flatMap((user) => [0, 1, 2].map((i) => bot.handle!(request(user, `/docker retry ${ids.get(user)}`, i))));
    const answers = await Promise.all(fired);
    const titles = answers.map((a) => (a.kind === 'reply' ? a.reply.title : 'queued'));
    const queued = titles.filter((t) => /^Queued as #/.test(t));
    expect(queued, titles.join('\n')).toHaveLength(5);
    expect(
      titles.filter((t) => /The queue is full|already have 2 jobs/.test(t)),
      titles.join('\n'),
    ).toHaveLength(7);
    const waiting = await bot.commandQueue.queue.getWaiting();
    expect(waiting).toHaveLength(5);
    const perUser = new Map<string, number>();
    for (const job of waiting) {
      const owner = (job.data as { who: { userId: string } }).who.userId;
      perUser.set(owner, (perUser.get(owner) ?? 0) + 1);
    }
    for (const count of perUser.values()) expect(count).toBeLessThanOrEqual(2);
  });

  it('one user retrying 12 times at once gets their 2 places, no more', async () => {
    const { bot, ids } = await failedJobs('{ queuedJobs: 2, queueDepth: 5, commandsPerMinute: 1000 }');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => bot.handle!(request('alice', `/docker retry ${ids.get('alice')}`, i))),
    );
    const refused = answers.filter((a) => a.kind === 'reply' && /already have 2 jobs queued or running/.test(a.reply.title));
    expect(refused).toHaveLength(10);
    expect(await bot.commandQueue.queue.getWaitingCount()).toBe(2);
  });

  it('a job listing shows the command with its secrets masked', async () => {
    config = isolatedConfig({}, `channels: [{ channel: "terminal:*", commands: [all] }]\n`);
    const bot = await startStack(config, { roles: new Set(['bot']), log: testLog() });
    stacks.push(bot);
    const queued = await bot.handle!(request('alice', '/docker run -e PASSWORD=hunter2 busybox true'));
    expect(queued.kind).toBe('queued');
    const listing = await bot.handle!(request('alice', '/docker jobs'));
    const shown = listing.kind === 'reply' ? JSON.stringify(listing.reply) : '';
    expect(shown).toMatch(/PASSWORD=/);
    expect(shown).not.toMatch(/hunter2/);
  });
});
