import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { UserError } from '../errors.js';
import type { GateApi } from '../core/ops-api.js';
import type { CommandJob } from '../core/job.js';
import { ownerId, type Requester } from '../core/request.js';
import type { Policy } from '../policy/policy-file.js';

/**
 * Admission before anything is queued: commands per user per minute (a Redis counter per minute window), jobs
 * a user has waiting, and the depth of the whole queue. Admins skip the per-user limits, not the global one.
 */
/** The queue-depth limit may be passed by the requests of this long at most: a reading is kept that long. */
const DEPTH_CACHE_MS = 250;

export class QuotaGate implements GateApi {
  /** The jobs a user has queued, as a set of ids; finished ones are dropped lazily, when the count matters. */
  private pendingKey(owner: string): string {
    return `${this.prefix}:pending:${owner}`;
  }

  /** Notes a queued job against its owner's quota. */
  async track(who: Requester, jobId: string): Promise<void> {
    this.depthCache.value += 1; // this process's own additions count at once; others' within DEPTH_CACHE_MS
    const key = this.pendingKey(ownerId(who));
    await this.redis.multi().sadd(key, jobId).expire(key, 86_400).exec();
  }

  private depthCache = { at: 0, value: 0 };

  /** Jobs waiting in the whole queue; one reading serves every request for DEPTH_CACHE_MS. */
  private async depth(): Promise<number> {
    if (Date.now() - this.depthCache.at > DEPTH_CACHE_MS) {
      this.depthCache = { at: Date.now(), value: await this.queue.getJobCountByTypes('waiting', 'prioritized', 'delayed') };
    }
    return this.depthCache.value;
  }

  /** How many of the owner's jobs still wait or run, exactly: finished ones are dropped from the set. */
  private async pendingOf(owner: string): Promise<number> {
    const key = this.pendingKey(owner);
    const ids = await this.redis.smembers(key);
    const states = await Promise.all(ids.map(async (id) => [id, await this.queue.getJobState(id)] as const));
    const done = states.filter(([, state]) => !['waiting', 'prioritized', 'delayed', 'active', 'waiting-children'].includes(state)).map(([id]) => id);
    if (done.length) await this.redis.srem(key, ...done);
    return ids.length - done.length;
  }

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly queue: Queue<CommandJob>,
    private readonly quotas: Policy['quotas'],
  ) {}

  async admit(who: Requester, queued: boolean): Promise<void> {
    try {
      await this.check(who, queued);
    } catch (error) {
      if (error instanceof UserError) throw error;
      // Redis is unreachable: a command for a worker cannot be queued, and the user is told so; a command the
      // bot answers itself (help, explain) goes ahead without its rate check.
      if (queued) throw new UserError('unavailable', 'The command could not be queued: the queue is unreachable.', 'Nothing was started. Try again in a minute.');
    }
  }

  private async check(who: Requester, queued: boolean): Promise<void> {
    const owner = ownerId(who);
    const minute = Math.floor(Date.now() / 60_000);
    const rateKey = `${this.prefix}:rate:${owner}:${minute}`;
    // One round trip for the per-user counters; the queue's depth is read at most every DEPTH_CACHE_MS.
    const [[, count], , [, pending]] = (await this.redis.multi().incr(rateKey).expire(rateKey, 120).scard(this.pendingKey(owner)).exec()) as [[null, number], unknown, [null, number]];
    if (!who.admin && count > this.quotas.commandsPerMinute) {
      const wait = Math.ceil(((minute + 1) * 60_000 - Date.now()) / 1000);
      throw new UserError('quota', `You have sent ${count} commands this minute; the limit is ${this.quotas.commandsPerMinute}.`, `Nothing was queued. Try again in ${wait} s.`);
    }
    if (!queued) return;
    const depth = await this.depth();
    if (depth >= this.quotas.queueDepth) {
      throw new UserError('quota', `The queue is full: ${depth} jobs are waiting (the limit is ${this.quotas.queueDepth}).`, 'Nothing was queued. Try again in a minute.');
    }
    if (who.admin) return;
    const mine = pending < this.quotas.queuedJobs ? pending : await this.pendingOf(owner);
    if (mine >= this.quotas.queuedJobs) {
      throw new UserError('quota', `You already have ${mine} jobs queued or running; the limit is ${this.quotas.queuedJobs}.`, 'Nothing was queued. Wait for one to finish (`/docker ps`), then try again.');
    }
  }
}
