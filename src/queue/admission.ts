import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AdmissionVerdict, GateApi } from '../core/queue-ports.js';
import type { Quotas } from '../core/policy-schema.js';
import { ownerId, type Requester } from '../core/request.js';

/** How long a request's platform id is remembered, so a retried or replayed request is acted on once. */
const SEEN_MS = 30 * 60_000;

/**
 * A reservation older than this is taken to be lost (a bot or worker that died between taking it and giving it
 * back) and no longer counts: a lost one blocks a place for at most this long.
 */
const RESERVATION_MS = 30 * 60_000;

/**
 * Checks and reserves in one step, inside Redis, so that requests arriving at once cannot all pass a limit that
 * only one of them may pass. Counters are Stevedore's own (sorted sets of reservations, scored by time), never
 * BullMQ's keys. Returns {verdict, number}.
 */
const ADMIT = `
local seenKey, rateKey, mineKey, allKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local seenMs, now, queued, admin = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1', ARGV[4] == '1'
local perMinute, perUser, depth, token, stale = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9])
if seenMs > 0 and not redis.call('SET', seenKey, '1', 'PX', seenMs, 'NX') then return {'replayed', 0} end
local count = redis.call('INCR', rateKey)
if count == 1 then redis.call('PEXPIRE', rateKey, 120000) end
if not admin and count > perMinute then return {'rate', count} end
if not queued then return {'ok', 0} end
redis.call('ZREMRANGEBYSCORE', allKey, '-inf', now - stale)
local all = redis.call('ZCARD', allKey)
if all >= depth then return {'depth', all} end
if not admin then
  redis.call('ZREMRANGEBYSCORE', mineKey, '-inf', now - stale)
  local mine = redis.call('ZCARD', mineKey)
  if mine >= perUser then return {'mine', mine} end
end
redis.call('ZADD', allKey, now, token)
redis.call('ZADD', mineKey, now, token)
redis.call('PEXPIRE', mineKey, stale)
return {'ok', 0}
`;

/**
 * Admission before anything is queued: a platform's retry recognised, commands per user per minute, jobs a user has
 * waiting or running, and the depth of the whole queue, checked and reserved atomically. Admins skip the per-user
 * limits, not the global one. The rules and their words are policy's (src/policy/quotas.ts); this only counts.
 */
export class Admission implements GateApi {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly quotas: Quotas,
  ) {
    this.redis.defineCommand('stevedoreAdmit', { numberOfKeys: 4, lua: ADMIT });
  }

  private mineKey(owner: string): string {
    return `${this.prefix}:admitted:${owner}`;
  }

  async admit(who: Requester, queued: boolean, seenKey?: string): Promise<AdmissionVerdict> {
    const owner = ownerId(who);
    const now = Date.now();
    const minute = Math.floor(now / 60_000);
    const token = queued ? randomUUID() : '';
    let answer: [string, number];
    try {
      answer = (await (this.redis as unknown as { stevedoreAdmit(...a: unknown[]): Promise<[string, number]> }).stevedoreAdmit(
        `${this.prefix}:seen:${seenKey ?? '-'}`,
        `${this.prefix}:rate:${owner}:${minute}`,
        this.mineKey(owner),
        `${this.prefix}:admitted`,
        seenKey ? SEEN_MS : 0,
        now,
        queued ? '1' : '0',
        who.admin ? '1' : '0',
        this.quotas.commandsPerMinute,
        this.quotas.queuedJobs,
        this.quotas.queueDepth,
        token,
        RESERVATION_MS,
      )) as [string, number];
    } catch (error) {
      // Redis at maxmemory (noeviction) refuses the script's writes with OOM: a full queue, not an unreachable one.
      return { kind: error instanceof Error && /^OOM /.test(error.message) ? 'full' : 'unavailable' };
    }
    const [kind, n] = answer;
    if (kind === 'ok') return queued ? { kind: 'ok', reservation: token } : { kind: 'ok' };
    if (kind === 'replayed') return { kind: 'replayed' };
    if (kind === 'rate') return { kind: 'rate', count: n, retryInS: Math.ceil(((minute + 1) * 60_000 - now) / 1000) };
    return { kind: kind as 'depth' | 'mine', count: n };
  }

  /** Gives a job's place back when it has ended (or was never queued). */
  async release(owner: string, reservation: string): Promise<void> {
    await Promise.all([this.redis.zrem(`${this.prefix}:admitted`, reservation), this.redis.zrem(this.mineKey(owner), reservation)]);
  }
}
