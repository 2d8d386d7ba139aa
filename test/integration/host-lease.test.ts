import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startCommandWorker } from '../../src/queue/command-queue.js';
import { HostLeases } from '../../src/queue/host-leases.js';
import { COMMAND_QUEUE } from '../../src/queue/names.js';
import { WorkerGate } from '../../src/queue/worker-gate.js';
import { keepHostLease } from '../../src/stack/host-lease.js';
import { testLog } from '../helpers/test-stack.js';

/**
 * One process serves a sandbox host at a time (a lease per host in Redis), and one gate decides whether a worker
 * takes jobs (drain, cool-down and standby each hold it). Against the local Redis, each test with a prefix of its own.
 */
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const connections: Redis[] = [];
const connect = (options: { worker?: boolean } = {}) => {
  const c = new Redis(url, { maxRetriesPerRequest: options.worker ? null : 1, enableOfflineQueue: !!options.worker });
  c.on('error', () => {});
  connections.push(c);
  return c;
};
const prefix = () => `{lease-test-${randomBytes(4).toString('hex')}}`;
/** Resolves with the next change a keeper reports, in order. */
function changes() {
  const seen: boolean[] = [];
  const waiting: ((held: boolean) => void)[] = [];
  return {
    changed: (held: boolean) => (waiting.length ? waiting.shift()!(held) : seen.push(held)),
    next: () => (seen.length ? Promise.resolve(seen.shift()!) : new Promise<boolean>((r) => waiting.push(r))),
  };
}

afterAll(() => connections.forEach((c) => c.disconnect()));

describe('host lease', () => {
  it('lets one of two processes serve a host, and the other take over at once when it gives the host up', async () => {
    const p = prefix();
    const leases = new HostLeases(connect(), p);
    const a = changes();
    const b = changes();
    const first = keepHostLease({ leases, host: 'h', ttlMs: 3000, log: testLog(), changed: a.changed });
    expect(await a.next()).toBe(true);
    const second = keepHostLease({ leases, host: 'h', ttlMs: 3000, log: testLog(), changed: b.changed });
    expect(await leases.served(['h', 'other'])).toEqual(new Set(['h']));
    expect(first.held).toBe(true);
    expect(second.held).toBe(false);
    await first.close();
    expect(await b.next()).toBe(true); // taken on the standby's next try, not after the lease's time to live
    expect(second.held).toBe(true);
    await second.close();
    expect(await leases.served(['h'])).toEqual(new Set());
  });

  it('gives the host up when Redis is lost, before the lease can lapse and a standby take it', async () => {
    const p = prefix();
    const lost = connect();
    const order: string[] = [];
    const a = changes();
    const b = changes();
    const holder = keepHostLease({
      leases: new HostLeases(lost, p),
      host: 'h',
      ttlMs: 1500,
      log: testLog(),
      changed: (held) => (order.push(held ? 'holder serves' : 'holder gave up'), a.changed(held)),
    });
    expect(await a.next()).toBe(true);
    const standby = keepHostLease({
      leases: new HostLeases(connect(), p),
      host: 'h',
      ttlMs: 1500,
      log: testLog(),
      changed: (held) => (order.push(held ? 'standby serves' : 'standby gave up'), b.changed(held)),
    });
    lost.disconnect(); // the holder's renewals fail from now on; its lease still stands in Redis until it lapses
    expect(await a.next()).toBe(false);
    expect(await b.next()).toBe(true);
    expect(order).toEqual(['holder serves', 'holder gave up', 'standby serves']);
    await Promise.all([holder.close(), standby.close()]);
  });
});

describe('worker gate', () => {
  it('starts a worker only when nothing holds it, and the end of one hold never resumes a worker another holds', async () => {
    const p = prefix();
    const queue = new Queue(COMMAND_QUEUE, { connection: connect(), prefix: p });
    const ran: string[] = [];
    const runs = new Map<string, () => void>();
    const worker = startCommandWorker({
      connection: connect({ worker: true }),
      prefix: p,
      concurrency: 1,
      lockMs: 30_000,
      log: testLog(),
      autorun: false,
      process: async (run) => (ran.push(run.data.text), runs.get(run.data.text)?.(), { kind: 'done', result: null }),
    });
    const ranJob = (text: string) => new Promise<void>((r) => runs.set(text, r));
    const job = (text: string) => ({
      text,
      who: { platform: 'terminal', userId: 'u', channelId: 'c' },
      replyTo: { route: 'r', channelId: 'c' },
    });
    const gate = new WorkerGate(worker, ['standby'], () => {});
    await queue.add('command', job('one'));
    expect(worker.isRunning()).toBe(false); // standing by: the worker was never started
    const one = ranJob('one');
    gate.free('standby');
    await one;
    await gate.hold('out');
    await gate.hold('drain', true);
    gate.free('out'); // back from a cool-down while a drain still holds the worker
    expect(worker.isPaused()).toBe(true);
    await queue.add('command', job('two'));
    expect(await queue.getWaitingCount()).toBe(1);
    const two = ranJob('two');
    gate.free('drain');
    await two;
    expect(ran).toEqual(['one', 'two']);
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });
});
