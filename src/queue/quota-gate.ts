import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Replayed, UserError } from '../errors.js';
import type { GateApi } from '../core/queue-ports.js';
import type { CommandJob } from '../core/job.js';
import { ownerId, type Requester } from '../core/request.js';
import type { Policy } from '../policy/policy-file.js';
import type { QueueCounts } from './command-queue.js';

/** How long a request's platform id is remembered, so a retried or replayed request is acted on once. */
const SEEN_MS = 30 * 60_000;

/**
 * Admission before anything is queued: a platform's retry recognised, commands per user per minute (a Redis
 * counter per minute window), jobs a user has waiting, and the depth of the whole queue. Admins skip the per-user
 * limits, not the global one.
 */
export class QuotaGate implements GateApi {
  /** The jobs a user has queued, as a set of ids; finished ones are dropped lazily, when the count matters. */
  private pendingKey(owner: string): string {
    return `${this.prefix}:pending:${owner}`;
  }

  /** Notes a queued job against its owner's quota. */
  async track(who: Requester, jobId: string): Promise<void> {
    const key = this.pendingKey(ownerId(who));
    // Plain commands, not MULTI: issued together they leave in one write (auto-pipelining), and a MULTI's setup
    // cost more than the whole rest of the acknowledgement (measured in bench/README.md).
    await Promise.all([this.redis.sadd(key, jobId), this.redis.expire(key, 86_400)]);
  }

  /** How many of the owner's jobs still wait or run, exactly: finished ones are dropped from the set. */
  private async pendingOf(owner: string): Promise<number> {
    const key = this.pendingKey(owner);
    const ids = await this.redis.smembers(key);
    const states = await Promise.all(ids.map(async (id) => [id, await this.queue.getJobState(id)] as const));
    const done = states
      .filter(([, state]) => !['waiting', 'prioritized', 'delayed', 'active', 'waiting-children'].includes(state))
      .map(([id]) => id);
    if (done.length) await this.redis.srem(key, ...done);
    return ids.length - done.length;
  }

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly queue: Queue<CommandJob>,
    /** The queue's counts, cached briefly (the depth limit may be passed by the requests of that moment). */
    private readonly counts: () => Promise<QueueCounts>,
    private readonly quotas: Policy['quotas'],
  ) {}

  async admit(who: Requester, queued: boolean, seenKey?: string): Promise<void> {
    try {
      await this.check(who, queued, seenKey);
    } catch (error) {
      if (error instanceof UserError || error instanceof Replayed) throw error;
      // Redis is unreachable: a command for a worker cannot be queued, and the user is told so; a command the
      // bot answers itself (help, explain) goes ahead without its rate check.
      if (queued)
        throw new UserError(
          'unavailable',
          'The command could not be queued: the queue is unreachable.',
          'Nothing was started. Try again in a minute.',
        );
    }
  }

  private async check(who: Requester, queued: boolean, seenKey?: string): Promise<void> {
    const owner = ownerId(who);
    const minute = Math.floor(Date.now() / 60_000);
    const rateKey = `${this.prefix}:rate:${owner}:${minute}`;
    // One round trip for the request's claim and the per-user counters.
    const [fresh, count, pending] = await Promise.all([
      seenKey ? this.redis.set(`${this.prefix}:seen:${seenKey}`, '1', 'PX', SEEN_MS, 'NX') : 'OK',
      this.redis.incr(rateKey),
      this.redis.scard(this.pendingKey(owner)),
    ]);
    if (count === 1) void this.redis.expire(rateKey, 120).catch(() => {}); // a new minute's counter
    if (fresh !== 'OK') throw new Replayed();
    if (!who.admin && count > this.quotas.commandsPerMinute) {
      const wait = Math.ceil(((minute + 1) * 60_000 - Date.now()) / 1000);
      throw new UserError(
        'quota',
        `You have sent ${count} commands this minute; the limit is ${this.quotas.commandsPerMinute}.`,
        `Nothing was queued. Try again in ${wait} s.`,
      );
    }
    if (!queued) return;
    const { depth } = await this.counts();
    if (depth >= this.quotas.queueDepth) {
      throw new UserError(
        'quota',
        `The queue is full: ${depth} jobs are waiting (the limit is ${this.quotas.queueDepth}).`,
        'Nothing was queued. Try again in a minute.',
      );
    }
    if (who.admin) return;
    const mine = pending < this.quotas.queuedJobs ? pending : await this.pendingOf(owner);
    if (mine >= this.quotas.queuedJobs) {
      throw new UserError(
        'quota',
        `You already have ${mine} jobs queued or running; the limit is ${this.quotas.queuedJobs}.`,
        'Nothing was queued. Wait for one to finish (`/docker ps`), then try again.',
      );
    }
  }
}
