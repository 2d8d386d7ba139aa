import { randomUUID } from 'node:crypto';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The drain flag: while it is set, every worker of the deployment takes no new job and lets its running ones
 * finish. It is the `drain` lock of src/queue/locks-and-uploads.ts (so `/docker drain` sets it through the locks
 * port), kept at most DRAIN_MAX_MS: a drain forgotten after a maintenance ends by itself.
 */
export const DRAIN_LOCK = 'drain';
export const DRAIN_MAX_MS = 7 * 24 * 3600_000;

/** The flag's key, and the marker claimed by the one worker that announces the deployment idle. */
export const drainKey = (prefix: string) => `${prefix}:short:lock:${DRAIN_LOCK}`;
const idleKey = (prefix: string) => `${prefix}:short:lock:${DRAIN_LOCK}-idle`;
/** The workers of a queue that have paused for this drain (each by an id of its own). */
const pausedKey = (prefix: string, queue: string) => `${prefix}:short:lock:${DRAIN_LOCK}-paused:${queue}`;

export interface DrainWatchOptions {
  /** A connection that answers at once (the producer's), not one a worker blocks on. */
  connection: Redis;
  prefix: string;
  /** The worker, or its gate's drain hold (src/queue/worker-gate.ts): pause waits for its running jobs. */
  worker: Pick<Worker, 'pause' | 'resume'>;
  /** The command queue, to see whether any worker still runs a job. */
  queue: Queue;
  /** How often the flag is read. */
  intervalMs: number;
  log: Logger;
  /** Told once per drain, by one worker, when no job runs anywhere: the ops channel hears it. */
  idle(waiting: number): Promise<void>;
  /** A signal that sets the flag, as `/docker drain` does (none in tests that share a process). */
  signal?: NodeJS.Signals;
}

export interface DrainWatch {
  /** 'running', 'draining' (running jobs finishing) or 'drained'. */
  state(): 'running' | 'draining' | 'drained';
  /** Reads the flag now and acts on it; resolves once this worker has paused (its jobs finished) or resumed. */
  check(): Promise<void>;
  /** Sets the flag (the signal's handler). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches the drain flag for one worker: pauses it when the flag appears (BullMQ's pause waits for the running
 * jobs), resumes it when the flag goes. The last worker to pause, once no job runs, says that the deployment is idle.
 */
export function watchDrain(options: DrainWatchOptions): DrainWatch {
  const { connection, prefix, worker, log } = options;
  const me = randomUUID();
  const paused = pausedKey(prefix, options.queue.name);
  let state: 'running' | 'draining' | 'drained' = 'running';
  let busy: Promise<void> = Promise.resolve();
  const act = async () => {
    const wanted = (await connection.exists(drainKey(prefix))) === 1;
    if (wanted && state === 'running') {
      state = 'draining';
      log.info('drain: taking no new jobs, letting running ones finish');
      await worker.pause();
      state = 'drained';
      await connection.multi().sadd(paused, me).pexpire(paused, DRAIN_MAX_MS).exec();
      log.info('drain: this worker is idle');
      await announceIfIdle();
    } else if (!wanted && state !== 'running') {
      worker.resume();
      state = 'running';
      await connection.srem(paused, me);
      await connection.del(idleKey(prefix));
      log.info('drain: resumed, taking jobs again');
    }
  };
  const announceIfIdle = async () => {
    // Every worker of the queue must have paused: one that has not read the flag yet may still take a job.
    const [pausedCount, workers] = await Promise.all([connection.scard(paused), options.queue.getWorkersCount()]);
    if (pausedCount < workers) return; // the last worker to pause announces
    const counts = await options.queue.getJobCounts('active', 'waiting', 'prioritized');
    if (counts.active) return; // a worker still finishing a job announces when it is done
    const claimed = await connection.set(idleKey(prefix), '1', 'PX', DRAIN_MAX_MS, 'NX');
    if (claimed === 'OK') await options.idle((counts.waiting ?? 0) + (counts.prioritized ?? 0));
  };
  // One check at a time: a pause that waits for a long job must not be overtaken by the next tick's resume.
  const check = () => (busy = busy.then(act).catch((error: Error) => log.warn({ err: error.message }, 'drain: flag not read')));
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  const drain = async () => {
    await connection.set(drainKey(prefix), '1', 'PX', DRAIN_MAX_MS);
    await check();
  };
  const onSignal = () => {
    log.info(`drain: ${options.signal} received`);
    void drain().catch((error: Error) => log.warn({ err: error.message }, 'drain: flag not set'));
  };
  if (options.signal) process.on(options.signal, onSignal);
  void check();
  return {
    state: () => state,
    check,
    drain,
    async close() {
      clearInterval(timer);
      await connection.srem(paused, me).catch(() => {});
      if (options.signal) process.off(options.signal, onSignal);
    },
  };
}
