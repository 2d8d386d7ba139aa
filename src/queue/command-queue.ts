import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { EngineUnavailable, isUserError, UserError } from '../errors.js';
import type { CommandJob, CommandQueueApi, DeliveryApi, ExpiryJob, Queued } from '../core/job.js';
import type { Reply } from '../core/reply.js';
import { errorReply } from '../pipeline/error-reply.js';
import { COMMAND_QUEUE } from './names.js';

/** How often a job waiting for the engine tries again. */
const ENGINE_RETRY_MS = 3000;

/** How long a platform's request key keeps a repeat of the same request from queueing a second job. */
const DEDUP_TTL_MS = 60 * 60_000;

/** How long one reading of the queue's counts serves every request (this process's own additions count at once). */
const COUNTS_CACHE_MS = 250;

/** Jobs waiting to start, and all jobs not yet started (waiting, prioritized, delayed): the quota's depth. */
export interface QueueCounts {
  waiting: number;
  depth: number;
}

export interface CommandQueueOptions {
  connection: Redis;
  prefix: string;
  attempts: number;
  jobsKept: number;
}

/** The producer: records a command as a job before anyone is told it was queued. */
export class CommandQueue implements CommandQueueApi {
  readonly queue: Queue<CommandJob>;

  constructor(options: CommandQueueOptions) {
    this.queue = new Queue<CommandJob>(COMMAND_QUEUE, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { count: options.jobsKept },
        removeOnFail: { count: options.jobsKept },
      },
    });
    this.queue.on('error', () => {}); // connection trouble is reported by the connection's own listener
  }

  async enqueue(job: CommandJob, dedupKey?: string): Promise<Queued> {
    // The position comes from the cached counts (read before the add, so the add is counted once): an exact
    // count per request cost a round trip on the acknowledgement path.
    const counts = await this.counts().catch(() => ({ waiting: 0, depth: 0 }));
    let added: Job<CommandJob>;
    try {
      // A platform that delivers the same request twice gives the same key: the second add is absorbed.
      added = await this.queue.add('command', job, dedupKey ? { deduplication: { id: dedupKey, ttl: DEDUP_TTL_MS } } : {});
    } catch (error) {
      throw new UserError(
        'unavailable',
        'The command could not be queued: the queue is unreachable.',
        'Nothing was started. Try again in a minute.',
      );
    }
    counts.waiting += 1;
    counts.depth += 1;
    return { jobId: added.id!, position: counts.waiting };
  }

  private cached = { at: 0, counts: { waiting: 0, depth: 0 } };

  /** The queue's counts, read at most every COUNTS_CACHE_MS and kept up to date with this process's additions. */
  async counts(): Promise<QueueCounts> {
    if (Date.now() - this.cached.at > COUNTS_CACHE_MS) {
      const c = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed');
      this.cached = {
        at: Date.now(),
        counts: { waiting: c.waiting ?? 0, depth: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) },
      };
    }
    return this.cached.counts;
  }

  /** A delayed job in the same queue; its fixed id keeps one per container however often it is asked for. */
  async expireAt(job: ExpiryJob, atMs: number): Promise<void> {
    const queue = this.queue as unknown as Queue<ExpiryJob>;
    await queue.add('expire', job, { jobId: `expire-${job.containerId}`, delay: Math.max(0, atMs - Date.now()) });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export interface CommandWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  deliveries: DeliveryApi;
  log: Logger;
  /** How long a job waits for an unreachable engine before it fails. */
  engineWaitMs: number;
  /** The worker's lock on a job (a stalled job is taken up again after about twice this). */
  lockMs: number;
  execute(jobId: string, job: CommandJob, signal: AbortSignal): Promise<Reply>;
  expire(job: ExpiryJob): Promise<void>;
  /** Who asked to cancel a running job, if anyone; watched while the job runs. */
  cancelledBy(jobId: string): Promise<string | undefined>;
}

/** How often a running job checks whether someone cancelled it. */
const CANCEL_POLL_MS = 1000;

/** Runs `work` with a signal that aborts (with the canceller's name) once a cancel request appears. */
async function watchingForCancel<T>(jobId: string, options: CommandWorkerOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setInterval(() => {
    options.cancelledBy(jobId).then(
      (by) => by && controller.abort(by),
      () => {},
    );
  }, CANCEL_POLL_MS);
  try {
    return await work(controller.signal);
  } finally {
    clearInterval(timer);
  }
}

/**
 * The worker: runs each command and hands its one final reply to the deliveries. A user's error fails the job
 * at once (no retry); a fault of ours is retried, and the user hears of it only when the last try has failed.
 */
export function startCommandWorker(options: CommandWorkerOptions): Worker<CommandJob> {
  const { deliveries, log } = options;
  const worker = new Worker<CommandJob>(
    COMMAND_QUEUE,
    async (job, token) => {
      if (job.name === 'expire') return options.expire(job.data as unknown as ExpiryJob);
      const jobId = job.id!;
      const final = (reply: Reply) => deliveries.deliver({ kind: 'final', jobId, replyTo: job.data.replyTo, reply });
      try {
        const reply = await watchingForCancel(jobId, options, (signal) => options.execute(jobId, job.data, signal));
        await final(reply);
        return { status: reply.status, exitCode: reply.exitCode, outcome: reply.outcome };
      } catch (error) {
        if (error instanceof EngineUnavailable) {
          const waited = Date.now() - job.timestamp;
          if (waited < options.engineWaitMs) {
            // Wait for the engine without spending a try; the user sees why nothing happens yet.
            log.warn({ job: jobId, err: error.message }, 'engine unreachable, job waits');
            await deliveries.deliver({
              kind: 'progress',
              jobId,
              replyTo: job.data.replyTo,
              progress: { stage: 'queued', detail: 'waiting for the Docker engine, which does not answer' },
            });
            await job.moveToDelayed(Date.now() + ENGINE_RETRY_MS, token);
            throw new DelayedError();
          }
          await final(
            errorReply(
              new UserError(
                'unavailable',
                `The Docker engine did not answer for ${Math.round(waited / 1000)} s; the command was not run.`,
                'Try again later; an admin can check the health endpoint.',
              ),
            ),
          );
          throw new UnrecoverableError(error.message);
        }
        if (isUserError(error)) {
          await final(errorReply(error));
          throw new UnrecoverableError(error.message);
        }
        const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        log.error({ err: error, job: jobId, attempt: job.attemptsMade + 1 }, lastTry ? 'job failed' : 'job failed, will retry');
        if (lastTry) await final(errorReply(error, jobId));
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      // Short locks, checked often: a killed worker's job is taken up again in about two lock periods.
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      maxStalledCount: 2,
    },
  );
  worker.on('error', (error) => log.error({ err: error }, 'command worker error'));
  return worker;
}
