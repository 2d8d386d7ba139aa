import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeWithGrace } from './close-worker.js';

export const MAINTENANCE_QUEUE = 'maintenance';

/** One recurring piece of work: its job's name, when it runs (cron, UTC), and what it does. */
export interface Schedule {
  name: string;
  pattern: string;
  run(): Promise<void>;
}

/**
 * Recurring work through BullMQ job schedulers: upserted by every scheduler process, stored once in Redis, so
 * each schedule exists once however many processes start; processed one at a time. A job of a schedule's name
 * added by hand runs that work at once.
 */
export async function startMaintenance(options: {
  connection: Redis;
  prefix: string;
  schedules: readonly Schedule[];
  log: Logger;
}): Promise<{ queue: Queue; close(): Promise<void> }> {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: options.connection, prefix: options.prefix });
  queue.on('error', () => {});
  for (const schedule of options.schedules)
    await queue.upsertJobScheduler(
      schedule.name,
      { pattern: schedule.pattern, tz: 'UTC' },
      { name: schedule.name, data: {}, opts: { removeOnComplete: 50, removeOnFail: 50 } },
    );
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      await options.schedules.find((s) => s.name === job.name)?.run();
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
