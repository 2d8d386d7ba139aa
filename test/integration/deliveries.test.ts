import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/job.js';
import { DeliveryQueues } from '../../src/queue/deliveries.js';
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
