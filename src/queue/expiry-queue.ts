import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ExpiryApi, ExpiryJob } from '../core/job.js';
import { EXPIRY_QUEUE } from './names.js';

/** Detached containers' times to live: one delayed job per container, in a queue of their own. */
export class ExpiryQueue implements ExpiryApi {
  readonly queue: Queue<ExpiryJob>;

  constructor(connection: Redis, prefix: string, jobsKept: number) {
    this.queue = new Queue<ExpiryJob>(EXPIRY_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        // Tried again for about two hours (a fleet host out, or served by nobody, keeps its containers till back).
        attempts: 14,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { count: jobsKept },
        removeOnFail: { count: jobsKept },
      },
    });
    this.queue.on('error', () => {}); // connection trouble is reported by the connection's own listener
  }

  /** Its fixed id keeps one per container however often it is asked for. */
  async expireAt(job: ExpiryJob, atMs: number): Promise<void> {
    await this.queue.add('expire', job, { jobId: `expire-${job.containerId}`, delay: Math.max(0, atMs - Date.now()) });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** Runs expiries as they fall due. */
export function startExpiryWorker(options: {
  connection: Redis;
  prefix: string;
  log: Logger;
  expire(job: ExpiryJob): Promise<void>;
}): Worker<ExpiryJob> {
  const worker = new Worker<ExpiryJob>(EXPIRY_QUEUE, (job) => options.expire(job.data), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: 2,
  });
  worker.on('error', (error) => options.log.error({ err: error }, 'expiry worker error'));
  return worker;
}
