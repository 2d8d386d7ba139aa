import type { Logger } from 'pino';
import { EngineUnavailable, EngineUntrusted, ForAnotherHost, HostTrouble, isUserError, UserError } from '../errors.js';
import {
  JOB_PAYLOAD_VERSION,
  payloadVersion,
  upgradeCommandJob,
  type CommandJob,
  type DeliveryApi,
  type JobRun,
  type JobVerdict,
} from '../core/job.js';
import { langOf, msg, type Message } from '../core/messages/index.js';
import type { Reply } from '../core/reply.js';
import { errorReply } from './error-reply.js';

/** How often a job waiting for the engine tries again. */
const ENGINE_RETRY_MS = 3000;
/** How soon new work handed back by a worker whose host went out is offered again (to the hosts in service). */
const HAND_BACK_MS = 100;

/** How long a finished job keeps trying to hand over its final reply while Redis refuses writes (maxmemory, a blip). */
const FINAL_PERSIST_MS = 5 * 60_000;

/** How often a running job checks whether someone cancelled it. */
const CANCEL_POLL_MS = 1000;

export interface ProcessDeps {
  deliveries: DeliveryApi;
  log: Logger;
  /** How long a job waits for an unreachable engine before it fails. */
  engineWaitMs: number;
  /** Runs the command (executeJob, bound to the worker's services). */
  execute(jobId: string, job: CommandJob, signal: AbortSignal): Promise<Reply>;
  /** Who asked to cancel a running job, if anyone; watched while the job runs. */
  cancelledBy(jobId: string): Promise<string | undefined>;
  /** Gives the job's admission place back once it has ended. */
  release(job: CommandJob): Promise<void>;
  /**
   * Records that the job's final reply was handed over (src/queue/failed-jobs.ts): a failed job without this mark
   * was failed by the queue itself, and the lost-jobs sweep answers it (src/pipeline/lost-jobs.ts).
   */
  answered?(jobId: string): Promise<void>;
  /** Removes (`--rm`) or stops the container of a job that ends in an error, so none is left that no job owns. */
  settle?(jobId: string, job: CommandJob): Promise<void>;
  /** Whether the job's final reply was handed over already (it ran; its end was not recorded in the queue). */
  wasAnswered?(jobId: string): Promise<boolean>;
  /** Tells the ops channel of trouble on the sandbox host (a full disk); repeats within a while are dropped. */
  opsNotice?(notice: Message): Promise<void>;
}

/**
 * One try at a queued command: run it, hand its one final reply to the deliveries, and say how the try ended.
 * A user's error ends the job at once (no retry); an engine that does not answer makes the job wait, saying so,
 * without spending a try; a fault of ours is thrown to be retried, and the user hears of it only when the last
 * try has failed.
 */
export async function processCommandJob(run: JobRun<CommandJob>, deps: ProcessDeps): Promise<JobVerdict> {
  const { id: jobId, data: queued } = run;
  const lang = langOf(queued.who?.locale);
  // A payload of the version before this one (queued before a rolling upgrade) is brought to this version; one this
  // worker cannot read is answered at once, never guessed at.
  const job = upgradeCommandJob(queued);
  if (!job) {
    const version = payloadVersion(queued);
    const supported = `${JOB_PAYLOAD_VERSION - 1}–${JOB_PAYLOAD_VERSION}`;
    const error = new UserError(
      'unavailable',
      msg('job.version.refused', { job: jobId, version, supported }),
      msg('job.version.refused.hint'),
    );
    await deps.release(queued).catch((e) => deps.log.warn({ err: e, job: jobId }, 'admission place not given back'));
    await deps.deliveries.deliver({ kind: 'final', jobId, replyTo: queued.replyTo, reply: errorReply(error, lang) });
    await deps.answered?.(jobId).catch((e) => deps.log.warn({ err: e, job: jobId }, 'final reply not marked'));
    return { kind: 'final', reason: `payload version ${version} not supported` };
  }
  // Run again after its final reply went out (its worker could not record the end: Redis refused writes, and the
  // lock lapsed meanwhile): it is not run twice.
  if (await deps.wasAnswered?.(jobId)) return { kind: 'done', result: { status: 'answered before' } };
  const final = async (reply: Reply) => {
    if (reply.status === 'error')
      await deps.settle?.(jobId, job).catch((e) => deps.log.warn({ err: e, job: jobId }, 'container not settled'));
    // The job's place is given back before its owner hears it ended, so their next command finds it free.
    await deps.release(job).catch((error) => deps.log.warn({ err: error, job: jobId }, 'admission place not given back'));
    // The command has run: its reply is handed over however long Redis refuses it, never paid for with a second run.
    await persisting(() => deps.deliveries.deliver({ kind: 'final', jobId, replyTo: job.replyTo, reply }), deps.log, jobId);
    // Marked on every path, a success too: a job whose finish is lost with its lock may yet end failed.
    await persisting(async () => deps.answered?.(jobId), deps.log, jobId).catch((error) =>
      deps.log.warn({ err: error, job: jobId }, 'final reply not marked'),
    );
  };
  try {
    const reply = await watchingForCancel(jobId, deps, (signal) => deps.execute(jobId, job, signal));
    await final(reply);
    return { kind: 'done', result: { status: reply.status, exitCode: reply.exitCode, outcome: reply.outcome } };
  } catch (error) {
    // Unannounced: the owner sees the job picked up again in a moment, by a host in service.
    if (error instanceof ForAnotherHost) return { kind: 'later', atMs: Date.now() + HAND_BACK_MS };
    if (error instanceof EngineUnavailable) {
      // Counted from when the engine went away, not from when the job was queued: a long queue or a long run
      // before an engine restart does not use up the wait.
      const lostMs = job.engineLostMs ?? Date.now();
      const waited = Date.now() - lostMs;
      if (waited < deps.engineWaitMs) {
        deps.log.warn({ job: jobId, err: error.message }, 'engine unreachable, job waits');
        await deps.deliveries.deliver({
          kind: 'progress',
          jobId,
          replyTo: job.replyTo,
          progress: { stage: 'queued', lang, detail: msg('engine.waiting') },
        });
        return { kind: 'later', atMs: Date.now() + ENGINE_RETRY_MS, data: { engineLostMs: lostMs } };
      }
      const seconds = Math.round(waited / 1000);
      const gaveUp =
        error instanceof EngineUntrusted
          ? new UserError('unavailable', msg('engine.untrusted.gaveUp', { seconds }), msg('engine.untrusted.gaveUp.hint'))
          : new UserError('unavailable', msg('engine.gaveUp', { seconds }), msg('engine.gaveUp.hint'));
      await final(errorReply(gaveUp, lang));
      return { kind: 'final', reason: error.message };
    }
    if (isUserError(error)) {
      if (error instanceof HostTrouble) {
        await deps.opsNotice?.(error.opsNotice).catch((e) => deps.log.warn({ err: e, job: jobId }, 'ops notice not sent'));
      }
      await final(errorReply(error, lang));
      return { kind: 'final', reason: error.message };
    }
    const lastTry = run.attempt >= run.attempts;
    deps.log.error({ err: error, job: jobId, attempt: run.attempt }, lastTry ? 'job failed' : 'job failed, will retry');
    if (lastTry) await final(errorReply(error, lang, jobId));
    throw error;
  }
}

/** Tries `write` until Redis takes it (at maxmemory it refuses writes until memory frees), FINAL_PERSIST_MS at most. */
async function persisting(write: () => Promise<unknown>, log: Logger, jobId: string): Promise<void> {
  const until = Date.now() + FINAL_PERSIST_MS;
  for (let pause = 100; ; pause = Math.min(pause * 2, 2000)) {
    try {
      await write();
      return;
    } catch (error) {
      if (Date.now() + pause > until) throw error;
      log.warn({ err: error, job: jobId }, 'final reply not stored yet, trying again');
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Runs `work` with a signal that aborts (with the canceller's name) once a cancel request appears. */
async function watchingForCancel<T>(jobId: string, deps: ProcessDeps, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setInterval(() => {
    deps.cancelledBy(jobId).then(
      (by) => by && controller.abort(by),
      () => {},
    );
  }, CANCEL_POLL_MS);
  try {
    return await work(controller.signal);
  } finally {
    clearInterval(timer);
  }
}
