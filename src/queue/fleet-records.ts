import type { Redis } from 'ioredis';
import type { HostStatesApi, PlacedKind, PlacementApi } from '../core/fleet.js';

/**
 * Sets the field unless it names another host still in the fleet (ARGV[3..]); returns the host it names after, and
 * 1 when this call set it.
 */
const CLAIM = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and current ~= ARGV[2] then
  for i = 3, #ARGV do
    if ARGV[i] == current then return {current, 0} end
  end
end
if current == ARGV[2] then return {current, 0} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {ARGV[2], 1}`;

/** One hash per owner: `container:web` → `a`. Never expires: an entry goes when its object is removed. */
export class Placements implements PlacementApi {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(owner: string): string {
    return `${this.prefix}:placements:${owner}`;
  }

  async record(owner: string, kind: PlacedKind, name: string, host: string): Promise<void> {
    await this.redis.hset(this.key(owner), `${kind}:${name}`, host);
  }

  async claim(owner: string, kind: PlacedKind, name: string, host: string, hosts: readonly string[]) {
    const [on, made] = (await this.redis.eval(CLAIM, 1, this.key(owner), `${kind}:${name}`, host, ...hosts)) as [string, number];
    return { on, claimed: made === 1 };
  }

  async forget(owner: string, kind: PlacedKind, name: string): Promise<void> {
    await this.redis.hdel(this.key(owner), `${kind}:${name}`);
  }

  async where(owner: string, kind: PlacedKind, names: readonly string[]): Promise<(string | undefined)[]> {
    if (!names.length) return [];
    const found = await this.redis.hmget(this.key(owner), ...names.map((n) => `${kind}:${n}`));
    return found.map((h) => h ?? undefined);
  }
}

/** How long a job remembers the host it changed things on (a retry of it runs there, not elsewhere). */
const JOB_HOST_MS = 24 * 3600_000;

/** The host each job first changed something on: a job taken up again (its worker died) goes back there. */
export class JobHosts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async record(jobId: string, host: string): Promise<void> {
    await this.redis.set(`${this.prefix}:job-host:${jobId}`, host, 'PX', JOB_HOST_MS, 'NX');
  }

  async of(jobId: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}:job-host:${jobId}`)) ?? undefined;
  }
}

/** Drops a host's cool-down only while it still ends when it did (nobody extended it in the meantime). */
const DROP_IF_SAME = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`;

/**
 * One hash for the deployment: host → end of its cool-down. The process serving a host puts it back after a
 * ping; a cool-down that has ended on a host no process serves (`served`) is dropped when read, so a host is not
 * kept out for ever by a process that is gone (whoever serves it next checks it again).
 */
export class HostStates implements HostStatesApi {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly served?: () => Promise<ReadonlySet<string>>,
  ) {
    this.key = `${prefix}:hosts-out`;
  }

  async out(): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(this.key);
    const out = new Map(Object.entries(all).map(([host, until]) => [host, Number(until)]));
    const ended = [...out].filter(([, until]) => until <= Date.now());
    if (!ended.length || !this.served) return out;
    const served = await this.served();
    for (const [host, until] of ended.filter(([h]) => !served.has(h))) {
      await this.redis.eval(DROP_IF_SAME, 1, this.key, host, String(until));
      out.delete(host);
    }
    return out;
  }

  async takeOut(host: string, untilMs: number): Promise<boolean> {
    return (await this.redis.hsetnx(this.key, host, String(untilMs))) === 1;
  }

  async extend(host: string, untilMs: number): Promise<void> {
    await this.redis.hset(this.key, host, String(untilMs));
  }

  async bringBack(host: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, host)) === 1;
  }
}
