import type { Redis } from 'ioredis';
import { backoff } from './redis.js';

/** How long a mark is kept: far longer than a delivery's tries (8, from 0.5 s doubling) or a stalled one's return. */
const KEPT_MS = 86_400_000;

/** Waits until replicas hold every write made so far (src/queue/replica-barrier.ts). */
export interface ReplicaWait {
  wait(): Promise<number>;
}

/**
 * Marks of the final replies and notices sent, one key per delivery, so a delivery run again is not sent again. BullMQ
 * runs a delivery again when its completion is lost: a primary that took it and was then replaced (a Sentinel
 * failover), or a consumer that died between the send and the completion. The mark is written after the send and
 * before the completion, tried until Redis takes it, and confirmed by the replicas the acknowledgements wait for, so
 * the primary that holds the delivery after a failover holds its mark too.
 */
export class SentMarks {
  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly replicas?: ReplicaWait,
  ) {}

  /** Inside the queue's own keys: removing a route's queues removes its marks with them (`forget`). */
  private key(queueName: string, deliveryId: string): string {
    return `${this.prefix}:${queueName}:sent:${deliveryId}`;
  }

  async sent(queueName: string, deliveryId: string): Promise<boolean> {
    return (await this.connection.exists(this.key(queueName, deliveryId))) === 1;
  }

  /** Resolves once Redis holds the mark (and the replicas asked for, or their timeout passed). */
  async mark(queueName: string, deliveryId: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.connection.set(this.key(queueName, deliveryId), '1', 'PX', KEPT_MS);
        break;
      } catch (error) {
        if (this.connection.status === 'end') throw error; // closed for good: the process is stopping
        await new Promise((r) => setTimeout(r, backoff(attempt)));
      }
    }
    await this.replicas?.wait();
  }

  /** Removes a queue's marks. */
  async forget(queueName: string): Promise<void> {
    const stream = this.connection.scanStream({ match: `${this.key(queueName, '*')}`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length) await this.connection.unlink(...keys);
  }
}
