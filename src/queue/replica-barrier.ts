import type { Redis } from 'ioredis';
import { whenReady } from './redis.js';

/**
 * Waits, before a user hears "queued", until replicas hold the job (Redis WAIT), so a job acknowledged survives the
 * loss of the primary. WAIT counts one connection's own writes, so the barrier has a connection of its own: it
 * writes a mark after the job's add has returned (Redis replicates in order, so a replica that has the mark has the
 * job) and waits for that. Acknowledgements that arrive while a wait is under way share the next one (a group
 * commit): one slow replica costs each acknowledgement at most two timeouts, never one per request in line.
 */
export class ReplicaBarrier {
  private inFlight?: Promise<number>;
  private queued?: Promise<number>;

  constructor(
    private readonly connection: Redis,
    private readonly markKey: string,
    private readonly replicas: number,
    private readonly timeoutMs: number,
    /** Called when fewer replicas than asked confirmed in time: the job is queued on the primary alone. */
    private readonly onShort: (confirmed: number) => void = () => {},
  ) {}

  /** Resolves with how many replicas hold every write made before the call, on any connection (0: none in time). */
  wait(): Promise<number> {
    if (!this.inFlight) return this.start();
    // The wait under way may have written its mark before this job's add: this one needs the next.
    this.queued ??= this.inFlight.then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<number> {
    const round = this.round();
    this.inFlight = round;
    void round.then(() => {
      if (this.inFlight === round) this.inFlight = undefined;
    });
    return round;
  }

  private async round(): Promise<number> {
    let confirmed = 0;
    try {
      // A connection still being made (just started, or after a failover) is waited for, within the same timeout.
      await whenReady(this.connection, 'the replica barrier', this.timeoutMs);
      await this.connection.incr(this.markKey);
      confirmed = (await this.connection.call('WAIT', this.replicas, this.timeoutMs)) as number;
    } catch {
      confirmed = 0; // the job was added; only the replicas' confirmation is missing
    }
    if (confirmed < this.replicas) this.onShort(confirmed);
    return confirmed;
  }
}
