import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import { JOB_PAYLOAD_VERSION, type CommandJob, type CommandQueueApi, type JobRun, type JobVerdict, type Queued } from '../core/job.js';
import { msg } from '../core/messages/index.js';
import { COMMAND_QUEUE, hostQueueName } from './names.js';

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
  /** With SANDBOX_HOSTS: the hosts, each with a queue of its own for work on what it holds. */
  hosts?: readonly string[];
  /** Waits for replicas to hold each job before it is acknowledged (REDIS_WAIT_REPLICAS); none: the primary's word. */
  replicas?: { wait(): Promise<number> };
}

/** The producer: records a command as a job before anyone is told it was queued. */
export class CommandQueue implements CommandQueueApi {
  /** The shared queue: new work, taken by whichever worker is free. */
  readonly queue: Queue<CommandJob>;
  /** With SANDBOX_HOSTS: each host's own queue (pinned work); its job ids are `<host>-<n>`. */
  readonly pinned = new Map<string, Queue<CommandJob>>();

  private readonly connection: Redis;
  private readonly replicas?: { wait(): Promise<number> };

  constructor(options: CommandQueueOptions) {
    this.connection = options.connection;
    this.replicas = options.replicas;
    const open = (name: string) => {
      const queue = new Queue<CommandJob>(name, {
        connection: options.connection,
        prefix: options.prefix,
        defaultJobOptions: {
          attempts: options.attempts,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { count: options.jobsKept },
          removeOnFail: { count: options.jobsKept },
        },
      });
      queue.on('error', () => {}); // connection trouble is reported by the connection's own listener
      return queue;
    };
    this.queue = open(COMMAND_QUEUE);
    for (const host of options.hosts ?? []) this.pinned.set(host, open(hostQueueName(host)));
  }

  /** Every command queue: the shared one first. */
  all(): Queue<CommandJob>[] {
    return [this.queue, ...this.pinned.values()];
  }

  /** The queue a job id belongs to (a pinned job's id starts with its host). */
  queueOf(jobId: string): Queue<CommandJob> {
    const host = /^([a-z0-9][a-z0-9-]*)-\d+$/.exec(jobId)?.[1];
    return (host && this.pinned.get(host)) || this.queue;
  }

  async enqueue(job: CommandJob, dedupKey?: string): Promise<Queued> {
    // The position comes from the cached counts (read before the add, so the add is counted once): an exact
    // count per request cost a round trip on the acknowledgement path.
    const counts = await this.counts().catch(() => ({ waiting: 0, depth: 0 }));
    let added: Job<CommandJob>;
    const pinned = job.host === undefined ? undefined : this.pinned.get(job.host);
    try {
      // A platform that delivers the same request twice gives the same key: the second add is absorbed.
      // Stamped with its payload version, so a worker of the next version knows how to read it.
      if (job.host !== undefined && !pinned) throw new Error(`no queue for host ${job.host}`);
      const options = dedupKey ? { deduplication: { id: dedupKey, ttl: DEDUP_TTL_MS } } : {};
      // A pinned job's number comes from the shared queue's counter: job numbers stay unique across the queues.
      added = pinned
        ? await pinned.add('command', { ...job, v: JOB_PAYLOAD_VERSION }, { ...options, jobId: `${job.host}-${await this.nextId()}` })
        : await this.queue.add('command', { ...job, v: JOB_PAYLOAD_VERSION }, options);
    } catch (error) {
      // Redis at maxmemory (noeviction) refuses writes with OOM: said as such, so the user knows it is not the network.
      if (error instanceof Error && /^OOM /.test(error.message))
        throw new UserError('unavailable', msg('queue.full'), msg('queue.full.hint'));
      throw new UserError('unavailable', msg('queue.unreachable'), msg('queue.unreachable.hint'));
    }
    await this.replicas?.wait();
    // A pinned job waits in its host's queue alone (rarely long): its place there, counted after the add.
    if (pinned) return { jobId: added.id!, position: Math.max(1, await pinned.getWaitingCount().catch(() => 1)) };
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

  private async nextId(): Promise<number> {
    return this.connection.incr(this.queue.keys.id!);
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}

export interface CommandWorkerOptions {
  connection: Redis;
  /** The queue to take from: the shared one unless a host's own is named. */
  queueName?: string;
  prefix: string;
  concurrency: number;
  log: Logger;
  /** The worker's lock on a job (a stalled job is taken up again after about twice this). */
  lockMs: number;
  /** The processor: a plain function of the job, which says how the job ended (pipeline/ holds it). */
  process(run: JobRun<CommandJob>): Promise<JobVerdict>;
  /** Told when this worker failed a job (the processor's verdict, or BullMQ's own: a job stalled too often). */
  onFailed?(jobId: string): void;
  /** False: made without taking jobs, started by its WorkerGate (src/queue/worker-gate.ts). */
  autorun?: boolean;
}

/** Runs the command queue's jobs through the processor it is given, and turns its verdicts into BullMQ's terms. */
export function startCommandWorker(options: CommandWorkerOptions): Worker<CommandJob> {
  const worker = new Worker<CommandJob>(
    options.queueName ?? COMMAND_QUEUE,
    async (job, token) => {
      const verdict = await options.process({
        id: job.id!,
        data: job.data,
        queuedMs: job.timestamp,
        attempt: job.attemptsMade + 1,
        attempts: job.opts.attempts ?? 1,
      });
      if (verdict.kind === 'done') return verdict.result;
      if (verdict.kind === 'later') {
        // Waits without spending a try (the engine is away), remembering what the processor asks it to.
        if (verdict.data) await job.updateData({ ...job.data, ...verdict.data });
        await job.moveToDelayed(verdict.atMs, token);
        throw new DelayedError();
      }
      throw new UnrecoverableError(verdict.reason);
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      // Short locks, checked often: a killed worker's job is taken up again in about two lock periods.
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      // A job whose worker died while running it is run once more; if that worker dies too, the job is failed
      // (BullMQ fails it without running the processor) and the lost-jobs sweep tells its owner: a command that
      // brings its worker down is not allowed to bring down worker after worker.
      maxStalledCount: 1,
      autorun: options.autorun ?? true,
    },
  );
  worker.on('error', (error) => options.log.error({ err: error }, 'command worker error'));
  worker.on('failed', (job) => job?.id && options.onFailed?.(job.id));
  return worker;
}
