import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { acksUnreplicated } from '../health/metrics.js';
import type { redisConnection } from '../queue/redis.js';
import { ReplicaBarrier } from '../queue/replica-barrier.js';

/** How many replicas must hold a job before "queued": REDIS_WAIT_REPLICAS, where auto is 1 behind sentinels. */
export function replicasWanted(config: Pick<Config, 'redisWaitReplicas' | 'redisSentinels'>): number {
  return config.redisWaitReplicas === 'auto' ? (config.redisSentinels.length ? 1 : 0) : config.redisWaitReplicas;
}

/**
 * The barrier every acknowledgement (and every mark of a reply sent) waits at, on a connection of its own; none when
 * no replica is asked for.
 */
export function replicaBarrier(config: Config, connect: () => ReturnType<typeof redisConnection>, log: Logger): ReplicaBarrier | undefined {
  const wanted = replicasWanted(config);
  if (wanted === 0) return undefined;
  let warnedAt = 0;
  return new ReplicaBarrier(connect(), `${config.queuePrefix}:acks:replicated`, wanted, config.redisWaitTimeout, (confirmed) => {
    acksUnreplicated.inc();
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    log.warn(
      { wanted, confirmed, timeoutMs: config.redisWaitTimeout },
      'jobs acknowledged (or replies marked sent) before their replicas confirmed them',
    );
  });
}
