import { isUserError, UserError } from '../errors.js';
import type { CommandJob, DeliveryApi, ExpiryApi, ExpiryJob } from '../core/job.js';
import type { AuditApi, FollowsApi, GateApi, JobsApi, LocksApi, PrefsApi, UploadsApi, LabProgressApi } from '../core/queue-ports.js';
import { execContext } from '../core/command.js';
import { langOf, msg, say } from '../core/messages/index.js';
import { parseCommand } from '../core/parse.js';
import type { CommandRegistry } from '../core/registry.js';
import type { Progress, Reply } from '../core/reply.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { authorize } from '../policy/access.js';
import { containerOutcomes, jobDuration, outcomeLabel } from '../health/metrics.js';

export interface JobDeps {
  registry: CommandRegistry;
  settings: Settings;
  sandbox: SandboxApi;
  deliveries: DeliveryApi;
  audit: AuditApi;
  jobs: JobsApi;
  expiry: ExpiryApi;
  locks: LocksApi;
  uploads: UploadsApi;
  prefs: PrefsApi;
  labs: LabProgressApi;
  gate: GateApi;
  follows?: FollowsApi;
}

/**
 * The worker's side of one command: parse the text again and authorize it again (the same parser and policy as
 * the bot, so a changed policy holds for queued jobs too), run it against the sandbox host, report progress,
 * audit the outcome. Returns the final reply; throws UserError for the user's mistakes, anything else for ours.
 */
export async function executeJob(jobId: string, job: CommandJob, deps: JobDeps, signal?: AbortSignal): Promise<Reply> {
  const started = Date.now();
  const { who } = job;
  const outcome = (verdict: string, extra: { exitCode?: number; code?: string } = {}) =>
    deps.audit
      .record({
        at: Date.now(),
        platform: who.platform,
        userId: who.userId,
        userName: who.userName,
        channelId: who.channelId,
        verdict,
        jobId,
        durationMs: Date.now() - started,
        ...extra,
      })
      .catch(() => {});
  try {
    const command = parseCommand(job.text, { who, settings: deps.settings, registry: deps.registry });
    authorize(deps.settings.policy, who, command.definition);
    const lang = langOf(who.locale);
    const progress = (update: Omit<Progress, 'lang'>) =>
      deps.deliveries.deliver({ kind: 'progress', jobId, replyTo: job.replyTo, progress: { ...update, lang } });
    const reply = await command.definition.execute(
      execContext(command, {
        who,
        jobId,
        replyTo: job.replyTo,
        settings: deps.settings,
        registry: deps.registry,
        sandbox: deps.sandbox,
        jobs: deps.jobs,
        audit: deps.audit,
        expiry: deps.expiry,
        locks: deps.locks,
        prefs: deps.prefs,
        labs: deps.labs,
        gate: deps.gate,
        follows: deps.follows,
        progress,
        signal,
        upload: job.upload && {
          name: job.upload.name,
          read: async () => {
            const data = await deps.uploads.readUpload(job.upload!.key);
            if (!data) throw new UserError('not-found', msg('upload.expired', { name: job.upload!.name }), msg('upload.expired.hint'));
            return data;
          },
        },
      }),
    );
    await outcome(reply.status, { exitCode: reply.exitCode });
    jobDuration.observe({ command: command.definition.name }, (Date.now() - started) / 1000);
    if (reply.outcome) containerOutcomes.inc({ outcome: outcomeLabel({ ...reply.outcome, cancelled: signal?.aborted }) });
    return reply;
  } catch (error) {
    await outcome(isUserError(error) ? 'refused' : 'error', { code: isUserError(error) ? error.code : 'internal' });
    throw error;
  }
}

/** A detached container's time is up: kill and remove it (if it is still there) and tell its owner. */
export async function expireContainer(job: ExpiryJob, deps: Pick<JobDeps, 'sandbox' | 'deliveries'>): Promise<void> {
  const existing = (await deps.sandbox.listContainers({ all: true })).find((c) => c.id === job.containerId);
  // Not found while a host was not asked: it may be there, so the expiry is tried again later (the queue's backoff).
  if (!existing && deps.sandbox.leftOut?.size) throw new Error('a sandbox host was not asked; the expiry is tried again later');
  if (!existing) return; // removed already: nothing to say
  await deps.sandbox.removeContainer(job.containerId, true);
  await deps.deliveries.deliver({
    kind: 'notice',
    jobId: `expire-${job.containerId}`,
    replyTo: job.replyTo,
    reply: {
      status: 'info',
      title: say(msg('expired.title', { name: job.name }), langOf(job.who.locale)),
      body: say('expired.body', langOf(job.who.locale)),
    },
  });
}
