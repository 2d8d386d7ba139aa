import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeWithGrace } from './close-worker.js';

const MAINTENANCE_QUEUE = 'maintenance';

/**
 * Recurring work through BullMQ job schedulers: upserted by every scheduler process, stored once in Redis, so
 * the schedule exists once however many processes start; processed one at a time.
 */
export async function startMaintenance(options: {
  connection: Redis;
  prefix: string;
  cleanupCron: string;
  cleanup(): Promise<void>;
  log: Logger;
}): Promise<{ queue: Queue; close(): Promise<void> }> {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: options.connection, prefix: options.prefix });
  queue.on('error', () => {});
  await queue.upsertJobScheduler(
    'cleanup',
    { pattern: options.cleanupCron, tz: 'UTC' },
    { name: 'cleanup', data: {}, opts: { removeOnComplete: 50, removeOnFail: 50 } },
  );
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === 'cleanup') await options.cleanup();
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('error', (error) => options.log.error({ err: error }, 'maintenance worker error'));
  worker.on('failed', (job, error) => options.log.error({ err: error, job: job?.name }, 'maintenance job failed'));
  return {
    queue,
    async close() {
      await closeWithGrace(worker, 5000);
      await queue.close();
    },
  };
}
