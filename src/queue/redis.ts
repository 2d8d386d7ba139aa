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

/** Resolves once the connection is ready; fails with a message that says where Redis was looked for. */
export function whenReady(connection: Redis, url: string, timeoutMs = 10_000): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', ready);
      reject(new Error(`Redis at ${url} does not answer. Start it (npm run services) or set REDIS_URL.`));
    }, timeoutMs);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', ready);
  });
}
