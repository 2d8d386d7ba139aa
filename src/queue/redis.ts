import { Redis } from 'ioredis';

/**
 * A Redis connection. Workers block on Redis and must never give up a command (maxRetriesPerRequest: null);
 * producers fail fast so a user hears at once that a command could not be queued.
 */
export function redisConnection(url: string, role: 'worker' | 'producer'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    lazyConnect: false,
  });
}
