import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RedisInstance } from '../helpers/processes.js';

export { freePort };

/** A Redis of a fault test's own on a free port, in a temporary folder, started. */
export class OwnRedis extends RedisInstance {
  static async create(extra: string[] = []): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), mkdtempSync(join(tmpdir(), 'sv-own-redis-')), extra);
    await redis.start();
    return redis;
  }

  override async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
