import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryQueues } from '../../src/queue/deliveries.js';
import { deliveryQueueName, finalDeliveryId } from '../../src/queue/names.js';
import { redisConnection } from '../../src/queue/redis.js';
import { ReplicaBarrier } from '../../src/queue/replica-barrier.js';
import { until } from '../helpers/processes.js';
import { testLog } from '../helpers/test-stack.js';
import { OwnRedis } from './own-redis.js';
import { SwitchProxy } from './switch-proxy.js';

// A final reply sent just as the primary is replaced: the old primary takes the delivery's completion after the
// replica was promoted, so the new primary still holds the delivery as running, and BullMQ runs it again once its
// lock there runs out. The mark of the reply sent, confirmed by the replica before the completion, keeps it from
// being sent a second time.
const PREFIX = 'sv-delivery-failover';
const ROUTE = 'terminal-failover'; // one lane
const QUEUE = `${PREFIX}:${deliveryQueueName(ROUTE)}`;

let primary: OwnRedis;
let replica: OwnRedis;
let proxy: SwitchProxy;
const connections: Redis[] = [];
let deliveries: DeliveryQueues;

beforeAll(async () => {
  primary = await OwnRedis.create();
  replica = await OwnRedis.create(['--replicaof', '127.0.0.1', String(primary.port)]);
  await until(() => /master_link_status:up/.test(replica.cli('info', 'replication')), 30_000, 'the replica to sync');
  proxy = await SwitchProxy.create(primary.port);
  // Every connection of the consumer goes through the proxy, as through the sentinels: the queue's and the barrier's.
  const blocking = redisConnection(proxy.url, 'worker');
  const barrierConnection = redisConnection(proxy.url, 'producer');
  connections.push(blocking, barrierConnection);
  for (const c of connections) c.on('error', () => {});
  const barrier = new ReplicaBarrier(barrierConnection, `${PREFIX}:acks:replicated`, 1, 1000);
  deliveries = new DeliveryQueues(blocking, PREFIX, 100, () => {}, barrier);
});

afterAll(async () => {
  await deliveries?.close();
  for (const c of connections) c.disconnect();
  await proxy?.close();
  await replica?.destroy();
  await primary?.destroy();
});

/** Whether a Redis holds the final reply as completed. */
async function completedOn(redis: OwnRedis): Promise<boolean> {
  const connection = new Redis(redis.url);
  try {
    return (await connection.zscore(`${QUEUE}:completed`, finalDeliveryId('1'))) !== null;
  } finally {
    connection.disconnect();
  }
}

describe('a final reply delivered as the primary is replaced', () => {
  it('is sent once, though its completion was lost with the old primary', { timeout: 180_000 }, async () => {
    await deliveries.deliver({
      kind: 'final',
      jobId: '1',
      replyTo: { route: ROUTE, channelId: ROUTE },
      reply: { status: 'ok', title: 'done' },
    });
    let sends = 0;
    const consumer = deliveries.consume(
      ROUTE,
      async () => {
        sends += 1;
        // Right after the send: the replica is promoted as the delivery's completion leaves for the old primary,
        // which takes and answers it; then the consumer's connections are moved to the new primary.
        if (sends === 1)
          proxy.failoverAt({ at: `${QUEUE}:completed`, promote: () => replica.cli('replicaof', 'no', 'one'), to: replica.port });
      },
      testLog(),
    );
    try {
      await until(() => proxy.switched, 30_000, 'the failover');
      expect(await completedOn(primary)).toBe(true); // the completion went to the old primary, and is lost with it
      // BullMQ takes the delivery up again on the new primary once its lock there ran out (its default 30 s lock and
      // stall checks: about a minute), and completes it there.
      await until(() => completedOn(replica), 150_000, 'the delivery completed on the new primary');
      expect(sends).toBe(1);
    } finally {
      await consumer.close();
    }
  });
});
