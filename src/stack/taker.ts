import type { CommandJob } from '../core/job.js';
import type { Reply } from '../core/reply.js';
import type { CommandQueue, startCommandWorker } from '../queue/command-queue.js';
import type { WorkerGate } from '../queue/worker-gate.js';

export type CommandWorker = ReturnType<typeof startCommandWorker>;

/** One queue this process takes commands from, how many at once, and how it runs each. */
export interface Taker {
  queue: CommandQueue['queue'];
  concurrency: number;
  execute(jobId: string, job: CommandJob, signal: AbortSignal): Promise<Reply>;
  /** Handed the worker before it takes any job; returns the gate that starts and holds it (a fleet host's). */
  gated?(worker: CommandWorker): WorkerGate;
  /** Told once its worker has closed (its running jobs done): a host's lease is given up after both its workers. */
  closed?(): Promise<void>;
}
