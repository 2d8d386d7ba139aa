import type { Redis } from 'ioredis';
import type { ShortLivedStoreApi } from '../core/queue-ports.js';

/**
 * Values that expire by themselves: a platform's short-lived reply credentials (a Discord interaction token, a
 * Slack response_url) are kept here, out of job payloads and logs, for exactly as long as they are valid.
 */
export class ShortLivedStore implements ShortLivedStoreApi {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}:short:${key}`, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}:short:${key}`)) ?? undefined;
  }

  async remove(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}:short:${key}`);
  }

  /** Sets the key only if it is new; false when it was there already (a request seen before). */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:short:${key}`, '1', 'PX', Math.round(ttlMs), 'NX')) === 'OK';
  }
}
