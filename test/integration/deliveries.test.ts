import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/job.js';
import { DeliveryQueues } from '../../src/queue/deliveries.js';
import { deliveryQueueName, finalDeliveryId } from '../../src/queue/names.js';
import { redisConnection } from '../../src/queue/redis.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

const config = isolatedConfig();
const redis = redisConnection(config.redisUrl, 'worker');
const deliveries = new DeliveryQueues(redis, config.queuePrefix, 100);
const replyTo = { route: 'slack', channelId: 'C1' };
const queuedNotice = (jobId: string): Delivery => ({
  kind: 'progress',
  jobId,
  replyTo,
  progress: { stage: 'queued', position: 1, lang: 'en' },
  unlessMoved: true,
});

afterAll(async () => {
  await deliveries.close();
  redis.disconnect();
  await cleanUp(config);
});

describe('the bot\'s "queued" notice', () => {
  it("is sent in order with the job's later progress, and not at all once the job has moved on", async () => {
    await deliveries.deliver(queuedNotice('1')); // the usual case: queued before the worker starts the job
    await deliveries.deliver({ kind: 'progress', jobId: '1', replyTo, progress: { stage: 'running', detail: 'whalesay', lang: 'en' } });
    await deliveries.deliver({ kind: 'progress', jobId: '2', replyTo, progress: { stage: 'running', detail: 'whalesay', lang: 'en' } });
    await deliveries.deliver(queuedNotice('2')); // after a burst: job 2 already runs, "queued" would be stale
    const sent: string[] = [];
    const consumer = deliveries.consume(
      'slack',
      async (d) => void sent.push(`${d.jobId}:${d.kind === 'progress' ? d.progress.stage : d.kind}`),
      testLog(),
    );
    await expect.poll(() => sent.length).toBe(3);
    await expect.poll(() => deliveries.pending('slack')).toBe(0);
    await consumer.close();
    expect(sent.filter((s) => s.startsWith('1:'))).toEqual(['1:queued', '1:running']);
    expect(sent.filter((s) => s.startsWith('2:'))).toEqual(['2:running']);
  });
});

describe('a final reply or notice sent', () => {
  it('leaves a mark (an edit does not), and is not sent again when its delivery runs again', async () => {
    const route = 'terminal-marks';
    const target = { route, channelId: 'C2' };
    const final: Delivery = { kind: 'final', jobId: '3', replyTo: target, reply: { status: 'ok', title: 'done' } };
    await deliveries.deliver(final);
    await deliveries.deliver({ kind: 'notice', jobId: 'ops-1', replyTo: target, reply: { status: 'info', title: 'note' } });
    await deliveries.deliver({ kind: 'progress', jobId: '4', replyTo: target, progress: { stage: 'running', detail: 'x', lang: 'en' } });
    const sent: string[] = [];
    const consumer = deliveries.consume(route, async (d) => void sent.push(d.kind), testLog());
    try {
      await expect.poll(() => sent.length).toBe(3);
      await expect.poll(() => deliveries.pending(route)).toBe(0);
      const marks = await redis.keys(`${config.queuePrefix}:${deliveryQueueName(route)}:sent:*`);
      // One for the final reply (its fixed id), one for the notice (its id in the queue); none for the edit.
      expect(marks.length).toBe(2);
      expect(marks).toContain(`${config.queuePrefix}:${deliveryQueueName(route)}:sent:${finalDeliveryId('3')}`);
      expect(await redis.pttl(marks[0]!)).toBeGreaterThan(3_600_000);
      // Run again, as BullMQ does when the completion was lost: the job gone from the queue, the final queued anew.
      const queue = new Queue(deliveryQueueName(route), { connection: redis, prefix: config.queuePrefix });
      await queue.remove(finalDeliveryId('3'));
      await deliveries.deliver(final);
      await expect.poll(async () => (await queue.getJob(finalDeliveryId('3')))?.returnvalue).toBe('sent before');
      await queue.close();
      expect(sent).toEqual(['final', 'notice', 'progress']);
    } finally {
      await consumer.close();
    }
    await deliveries.forget(route);
    expect(await redis.keys(`${config.queuePrefix}:${deliveryQueueName(route)}:*`)).toEqual([]);
  });
});
