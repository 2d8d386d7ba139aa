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
    // Commands issued in the same moment (a burst of acknowledgements, a lane's job and its markers) leave in
    // one write and come back in one read: a syscall each was a large part of an acknowledgement's cost.
    enableAutoPipelining: true,
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

/**
 * What is wrong with a Redis for holding queues: without AOF a restart loses queued jobs, and an eviction policy
 * other than noeviction drops them under memory pressure. Empty when all is well (or CONFIG is not allowed).
 */
export async function durabilityWarnings(connection: Redis): Promise<string[]> {
  try {
    const [, aof] = (await connection.config('GET', 'appendonly')) as [string, string];
    const [, policy] = (await connection.config('GET', 'maxmemory-policy')) as [string, string];
    const warnings: string[] = [];
    if (aof !== 'yes')
      warnings.push(
        'Redis runs without AOF (appendonly no): queued jobs are lost if it restarts. Set appendonly yes, appendfsync everysec.',
      );
    if (policy !== 'noeviction')
      warnings.push(
        `Redis evicts keys under memory pressure (maxmemory-policy ${policy}): jobs can vanish. Set maxmemory-policy noeviction.`,
      );
    return warnings;
  } catch {
    return [];
  }
}
