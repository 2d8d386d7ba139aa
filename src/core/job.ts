import type { Progress, Reply } from './reply.js';
import type { ReplyTarget, Requester } from './request.js';

/**
 * The shape of the command payload this version of Stevedore writes. A worker runs payloads of this version and
 * of the one before it (a rolling upgrade: the queue holds jobs the old bots wrote); any other is refused with a
 * final reply. Raise it when a field changes meaning or becomes required, and teach `upgradeCommandJob` the step.
 */
export const JOB_PAYLOAD_VERSION = 2;

/** A queued /docker command: ids and the command text only, never a secret. The worker parses it again. */
export interface CommandJob {
  /** The payload's version (JOB_PAYLOAD_VERSION when written); absent in version 1, which had no such field. */
  v?: number;
  text: string;
  who: Requester;
  replyTo: ReplyTarget;
  /** A file the bot took in for this command (cp): where it waits in Redis, not the bytes themselves. */
  upload?: { key: string; name: string; size: number };
  /** The place admission reserved for this job (src/queue/admission.ts), given back when it ends. */
  reservation?: string;
  /** When a try of this job first found the engine unreachable (ENGINE_WAIT counts from then); absent while it answers. */
  engineLostMs?: number;
  /** With SANDBOX_HOSTS: the host that holds what this job works on (queued for that host's worker alone). */
  host?: string;
}

/** A detached container's time to live has run out: stop it, remove it, tell its owner. */
export interface ExpiryJob {
  containerId: string;
  name: string;
  who: Requester;
  replyTo: ReplyTarget;
}

/**
 * Something to show the user: a progress edit, the one final reply of a job, or a notice that stands alone
 * (a container expired). `jobId` ties an edit or a final reply to the message it belongs to.
 */
export type Delivery =
  | {
      kind: 'progress';
      jobId: string;
      replyTo: ReplyTarget;
      progress: Progress;
      /** Not queued when a later stage of the job is on its way already (the bot's "queued", sent after a burst). */
      unlessMoved?: true;
    }
  | { kind: 'final'; jobId: string; replyTo: ReplyTarget; reply: Reply }
  | { kind: 'notice'; jobId: string; replyTo: ReplyTarget; reply: Reply };

/** What the bot tells the user at once when a command was queued. */
export interface Queued {
  jobId: string;
  /** 1 = next to run. */
  position: number;
}

/** The producer side of the command queue, as the bot sees it. */
export interface CommandQueueApi {
  enqueue(job: CommandJob, dedupKey?: string): Promise<Queued>;
}

/** The outgoing side: the worker hands replies here; the bot process holding the platform connection sends them. */
export interface DeliveryApi {
  deliver(delivery: Delivery): Promise<void>;
}

/** One try at a queued job, as the queue hands it to its processor. */
export interface JobRun<T> {
  id: string;
  data: T;
  /** When the job was queued. */
  queuedMs: number;
  /** 1 for the first try. */
  attempt: number;
  attempts: number;
}

/**
 * How a try ended, in the processor's words: done (with what to keep as the job's result), to be tried again at
 * a time without spending a try, or failed for good (the reply is already on its way). A thrown error is a fault
 * of ours, retried while tries are left.
 */
export type JobVerdict =
  { kind: 'done'; result: unknown } | { kind: 'later'; atMs: number; data?: Partial<CommandJob> } | { kind: 'final'; reason: string };

/** Where detached containers' times to live are kept. */
export interface ExpiryApi {
  /** Stops and removes a detached container at `atMs`, and tells its owner. */
  expireAt(job: ExpiryJob, atMs: number): Promise<void>;
}

/** The payload version of a queued command: version 1 carried none. */
export function payloadVersion(job: { v?: unknown }): number {
  return typeof job.v === 'number' && Number.isInteger(job.v) ? job.v : 1;
}

/**
 * A queued command in this version's shape, or undefined when this worker cannot run it (written by a version
 * too old, or by a newer one). Version 1 differs from 2 only by the missing `v`.
 */
export function upgradeCommandJob(job: CommandJob): CommandJob | undefined {
  const version = payloadVersion(job);
  if (version === JOB_PAYLOAD_VERSION) return job;
  if (version === JOB_PAYLOAD_VERSION - 1) return { ...job, v: JOB_PAYLOAD_VERSION };
  return undefined;
}
