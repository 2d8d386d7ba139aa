import { createHash } from 'node:crypto';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RetryLater, Undeliverable } from '../errors.js';
import type { Delivery, DeliveryApi } from '../core/job.js';
import { closeWithGrace } from './close-worker.js';
import { deliveryQueueName, finalDeliveryId } from './names.js';
import { SentMarks, type ReplicaWait } from './sent-marks.js';

const DELIVERY_GRACE_MS = 5000;

/** How long a job's "progress handed over" mark is kept: longer than any notice waits. */
const MOVED_MS = 3_600_000;

/**
 * Lanes per chat platform. The edits of one message must arrive in order, so each job's deliveries keep to one
 * lane (chosen by its id) processed one at a time, while different jobs' messages go out in parallel.
 */
const LANES = 8;

/** The lane of one job's deliveries: a route of one process (a terminal) has one. */
function lane(route: string, jobId: string): string {
  if (route.startsWith('terminal-') || route.startsWith('ops-')) return route;
  return `${route}-${createHash('sha1').update(jobId).digest()[0]! % LANES}`;
}

function lanes(route: string): string[] {
  return route.startsWith('terminal-') || route.startsWith('ops-') ? [route] : Array.from({ length: LANES }, (_, i) => `${route}-${i}`);
}

/**
 * Replies on their way to a platform. Each is a retried job in a lane of its route, consumed by the process that
 * holds that platform's connection. A job's final reply has a fixed id, so it is queued once; it and every notice
 * leave a mark once sent, so a delivery run again (its completion lost with a primary) is not sent again.
 */
export class DeliveryQueues implements DeliveryApi {
  private readonly queues = new Map<string, Queue<Delivery>>();
  private readonly marks: SentMarks;

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly jobsKept: number,
    /** Told of each delivery tried again (metrics are handed in: queue/ does not import health/). */
    private readonly onRetry: (route: string) => void = () => {},
    /** With REDIS_WAIT_REPLICAS: the replicas' confirmation of each mark of a delivery sent. */
    replicas?: ReplicaWait,
  ) {
    this.marks = new SentMarks(connection, prefix, replicas);
  }

  private queueFor(laneName: string): Queue<Delivery> {
    let queue = this.queues.get(laneName);
    if (!queue) {
      queue = new Queue<Delivery>(deliveryQueueName(laneName), {
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
      this.queues.set(laneName, queue);
    }
    return queue;
  }

  async deliver(delivery: Delivery): Promise<void> {
    const queue = this.queueFor(lane(delivery.replyTo.route, delivery.jobId));
    const jobId = delivery.kind === 'final' ? finalDeliveryId(delivery.jobId) : undefined;
    if (delivery.kind === 'progress') {
      // Decided when it is queued (the lane keeps order from there): a later stage already on its way wins.
      if (delivery.unlessMoved && (await this.connection.exists(this.movedKey(delivery.jobId)))) return;
      if (!delivery.unlessMoved) void this.connection.set(this.movedKey(delivery.jobId), '1', 'PX', MOVED_MS).catch(() => {});
    }
    await queue.add(delivery.kind, delivery, jobId ? { jobId } : {});
  }

  /** Set once a job's progress has been handed over: an older "queued" notice then has nothing to say. */
  private movedKey(jobId: string): string {
    return `${this.prefix}:moved:${jobId}`;
  }

  /** Deliveries not yet sent on a route, over all its lanes. */
  async pending(route: string): Promise<number> {
    const counts = await Promise.all(
      lanes(route).map((l) => this.queueFor(l).getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** True once a job's final reply is queued: later progress edits would overwrite it and are dropped. */
  private async finalQueued(route: string, jobId: string): Promise<boolean> {
    const queue = this.queueFor(lane(route, jobId));
    // EXISTS, not getJob: the final reply (with its output) need not be read to know it is there.
    return (await this.connection.exists(queue.toKey(finalDeliveryId(jobId)))) === 1;
  }

  /** Consumes a route's deliveries: each lane one at a time, so the edits of one message stay in order. */
  consume(
    route: string,
    send: (delivery: Delivery) => Promise<void>,
    log: Logger,
    /** Told of a delivery the platform refused for good (to tell the ops channel). */
    onRefused: (delivery: Delivery, error: Undeliverable) => void = () => {},
  ): { close(): Promise<void> } {
    const workers = lanes(route).map((laneName) => {
      const worker: Worker<Delivery> = new Worker<Delivery>(
        deliveryQueueName(laneName),
        async (job) => {
          const delivery = job.data;
          if (delivery.kind === 'progress' && (await this.finalQueued(route, delivery.jobId))) return 'superseded';
          // Edits are not marked: sending one again changes nothing.
          const marked = delivery.kind !== 'progress';
          if (marked && (await this.marks.sent(job.queueName, job.id!))) return 'sent before';
          if (job.attemptsMade > 0) this.onRetry(route.startsWith('terminal-') ? 'terminal' : route);
          try {
            await send(delivery);
          } catch (error) {
            if (error instanceof Undeliverable) {
              log.warn({ route, job: delivery.jobId, reason: error.reason }, 'delivery refused by the platform; not retried');
              onRefused(delivery, error);
              throw new UnrecoverableError(error.message);
            }
            if (!(error instanceof RetryLater)) throw error;
            // The platform said when: this lane pauses exactly that long and the delivery goes back in line, so
            // later edits of the same message cannot overtake it, and no try is spent.
            log.info({ route, job: delivery.jobId, delayMs: error.delayMs }, 'delivery rate-limited');
            this.onRetry(route);
            // Every lane of the platform pauses: a 429 speaks for the whole bot, not for one lane.
            await Promise.all(workers.map((w) => w.rateLimit(error.delayMs)));
            throw Worker.RateLimitError();
          }
          if (marked) await this.marks.mark(job.queueName, job.id!);
          return 'sent';
        },
        { connection: this.connection, prefix: this.prefix, concurrency: 1 },
      );
      worker.on('error', (error) => log.error({ err: error, route }, 'delivery worker error'));
      return worker;
    });
    // A delivery in flight may finish; one that does not is taken up again by the next consumer of the route.
    return { close: async () => void (await Promise.all(workers.map((w) => closeWithGrace(w, DELIVERY_GRACE_MS)))) };
  }

  /**
   * Removes a route's queues and what they keep (a one-shot terminal's route is never used again): nothing of a
   * finished `npx stevedore` stays in Redis.
   */
  async forget(route: string): Promise<void> {
    await Promise.all(
      lanes(route).map(async (l) => {
        await this.queueFor(l).obliterate({ force: true });
        await this.marks.forget(deliveryQueueName(l));
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
