import type { Redis } from 'ioredis';
import type { FollowsApi } from '../core/queue-ports.js';

/**
 * In one step: is this job's follow a second try (KEYS[3]; its slot is then given up)? Slots past their time are freed; the owner's earlier
 * follow gives its slot up; then a slot is taken, or none is free.
 * KEYS: the slots (a sorted set, job id → when its slot lapses), the owner's follow, this job's mark.
 * ARGV: job id, now, when the slot lapses, slots, how long the owner's follow and the mark are kept.
 */
const BEGIN = `
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
  return 'again'
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local previous = redis.call('GET', KEYS[2])
local freed = 0
if previous and redis.call('ZSCORE', KEYS[1], previous) then freed = 1 end
if redis.call('ZCARD', KEYS[1]) - freed >= tonumber(ARGV[4]) then return 'full' end
if previous then redis.call('ZREM', KEYS[1], previous) end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[5])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[5])
return 'ok'
`;

/** Only the owner's own follow ends its mark: a later follow's stays. */
const END = `
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
`;

/**
 * Follows in Redis: the deployment's slots, each user's one follow. A slot lapses by itself after FOLLOW_MAX (and a
 * little), so a worker that died mid-follow does not keep it. `onLocal` hears of follows this process begins and ends
 * (the worker takes one more job at a time while one runs: a follow waits on the engine and holds no container slot).
 */
export class Follows implements FollowsApi {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly slots: number,
    private readonly maxMs: number,
    private readonly onLocal: (change: 1 | -1) => void = () => {},
  ) {}

  private keys(owner: string, jobId: string): string[] {
    return [`${this.prefix}:follows`, `${this.prefix}:follow:user:${owner}`, `${this.prefix}:follow:job:${jobId}`];
  }

  async begin(owner: string, jobId: string): Promise<'ok' | 'full' | 'again'> {
    const now = Date.now();
    const keep = this.maxMs + 60_000;
    const verdict = (await this.redis.eval(BEGIN, 3, ...this.keys(owner, jobId), jobId, now, now + keep, this.slots, keep)) as
      'ok' | 'full' | 'again';
    if (verdict === 'ok') this.onLocal(1);
    return verdict;
  }

  async current(owner: string, jobId: string): Promise<boolean> {
    return (await this.redis.get(this.keys(owner, jobId)[1]!)) === jobId;
  }

  async end(owner: string, jobId: string): Promise<void> {
    this.onLocal(-1);
    const [slots, user] = this.keys(owner, jobId);
    await this.redis.eval(END, 2, slots!, user!, jobId);
  }
}
