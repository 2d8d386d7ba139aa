import { executeJob, expireContainer } from '../pipeline/execute-job.js';
import { settleJobContainer, sweepLostJobs } from '../pipeline/lost-jobs.js';
import { processCommandJob } from '../pipeline/process-job.js';
import { closeWithGrace } from '../queue/close-worker.js';
import { startCommandWorker } from '../queue/command-queue.js';
import { startExpiryWorker } from '../queue/expiry-queue.js';
import { FailedJobs } from '../queue/failed-jobs.js';
import { Follows } from '../queue/follows.js';
import { cancelKey } from '../queue/job-control.js';
import { watchDrain } from '../queue/drain.js';
import { WorkerGate } from '../queue/worker-gate.js';
import { msg, say } from '../core/messages/index.js';
import type { CommandJob } from '../core/job.js';
import type { Shared } from './shared.js';
import { ownerId } from '../core/request.js';
import { hostTakers } from './host-worker.js';
import type { Taker } from './taker.js';

/** The same trouble on the sandbox host is told to the ops channel at most this often. */
const OPS_NOTICE_EVERY_MS = 10 * 60_000;

/**
 * The worker role: takes commands from the queue and runs them on the sandbox host; expires detached containers;
 * answers the jobs the queue failed by itself (every worker sweeps: where jobs run, a worker is there to see them).
 * With SANDBOX_HOSTS, each host this process serves takes from the shared queue and from its own (host-worker.ts).
 */
export function startWorker(shared: Shared) {
  const { config, log, deliveries, store } = shared;
  const sandbox = shared.sandboxOf();
  // A follow (logs -f) waits on the engine for minutes and holds no container: while one runs here, this process's
  // workers take one more job at a time, so follows never use up container slots (FOLLOW_SLOTS counts them
  // deployment-wide; in a fleet the hosts' slots bound the containers whatever BullMQ's concurrency says).
  const workers: { worker: { concurrency: number }; base: number }[] = [];
  const follows = new Follows(shared.producer, config.queuePrefix, config.followSlots, config.followMax, (change) => {
    for (const w of workers) w.worker.concurrency = Math.max(w.base, w.worker.concurrency + change);
  });
  const deps = { ...shared, settings: config, sandbox, gate: shared.admission, follows };
  const release = async (job: CommandJob) => {
    if (job.reservation) await shared.admission.release(ownerId(job.who), job.reservation);
  };
  const takers: Taker[] = shared.fleet
    ? config.sandboxHosts
        .filter((h) => !config.workerHosts.length || config.workerHosts.includes(h.name))
        .flatMap((host) => hostTakers(shared, shared.fleet!, host, deps))
    : [
        {
          queue: shared.commandQueue.queue,
          concurrency: config.workerConcurrency,
          execute: (jobId, job, signal) => executeJob(jobId, job, deps, signal),
        },
      ];
  takers.forEach((taker, i) => {
    const failed = new FailedJobs(shared.producer, taker.queue, config.queuePrefix);
    const lost = sweepLostJobs(
      { lost: failed, deliveries, sandbox, settings: config, registry: shared.registry, log, release },
      config.jobLock,
    );
    const worker = startCommandWorker({
      connection: shared.blocking,
      prefix: config.queuePrefix,
      queueName: taker.queue.name,
      concurrency: taker.concurrency,
      lockMs: config.jobLock,
      log,
      autorun: false,
      onFailed: () => lost.soon(),
      process: (run) =>
        processCommandJob(run, {
          deliveries,
          log,
          engineWaitMs: config.engineWait,
          cancelledBy: (jobId) => store.get(cancelKey(jobId)),
          release,
          answered: (jobId) => failed.markAnswered(jobId),
          wasAnswered: (jobId) => failed.isAnswered(jobId),
          settle: async (jobId, job) => {
            await settleJobContainer(jobId, job, await sandbox.listContainers({ all: true }), {
              sandbox,
              settings: config,
              registry: shared.registry,
            });
          },
          execute: taker.execute,
          opsNotice: async (notice) => {
            if (await store.claim(`ops-notice:${notice.id}`, OPS_NOTICE_EVERY_MS)) {
              await shared.notifyOps({ status: 'error', title: say(notice, config.defaultLang) });
            }
          },
        }),
    });
    workers.push({ worker, base: taker.concurrency });
    // Started by its gate, which drains, cool-downs and a host's standby each hold (src/queue/worker-gate.ts).
    const gate = taker.gated?.(worker) ?? new WorkerGate(worker, [], (error) => log.error({ err: error }, 'command worker stopped'));
    // /docker drain (or SIGUSR2): no new jobs, running ones finish; the ops channel hears when the deployment is idle.
    const drain = watchDrain({
      connection: shared.producer,
      prefix: config.queuePrefix,
      worker: gate.as('drain'),
      queue: taker.queue,
      intervalMs: config.drainCheck,
      log,
      ...(i === 0 ? { signal: 'SIGUSR2' as const } : {}),
      idle: (waiting) =>
        shared.notifyOps({
          status: 'ok',
          title: say('drain.idle', config.defaultLang),
          body: say(msg('drain.idle.body', { waiting }), config.defaultLang),
        }),
    });
    const close = async () => {
      await closeWithGrace(worker, config.shutdownGrace);
      await taker.closed?.();
    };
    shared.closables.push(drain, { close }, { close: () => lost.stop() });
  });
  const expiries = startExpiryWorker({
    connection: shared.blocking,
    prefix: config.queuePrefix,
    log,
    // A fleet view of its own per expiry: its `leftOut` says which hosts this one did not hear from.
    expire: (job) => expireContainer(job, { sandbox: shared.fleet?.view() ?? sandbox, deliveries }),
  });
  shared.closables.push({ close: () => closeWithGrace(expiries, 5000) });
  return { sandbox };
}
