import type { Redis } from 'ioredis';
import type { HostStatesApi, PlacedKind, PlacementApi } from '../core/fleet.js';

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

/** One hash for the deployment: host → end of its cool-down. */
export class HostStates implements HostStatesApi {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:hosts-out`;
  }

  async out(): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(this.key);
    return new Map(Object.entries(all).map(([host, until]) => [host, Number(until)]));
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
