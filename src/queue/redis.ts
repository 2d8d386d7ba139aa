import { Redis, type RedisOptions } from 'ioredis';

/** Redis Sentinels to ask for the primary (REDIS_SENTINELS, REDIS_SENTINEL_MASTER); none: REDIS_URL is the server. */
export interface SentinelSettings {
  redisSentinels: readonly string[];
  redisSentinelMaster: string;
}

/** How long to wait between tries at reaching Redis or the sentinels: quickly at first, never more than 2 s. */
export const backoff = (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 6), 2000);

/**
 * A Redis connection. Workers block on Redis and must never give up a command (maxRetriesPerRequest: null);
 * producers fail fast so a user hears at once that a command could not be queued.
 *
 * With sentinels, the primary is the one they name, asked again on every reconnection, so a failover is followed
 * by itself. REDIS_URL then gives the password, user and database (its host is not used). Both retry strategies
 * always return a delay: a strategy that gives up leaves ioredis in its final "end" state, which BullMQ's blocking
 * connection never leaves (bullmq#4378, langfuse#13880). A primary demoted to a replica answers writes with READONLY
 * and blocked reads with UNBLOCKED (bullmq#648): both reconnect, which asks the sentinels again.
 */
export function redisConnection(url: string, role: 'worker' | 'producer', sentinel?: SentinelSettings): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    lazyConnect: false,
    // No automatic pipelining: in ioredis 6 a pipeline sent while the connection is not ready (a Redis restart, a
    // Sentinel switch) can end with fewer results than commands; its callbacks are then lost (the command never
    // settles: an acknowledgement hung for good) behind an uncatchable "results[i] is not iterable". Measured
    // without it (bench/ack-probe.ts, same run against the bare Bolt floor): no change in acks per second beyond
    // the noise, Redis CPU per ack 0.13 to 0.20 ms.
    enableAutoPipelining: false,
  };
  if (!sentinel?.redisSentinels.length) return new Redis(url, options);
  const parsed = new URL(url);
  return new Redis({
    ...options,
    sentinels: sentinel.redisSentinels.map((hostPort) => {
      const at = hostPort.lastIndexOf(':');
      return { host: hostPort.slice(0, at), port: Number(hostPort.slice(at + 1)) };
    }),
    name: sentinel.redisSentinelMaster,
    username: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    db: Number(parsed.pathname.slice(1) || 0),
    retryStrategy: backoff,
    sentinelRetryStrategy: backoff,
    // No failover detector: its subscription outlives a connection the primary's death closed, and a switch it hears
    // while that connection is being made again cuts the attempt, which ioredis ends for good (status "end": the
    // acknowledgements stopped for good in 5 of 8 of the Sentinel test's runs here). A killed primary closes the
    // connection and a demoted one answers READONLY or UNBLOCKED: either way the sentinels are asked again.
    failoverDetector: false,
    reconnectOnError: (error) => (/^(READONLY|UNBLOCKED)/.test(error.message) ? 2 : false),
  });
}

/** Where Redis is looked for, for messages: the sentinels when there are some, else REDIS_URL without its password. */
export function redisWhere(url: string, sentinel?: SentinelSettings): string {
  if (sentinel?.redisSentinels.length) return `sentinels ${sentinel.redisSentinels.join(',')} (primary ${sentinel.redisSentinelMaster})`;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
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
