import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAINTENANCE_QUEUE } from '../../src/queue/maintenance.js';
import { startStack, type Stack } from '../../src/stack.js';
import { LAB_POLICY, typed } from '../helpers/lab-walk.js';
import { startTestStack, testLog, type TestStack } from '../helpers/test-stack.js';

/**
 * The week's lab summary: a job scheduler of the scheduler role's, on LABS_SUMMARY_CRON; its job, added by hand
 * here rather than waited for, tells the ops channel who finished which lab in the last 7 days and the team's table.
 */
let t: TestStack;
let scheduler: Stack;
let connection: Redis;
let maintenance: Queue;
beforeAll(async () => {
  t = await startTestStack({ env: { OPS_CHANNEL: 'terminal', LABS_SUMMARY_CRON: '0 9 * * 1' }, policy: LAB_POLICY });
  scheduler = await startStack(t.config, { roles: new Set(['scheduler']), log: testLog() });
  connection = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
  maintenance = new Queue(MAINTENANCE_QUEUE, { connection, prefix: t.config.queuePrefix });
});
afterAll(async () => {
  await maintenance?.close();
  connection?.disconnect();
  await scheduler?.close();
  await t?.close();
});

describe('the weekly lab summary', () => {
  it('is scheduled once, on its cron', async () => {
    const schedulers = await maintenance.getJobSchedulers();
    expect(schedulers.find((s) => s.key === 'labs-summary')?.pattern).toBe('0 9 * * 1');
  });

  it('tells the ops channel who finished what this week, and where everyone stands', async () => {
    await typed(t.alice, 'learn 1');
    for (let step = 0; step < 3; step++) await typed(t.alice, 'learn skip');
    await typed(t.bob, 'learn 2');
    // carol finished lab 1 eight days ago: in the table, not in this week's lines.
    await t.main.labs.put({ owner: 'terminal:carol', name: 'carol', finished: { 1: Date.now() - 8 * 24 * 3600 * 1000 } });
    const job = await maintenance.add('labs-summary', {});
    await expect
      .poll(async () => (await job.getState()) === 'completed' && t.printed())
      .toMatch(/Labs this week: 1 finished by 1 learner\b/);
    const summary = t.printed().slice(t.printed().indexOf('Labs this week'));
    expect(summary).toMatch(/^alice: 1\. The first container$/m);
    expect(summary).not.toMatch(/^(carol|bob):/m);
    const rows = summary.split('\n').map((line) => line.split(/\s{3,}/));
    expect(rows).toContainEqual(['alice', '✔', '-', '-', '-', '-', '-', '-']);
    expect(rows).toContainEqual(['bob', '-', '1/4', '-', '-', '-', '-', '-']);
    expect(rows).toContainEqual(['carol', '✔', '-', '-', '-', '-', '-', '-']);
  });
});
