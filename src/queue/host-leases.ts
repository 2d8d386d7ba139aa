import type { Redis } from 'ioredis';

/** Takes the lease when it is free or already this holder's, and sets its time to live: 1 if held now, 0 if not. */
const HOLD = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Deletes a key only while it still holds the value given (a lease this holder gives up). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * One lease per sandbox host: the process holding it serves the host (its slots are counted in that one process),
 * others stand by. A key per host with the holder's id and a time to live; taken and renewed by compare-and-set.
 */
export class HostLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(host: string): string {
    return `${this.prefix}:host-lease:${host}`;
  }

  /** Takes or renews the lease for `ttlMs`; false while another process holds it. */
  async hold(host: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(HOLD, 1, this.key(host), holder, String(ttlMs))) === 1;
  }

  /** Gives the lease up at once (a standby takes the host on its next try), if this holder still has it. */
  async release(host: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(host), holder);
  }

  /** The hosts some process serves now. */
  async served(hosts: readonly string[]): Promise<Set<string>> {
    if (!hosts.length) return new Set();
    const holders = await this.redis.mget(...hosts.map((h) => this.key(h)));
    return new Set(hosts.filter((_, i) => holders[i] !== null));
  }
}
