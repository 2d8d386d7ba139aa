import { Queue, Worker } from 'bullmq';
import { RetryLater } from '../errors.js';
import { closeWithGrace } from './close-worker.js';
import { deliveriesRetried } from '../health/metrics.js';

const DELIVERY_GRACE_MS = 5000;
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Delivery, DeliveryApi } from '../core/job.js';
import { deliveryQueueName, finalDeliveryId } from './names.js';

/**
 * Replies on their way to a platform. Each is a retried job in its route's queue, consumed by the process that
 * holds that platform's connection. A job's final reply has a fixed id, so it is queued, and sent, once.
 */
export class DeliveryQueues implements DeliveryApi {
  private readonly queues = new Map<string, Queue<Delivery>>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly jobsKept: number,
  ) {}

  queueFor(route: string): Queue<Delivery> {
    let queue = this.queues.get(route);
    if (!queue) {
      queue = new Queue<Delivery>(deliveryQueueName(route), {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: { count: this.jobsKept },
          removeOnFail: { count: this.jobsKept },
        },
      });
      queue.on('error', () => {}); // connection trouble is reported by the connection's own listener
      this.queues.set(route, queue);
    }
    return queue;
  }

  async deliver(delivery: Delivery): Promise<void> {
    const queue = this.queueFor(delivery.replyTo.route);
    const jobId = delivery.kind === 'final' ? finalDeliveryId(delivery.jobId) : undefined;
    await queue.add(delivery.kind, delivery, jobId ? { jobId } : {});
  }

  /** True once a job's final reply is queued: later progress edits would overwrite it and are dropped. */
  async finalQueued(route: string, jobId: string): Promise<boolean> {
    return (await this.queueFor(route).getJob(finalDeliveryId(jobId))) !== undefined;
  }

  /** Consumes one route's deliveries in order (concurrency 1 keeps edits of one message in sequence). */
  consume(route: string, send: (delivery: Delivery) => Promise<void>, log: Logger): { close(): Promise<void> } {
    const worker = new Worker<Delivery>(
      deliveryQueueName(route),
      async (job) => {
        const delivery = job.data;
        if (delivery.kind === 'progress' && (await this.finalQueued(route, delivery.jobId))) return 'superseded';
        if (job.attemptsMade > 0) deliveriesRetried.inc({ route: route.startsWith('terminal-') ? 'terminal' : route });
        try {
          await send(delivery);
        } catch (error) {
          if (!(error instanceof RetryLater)) throw error;
          // The platform said when: this route pauses exactly that long and the delivery goes back in line,
          // so later edits of the same message cannot overtake it, and no try is spent.
          log.info({ route, job: delivery.jobId, delayMs: error.delayMs }, 'delivery rate-limited');
          deliveriesRetried.inc({ route });
          await worker.rateLimit(error.delayMs);
          throw Worker.RateLimitError();
        }
        return 'sent';
      },
      { connection: this.connection, prefix: this.prefix, concurrency: 1 },
    );
    worker.on('error', (error) => log.error({ err: error, route }, 'delivery worker error'));
    // A delivery in flight may finish; one that does not is taken up again by the next consumer of the route.
    return { close: () => closeWithGrace(worker, DELIVERY_GRACE_MS) };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
