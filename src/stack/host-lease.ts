import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { HostLeases } from '../queue/host-leases.js';

export interface LeaseKeeper {
  /** This process serves the host now. */
  readonly held: boolean;
  /** Settles once the lease was first asked for (held or not), so a process starts knowing which hosts it serves. */
  readonly first: Promise<void>;
  /** Stops renewing and gives the lease up, so a standby takes the host on its next try. */
  close(): Promise<void>;
}

export interface LeaseOptions {
  leases: HostLeases;
  host: string;
  ttlMs: number;
  log: Logger;
  /** Told when this process starts or stops serving the host. */
  changed(held: boolean): void;
}

/**
 * Keeps this process's lease on one host: takes it when it is free, renews it every third of its life, and tells
 * `changed` when it is held or lost. A holder that cannot renew gives the host up once two thirds of the lease have
 * passed since its last renewal, before the lease can lapse and a standby take it, so two processes never count one
 * host's slots at the same moment. It never stops trying: a standby takes over the host of a holder that died.
 */
export function keepHostLease(o: LeaseOptions): LeaseKeeper {
  const me = randomUUID();
  const every = Math.max(100, Math.floor(o.ttlMs / 3));
  let held = false;
  let renewedAt = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const set = (now: boolean, why: string) => {
    if (now === held) return;
    held = now;
    o.log.info({ host: o.host }, now ? 'serving sandbox host (lease taken)' : `standing by for sandbox host (${why})`);
    o.changed(now);
  };
  const tick = async () => {
    const asked = Date.now();
    try {
      // A call that does not come back in time counts as failed: the give-up rule must not wait on it.
      const got = await Promise.race([
        o.leases.hold(o.host, me, o.ttlMs),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer from Redis')), every).unref()),
      ]);
      if (got) renewedAt = asked;
      set(got, 'another process holds the lease');
    } catch (error) {
      if (held && Date.now() - renewedAt >= (2 * o.ttlMs) / 3) {
        o.log.warn({ host: o.host, err: (error as Error).message }, 'host lease not renewed in time: giving the host up');
        set(false, 'lease not renewed');
      }
    }
  };
  const loop = async (): Promise<void> => {
    await tick();
    if (!closed) timer = setTimeout(() => void (running = loop()), every);
  };
  let running = loop();
  const first = running;
  return {
    get held() {
      return held;
    },
    first,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
      await o.leases.release(o.host, me).catch(() => {}); // not released: it lapses after ttlMs
    },
  };
}
