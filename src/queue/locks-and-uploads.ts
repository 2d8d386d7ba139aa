import { randomUUID } from 'node:crypto';
import type { LocksApi, ShortLivedStoreApi, UploadsApi } from '../core/queue-ports.js';

/** How long a file taken in for cp waits for its worker. */
const UPLOAD_TTL_MS = 30 * 60_000;

/** Named locks across processes, as expiring keys: a holder that dies frees its lock when the key expires. */
export class Locks implements LocksApi {
  constructor(private readonly store: ShortLivedStoreApi) {}

  lock(name: string, ttlMs: number): Promise<boolean> {
    return this.store.claim(`lock:${name}`, ttlMs);
  }

  unlock(name: string): Promise<void> {
    return this.store.remove(`lock:${name}`);
  }
}

/** Files taken in for cp wait in Redis (base64) under a random key, never in the job itself. */
export class Uploads implements UploadsApi {
  constructor(private readonly store: ShortLivedStoreApi) {}

  async storeUpload(data: Buffer): Promise<string> {
    const key = `upload:${randomUUID()}`;
    await this.store.put(key, data.toString('base64'), UPLOAD_TTL_MS);
    return key;
  }

  async readUpload(key: string): Promise<Buffer | undefined> {
    const text = await this.store.get(key);
    return text === undefined ? undefined : Buffer.from(text, 'base64');
  }
}
