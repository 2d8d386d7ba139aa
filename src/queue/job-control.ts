import type { Job, Queue } from 'bullmq';
import type { CommandJob, DeliveryApi, Queued } from '../core/job.js';
import type { GateApi, JobInfo, JobsApi, QueueSummary, ShortLivedStoreApi } from '../core/queue-ports.js';
import type { RunOutcome } from '../core/reply.js';
import { ownerId, type ReplyTarget, type Requester } from '../core/request.js';
import { maskSecrets } from '../core/secrets.js';
import { langOf, msg, say } from '../core/messages/index.js';
import type { CommandQueue } from './command-queue.js';

/** How long a cancel request waits for the worker running the job to see it. */
const CANCEL_TTL_MS = 10 * 60_000;

/** The key a worker watches while it runs a job: set, it stops the job's container. */
export const cancelKey = (jobId: string) => `cancel:${jobId}`;

/** Jobs as users and admins see them: list, cancel, run again. */
export class JobControl implements JobsApi {
  private readonly queue: Queue<CommandJob>;

  constructor(
    private readonly commands: CommandQueue,
    private readonly store: ShortLivedStoreApi,
    private readonly deliveries: DeliveryApi,
    private readonly gate: GateApi,
    /** With SANDBOX_HOSTS: the host a command (as typed, by whom) must run on; a retry goes there as the first did. */
    private readonly route?: (text: string, who: Requester) => Promise<string | undefined>,
  ) {
    this.queue = commands.queue;
  }

  async job(id: string): Promise<JobInfo | undefined> {
    const job = await this.commands.queueOf(id).getJob(id);
    return job && job.name === 'command' ? this.info(job) : undefined;
  }

  async jobs(options: { owner?: string; limit: number }): Promise<JobInfo[]> {
    // With SANDBOX_HOSTS the hosts' own queues hold the pinned jobs: listed together.
    const lists = await Promise.all(
      this.commands
        .all()
        .map((q) =>
          q.getJobs(['active', 'waiting', 'prioritized', 'delayed', 'completed', 'failed'], 0, Math.max(options.limit * 20, 200)),
        ),
    );
    const list = lists.flat();
    const mine = list.filter((j) => j && j.name === 'command' && (!options.owner || ownerId(j.data.who) === options.owner));
    const waiting = (await this.queue.getWaiting(0, 1000)).map((j) => j.id);
    const infos = await Promise.all(
      mine
        .sort((a, b) => b.timestamp - a.timestamp)
        .slice(0, options.limit)
        .map((j) => this.info(j)),
    );
    // BullMQ lists waiting jobs newest first: the oldest is next.
    return infos.map((i) =>
      i.state === 'waiting' && waiting.includes(i.id) ? { ...i, position: waiting.length - waiting.indexOf(i.id) } : i,
    );
  }

  async queueSummary(): Promise<QueueSummary> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
    return { counts, workers: (await this.queue.getWorkers()).length };
  }

  async cancel(jobId: string, by: Requester): Promise<'removed' | 'stopping' | 'finished'> {
    const job = await this.commands.queueOf(jobId).getJob(jobId);
    if (!job) return 'finished';
    const state = await job.getState();
    const name = by.userName ?? by.userId;
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      try {
        await job.remove();
      } catch {
        return this.signal(jobId, name); // taken by a worker in between
      }
      if (job.data.reservation) await this.gate.release(ownerId(job.data.who), job.data.reservation).catch(() => {});
      await this.deliveries.deliver({
        kind: 'final',
        jobId,
        replyTo: job.data.replyTo,
        reply: {
          status: 'failed',
          title: say(msg('cancelled.waiting', { name }), langOf(job.data.who.locale)),
          body: maskSecrets(job.data.text),
        },
      });
      return 'removed';
    }
    if (state === 'active') return this.signal(jobId, name);
    return 'finished';
  }

  private async signal(jobId: string, name: string): Promise<'stopping'> {
    await this.store.put(cancelKey(jobId), name, CANCEL_TTL_MS);
    return 'stopping';
  }

  /** The earlier job's command as a new job, in a place `reservation` admission gave the one who asked. */
  async requeue(job: JobInfo, replyTo: ReplyTarget, reservation?: string): Promise<Queued> {
    const host = await this.route?.(job.text, job.who);
    return this.commands.enqueue({
      text: job.text,
      who: job.who,
      replyTo,
      ...(reservation ? { reservation } : {}),
      ...(host ? { host } : {}),
    });
  }

  private async info(job: Job<CommandJob>): Promise<JobInfo> {
    const result = job.returnvalue as { outcome?: RunOutcome } | null;
    return {
      id: job.id!,
      text: job.data.text,
      shownText: maskSecrets(job.data.text),
      who: job.data.who,
      state: await job.getState(),
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason || undefined,
      outcome: result?.outcome,
      createdMs: job.timestamp,
      startedMs: job.processedOn,
      finishedMs: job.finishedOn,
      replyTo: job.data.replyTo,
    };
  }
}
