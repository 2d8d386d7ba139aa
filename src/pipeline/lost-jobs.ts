import type { Logger } from 'pino';
import type { CommandJob, DeliveryApi } from '../core/job.js';
import { langOf, msg, say, type Message } from '../core/messages/index.js';
import { parseCommand } from '../core/parse.js';
import { flagBool } from '../core/parse-flags.js';
import type { CommandRegistry } from '../core/registry.js';
import type { Reply } from '../core/reply.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';

/** BullMQ's reason for a job whose worker was found gone more often than maxStalledCount allows. */
const STALLED = 'job stalled more than allowable limit';

/** A job the queue failed by itself, with no final reply given (src/queue/failed-jobs.ts reads it). */
export interface LostJob {
  id: string;
  data: CommandJob;
  reason: string;
  stalls: number;
}

/** The queue's side of lost jobs: which are owed a reply, one process at a time answering each, and the mark. */
export interface LostJobsApi {
  unanswered(): Promise<string[]>;
  claim(jobId: string): Promise<LostJob | undefined>;
  markAnswered(jobId: string): Promise<void>;
}

export interface LostJobDeps {
  lost: LostJobsApi;
  deliveries: DeliveryApi;
  sandbox: SandboxApi;
  settings: Settings;
  registry: CommandRegistry;
  log: Logger;
  /** Gives the job's admission place back. */
  release(job: CommandJob): Promise<void>;
}

/**
 * Gives every job the queue failed by itself its one final reply: its place given back, its container removed when
 * `--rm` was asked (stopped otherwise, for the scheduled cleanup to collect), then the reply under the job's fixed
 * final id, then the mark. A process that dies halfway leaves the job unmarked, and the next sweep (here or in
 * another worker) does it again: each step is harmless twice, and the fixed id keeps the reply to one.
 * Returns how many jobs were answered.
 */
export async function answerLostJobs(deps: LostJobDeps): Promise<number> {
  const ids = await deps.lost.unanswered();
  if (!ids.length) return 0;
  let answered = 0;
  let containers: Awaited<ReturnType<SandboxApi['listContainers']>> | undefined;
  for (const id of ids) {
    const job = await deps.lost.claim(id);
    if (!job) continue;
    await deps.release(job.data).catch((error) => deps.log.warn({ err: error, job: id }, 'admission place not given back'));
    let note: Message | undefined;
    try {
      containers ??= await deps.sandbox.listContainers({ all: true });
      note = await settleJobContainer(job.id, job.data, containers, deps);
    } catch (error) {
      // The engine is away: the reply must not wait for it; the cleanup collects the container later.
      deps.log.warn({ err: error, job: id }, 'lost job: its container was not settled');
    }
    const lang = langOf(job.data.who.locale);
    const stalled = job.reason === STALLED;
    const followed = followedName(job.data, deps);
    const title = followed
      ? msg('follow.lost', { name: followed })
      : stalled
        ? msg('lost.stalled', { job: id, times: Math.max(2, job.stalls) })
        : msg('lost.gaveUp', { job: id });
    const reply: Reply = {
      status: 'error',
      title: say(title, lang),
      body: [say(msg('lost.retry', { job: id }), lang), note && say(note, lang)].filter(Boolean).join('\n'),
      ephemeral: true,
    };
    await deps.deliveries.deliver({ kind: 'final', jobId: id, replyTo: job.data.replyTo, reply });
    await deps.lost.markAnswered(id);
    deps.log.warn({ job: id, reason: job.reason, stalls: job.stalls }, 'lost job answered');
    answered += 1;
  }
  return answered;
}

/**
 * The own container of a job that ended without finishing it (lost, or failed on our side): found by its job label
 * (detached ones keep their time to live), removed when `--rm` was asked, stopped otherwise.
 */
export async function settleJobContainer(
  jobId: string,
  job: CommandJob,
  containers: Awaited<ReturnType<SandboxApi['listContainers']>>,
  deps: Pick<LostJobDeps, 'sandbox' | 'settings' | 'registry'>,
): Promise<Message | undefined> {
  const own = containers.filter((c) => c.jobId === jobId && !c.detached);
  if (!own.length) return undefined;
  if (askedToRemove(job, deps)) {
    for (const c of own) await deps.sandbox.removeContainer(c.id, true);
    return msg('lost.removed');
  }
  for (const c of own) if (c.state === 'running') await deps.sandbox.stopContainer(c.id, 0);
  return msg('lost.stopped');
}

/** The container a `logs -f` job followed: its final reply says the follow ended, not only that the job was lost. */
function followedName(job: CommandJob, deps: LostJobDeps): string | undefined {
  try {
    const command = parseCommand(job.text, { who: job.who, settings: deps.settings, registry: deps.registry });
    if (command.definition.name !== 'logs' || !flagBool(command.parsed, 'follow')) return undefined;
    return (command.args as { container: string }).container;
  } catch {
    return undefined;
  }
}

/** Did the command ask for `--rm`? Read from its text with the same parser the worker uses. */
function askedToRemove(job: CommandJob, deps: Pick<LostJobDeps, 'settings' | 'registry'>): boolean {
  try {
    const command = parseCommand(job.text, { who: job.who, settings: deps.settings, registry: deps.registry });
    return command.definition.name === 'run' && flagBool(command.parsed, 'rm');
  } catch {
    return false;
  }
}

/**
 * Sweeps for lost jobs every `everyMs`, and at once when `soon()` is called (a worker saw a job fail). Sweeps never
 * overlap; one that fails (Redis away) is simply run again next time. Why a sweep and not only the queue's
 * `failed` events: an event is heard once, by whoever listens at that moment, and a process killed between the
 * failure and the reply forgets it; the failed set and the mark are in Redis and outlive every process.
 */
export function sweepLostJobs(deps: LostJobDeps, everyMs: number): { soon(): void; stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const sweep = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = answerLostJobs(deps)
      .then(
        () => {},
        (error) => deps.log.warn({ err: error }, 'lost jobs sweep failed'),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          sweep();
        }
      });
  };
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  sweep();
  return {
    soon: sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
