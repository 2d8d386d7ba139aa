import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CommandJob } from '../core/job.js';

/** The field set on a command job's hash once its final reply was handed to the deliveries. */
const ANSWERED_FIELD = 'sdFinal';

/** How long one process holds the answering of a lost job; if it dies meanwhile, another takes it up after this. */
const CLAIM_MS = 30_000;

/** Failed jobs looked at in one sweep (the newest first are the ones users wait for). */
const SWEEP_BATCH = 200;

/** Marks a job answered, only while its hash exists (a removed job must not come back as a stray key). */
const MARK = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return 1 end
return 0
`;

/**
 * Failed jobs since the sweeps began whose hash lacks the answered mark. The start is recorded once per queue
 * (SET NX), so failed jobs from before this code ran, which did get their replies, are never answered again.
 */
const UNANSWERED = `
redis.call('SET', KEYS[2], ARGV[3], 'NX')
local since = redis.call('GET', KEYS[2])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], since, '+inf', 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
for _, id in ipairs(ids) do
  if redis.call('HEXISTS', ARGV[1] .. id, ARGV[2]) == 0 then table.insert(out, id) end
end
return out
`;

/** A job the queue failed by itself (the processor never gave it a final reply): what answering it needs. */
export interface LostJob {
  id: string;
  data: CommandJob;
  /** BullMQ's reason, e.g. "job stalled more than allowable limit". */
  reason: string;
  /** How many times the job's worker was found gone while it ran. */
  stalls: number;
}

/**
 * The command queue's failed jobs, seen from the side of their replies. A job the processor ended (done, a
 * user's error, its last try) is marked answered on its own hash as its final reply is handed over; a failed job
 * without the mark was failed by BullMQ itself (stalled past maxStalledCount, a lock lost, a crash loop) and is
 * still owed its one final reply. The mark lives and dies with the job's hash, so it needs no expiry of its own.
 */
export class FailedJobs {
  constructor(
    private readonly connection: Redis,
    private readonly queue: Queue<CommandJob>,
    private readonly prefix: string,
  ) {
    this.connection.defineCommand('stevedoreMarkAnswered', { numberOfKeys: 1, lua: MARK });
    this.connection.defineCommand('stevedoreUnanswered', { numberOfKeys: 2, lua: UNANSWERED });
  }

  private get redis() {
    return this.connection as unknown as {
      stevedoreMarkAnswered(key: string, field: string, at: number): Promise<number>;
      stevedoreUnanswered(failed: string, since: string, jobPrefix: string, field: string, now: number, batch: number): Promise<string[]>;
    };
  }

  /** Records that a job's final reply was handed to the deliveries. */
  async markAnswered(jobId: string): Promise<void> {
    await this.redis.stevedoreMarkAnswered(this.queue.toKey(jobId), ANSWERED_FIELD, Date.now());
  }

  /** True once the job's final reply was handed over (a job run again after that must not run twice). */
  async isAnswered(jobId: string): Promise<boolean> {
    return (await this.connection.hexists(this.queue.toKey(jobId), ANSWERED_FIELD)) === 1;
  }

  /** Ids of failed jobs still owed their final reply. */
  unanswered(): Promise<string[]> {
    return this.redis.stevedoreUnanswered(
      this.queue.toKey('failed'),
      `${this.prefix}:lost-since`,
      this.queue.toKey(''),
      ANSWERED_FIELD,
      Date.now(),
      SWEEP_BATCH,
    );
  }

  /**
   * Takes the answering of one lost job for CLAIM_MS, and reads it; undefined when another process holds it, or
   * it was answered or removed meanwhile.
   */
  async claim(jobId: string): Promise<LostJob | undefined> {
    const taken = await this.connection.set(`${this.prefix}:lost-claim:${jobId}`, '1', 'PX', CLAIM_MS, 'NX');
    if (taken !== 'OK') return undefined;
    const [data, reason, stalls, answered] = await this.connection.hmget(
      this.queue.toKey(jobId),
      'data',
      'failedReason',
      'stc',
      ANSWERED_FIELD,
    );
    if (!data || answered) return undefined;
    return { id: jobId, data: JSON.parse(data) as CommandJob, reason: reason ?? '', stalls: Number(stalls ?? 0) };
  }
}
