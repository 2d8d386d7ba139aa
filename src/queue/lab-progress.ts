import type { Redis } from 'ioredis';
import type { LabProgressApi, LabRecord } from '../core/queue-ports.js';

/** Learners' lab progress: one Redis hash under the deployment's prefix, a JSON record per owner id. */
export class LabProgress implements LabProgressApi {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:labs:progress`;
  }

  async get(owner: string): Promise<LabRecord | undefined> {
    const value = await this.redis.hget(this.key, owner);
    return value ? (JSON.parse(value) as LabRecord) : undefined;
  }

  async put(record: LabRecord): Promise<void> {
    await this.redis.hset(this.key, record.owner, JSON.stringify(record));
  }

  async all(): Promise<LabRecord[]> {
    return Object.values(await this.redis.hgetall(this.key)).map((value) => JSON.parse(value) as LabRecord);
  }
}
