import type { CommandJob } from '../core/job.js';
import type { Reply } from '../core/reply.js';
import type { CommandQueue, startCommandWorker } from '../queue/command-queue.js';

/** One queue this process takes commands from, how many at once, and how it runs each. */
export interface Taker {
  queue: CommandQueue['queue'];
  concurrency: number;
  execute(jobId: string, job: CommandJob, signal: AbortSignal): Promise<Reply>;
  /** Handed the running worker (a host's shared-queue worker pauses while its host is out). */
  started?(worker: ReturnType<typeof startCommandWorker>): void;
}
