import type { Lang } from './flag-spec.js';
import type { Queued } from './job.js';
import type { RunOutcome } from './reply.js';
import type { ReplyTarget, Requester } from './request.js';

/** One line of the audit trail: a command as decided by the bot, or a job's outcome as reported by the worker. */
export interface AuditEntry {
  at: number;
  platform: string;
  userId: string;
  userName?: string;
  channelId: string;
  /** The command text as typed (after /docker). */
  command?: string;
  /** queued, answered (help, explain), refused, error; or for outcomes: ok, failed. */
  verdict: string;
  code?: string;
  jobId?: string;
  exitCode?: number;
  durationMs?: number;
}

/** A queued command as the queue remembers it. */
export interface JobInfo {
  id: string;
  /** The command as typed (for retry); show `shownText`, which has its secrets masked. */
  text: string;
  shownText: string;
  who: Requester;
  state: string;
  attemptsMade: number;
  failedReason?: string;
  outcome?: RunOutcome;
  createdMs: number;
  startedMs?: number;
  finishedMs?: number;
  /** For a waiting job: 1 = next. */
  position?: number;
  replyTo: ReplyTarget;
}

/** The queue as a whole, for admins. */
export interface QueueSummary {
  counts: Record<string, number>;
  workers: number;
}

/** The jobs of the queue, as `jobs`, `cancel`, `retry` and `explain job` see them. */
export interface JobsApi {
  job(id: string): Promise<JobInfo | undefined>;
  /** Recent jobs, newest first; only one owner's when `owner` is given. */
  jobs(options: { owner?: string; limit: number }): Promise<JobInfo[]>;
  queueSummary(): Promise<QueueSummary>;
  /** A waiting job is removed (and its message says so); a running one is asked to stop. */
  cancel(jobId: string, by: Requester): Promise<'removed' | 'stopping' | 'finished'>;
  /** Queues the command of an earlier job again, as a new job, in the place admission reserved for it. */
  requeue(job: JobInfo, replyTo: ReplyTarget, reservation?: string): Promise<Queued>;
}

/** A named lock across processes (two cleanups never run at once). */
export interface LocksApi {
  lock(name: string, ttlMs: number): Promise<boolean>;
  unlock(name: string): Promise<void>;
}

/** Files taken in for cp, kept until a worker takes them. */
export interface UploadsApi {
  /** Returns the key the file waits under. */
  storeUpload(data: Buffer): Promise<string>;
  readUpload(key: string): Promise<Buffer | undefined>;
}

/**
 * What admission found: let in (with a reservation of a place, for a queued command), a request seen before, a
 * limit reached (with the count that reached it), Redis out of reach, or Redis out of memory (full).
 */
export type AdmissionVerdict =
  | { kind: 'ok'; reservation?: string }
  | { kind: 'replayed' }
  | { kind: 'rate'; count: number; retryInS: number }
  | { kind: 'depth' | 'mine'; count: number }
  | { kind: 'unavailable' | 'full' };

/** Admission before queueing: rate, per-user and global limits, checked and reserved in one step. */
export interface GateApi {
  /** `seenKey`: the platform's id of the request, claimed in the same step. */
  admit(who: Requester, queued: boolean, seenKey?: string): Promise<AdmissionVerdict>;
  /** Gives a job's place back once it has ended, or when it could not be queued after all. */
  release(owner: string, reservation: string): Promise<void>;
}

/** Where audit entries are written, and read back by admins. */
export interface AuditApi {
  record(entry: AuditEntry): Promise<void>;
  recent(count: number): Promise<AuditEntry[]>;
}

/** Expiring values kept outside job payloads: short-lived credentials, markers of requests already seen. */
export interface ShortLivedStoreApi {
  put(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | undefined>;
  claim(key: string, ttlMs: number): Promise<boolean>;
  remove(key: string): Promise<void>;
}

/** A user's own settings, kept across commands (the language, on platforms that send none). */
export interface PrefsApi {
  lang(owner: string): Promise<Lang | undefined>;
  setLang(owner: string, lang: Lang): Promise<void>;
}

/** Where one learner stands in the labs (`/docker learn`): the lab and step under way, and the labs finished. */
export interface LabRecord {
  /** The owner id (`terminal:alice`). */
  owner: string;
  /** The name to show in the team's table. */
  name?: string;
  current?: {
    lab: number;
    /** Index into the lab's steps. */
    step: number;
    /** When this step began (ms since the epoch): only what the learner did since counts. */
    since: number;
    /** Checks of this step that found something missing. */
    misses: number;
    /** Steps of this lab skipped rather than met. */
    skipped: number[];
  };
  /** Finished labs by number: when. */
  finished: Record<string, number>;
}

/** Learners' progress through the labs, kept across commands. */
export interface LabProgressApi {
  get(owner: string): Promise<LabRecord | undefined>;
  put(record: LabRecord): Promise<void>;
  /** Every learner's record, for the team's table. */
  all(): Promise<LabRecord[]>;
}

/**
 * `logs -f` follows under way: one per user (a new one ends the earlier), FOLLOW_SLOTS in the whole deployment,
 * counted apart from the workers' container slots.
 */
export interface FollowsApi {
  /**
   * Takes a slot for job `jobId` of `owner` and makes it the owner's follow: `full` when every slot is taken,
   * `again` when this job began following before (its worker died: it is not followed twice).
   */
  begin(owner: string, jobId: string): Promise<'ok' | 'full' | 'again'>;
  /** Still the owner's follow (no later one began)? */
  current(owner: string, jobId: string): Promise<boolean>;
  end(owner: string, jobId: string): Promise<void>;
}
