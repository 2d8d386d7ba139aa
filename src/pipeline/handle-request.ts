import type { Logger } from 'pino';
import { isUserError, Replayed } from '../errors.js';
import { execContext, type ParsedCommand } from '../core/command.js';
import type { CommandJob, CommandQueueApi, ExpiryApi, Queued } from '../core/job.js';
import type { Lang } from '../core/flag-spec.js';
import { langOf, say } from '../core/messages/index.js';
import type { AuditApi, AuditEntry, GateApi, JobsApi, LocksApi, PrefsApi, UploadsApi, LabProgressApi } from '../core/queue-ports.js';
import { parseCommand, withoutPrefix } from '../core/parse.js';
import type { CommandRegistry } from '../core/registry.js';
import type { Reply } from '../core/reply.js';
import type { ChatRequest, Platform, Requester } from '../core/request.js';
import { ownerId, requesterOf } from '../core/request.js';
import { maskSecrets } from '../core/secrets.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { authorize, isAdmin } from '../policy/access.js';
import { admitted } from '../policy/quotas.js';
import { errorReply } from './error-reply.js';
import { checkUpload, takeUpload } from './uploads.js';
import { commandsTotal } from '../health/metrics.js';

/**
 * What the bot answers at once: a reply (help, explain, a refusal), or the news that the command was queued.
 * `replayed`: the request came before (a platform's retry), nothing was done; a platform may answer it silently.
 */
export type ReplyAnswer = { kind: 'reply'; reply: Reply; lang: Lang; replayed?: true };
export type Answer = ReplyAnswer | { kind: 'queued'; queued: Queued; lang: Lang };

/** A command that passed parsing, policy and quotas, and still has to be queued. */
export interface Accepted {
  kind: 'accepted';
  request: ChatRequest;
  who: Requester;
  command: ParsedCommand;
  /** The place admission reserved for the job; given back when the job ends. */
  reservation?: string;
}

export interface RequestDeps {
  registry: CommandRegistry;
  settings: Settings;
  queue: CommandQueueApi;
  gate: GateApi;
  audit: AuditApi;
  jobs: JobsApi;
  locks: LocksApi;
  uploads: UploadsApi;
  prefs: PrefsApi;
  labs: LabProgressApi;
  log: Logger;
  /** With SANDBOX_HOSTS: the host a command must run on (src/pipeline/route-job.ts); undefined: any host. */
  route?(command: ParsedCommand, who: Requester): Promise<string | undefined>;
  /** The guild or workspace the bot's own token belongs to, where the platform has one (Slack), once known. */
  ownWorkspace?(platform: Platform): string | undefined;
}

/** Commands that answer in the bot must not touch Docker; this sandbox proves they do not. */
const NO_SANDBOX = new Proxy({} as SandboxApi, {
  get: () => () => Promise.reject(new Error('commands that run in the bot have no sandbox')),
});
const NO_EXPIRY: ExpiryApi = { expireAt: () => Promise.reject(new Error('commands that run in the bot start no containers')) };

/**
 * The bot's side of one command, first half: parse, authorize, admit. Commands that answer in the bot (help,
 * explain) and every refusal come back as a reply; a command for a worker comes back accepted, not yet queued,
 * so that an adapter can acknowledge the platform in between (Discord's deferral) and still queue before it
 * says "queued".
 */
export async function admitRequest(request: ChatRequest, deps: RequestDeps): Promise<Accepted | ReplyAnswer> {
  const { settings } = deps;
  const who = requesterOf(request, isAdmin(settings.policy, request.platform, request.userId, request.roles));
  // The platform's locale where it sends one (Discord), else the user's own choice (/docker lang), else the default.
  who.locale = request.locale ?? (await deps.prefs.lang(ownerId(who)).catch(() => undefined)) ?? settings.defaultLang;
  try {
    const command = parseCommand(request.text, { who, settings, registry: deps.registry });
    authorize(settings.policy, who, command.definition, { own: deps.ownWorkspace?.(request.platform) });
    const queued = command.definition.runsOn === 'worker';
    const reservation = admitted(await deps.gate.admit(who, queued, request.seenKey), settings.policy.quotas, queued);
    if (queued) {
      // A file it takes in is only looked at here (its declared size); it is downloaded after the acknowledgement.
      const wanted = command.definition.uploadFrom?.(command.args);
      if (wanted) checkUpload(request, wanted, settings.uploadLimit);
      return { kind: 'accepted', request, who, command, reservation };
    }
    commandsTotal.inc({ command: command.definition.name, verdict: 'answered' });
    const reply = await command.definition.execute(
      execContext(command, {
        who,
        jobId: '',
        replyTo: request.replyTo,
        settings,
        registry: deps.registry,
        sandbox: NO_SANDBOX,
        jobs: deps.jobs,
        audit: deps.audit,
        expiry: NO_EXPIRY,
        locks: deps.locks,
        prefs: deps.prefs,
        labs: deps.labs,
        gate: deps.gate,
        progress: async () => {},
      }),
    );
    void record(deps, request, who, { verdict: 'answered' });
    return { kind: 'reply', reply, lang: langOf(who.locale) };
  } catch (error) {
    if (error instanceof Replayed)
      return {
        kind: 'reply',
        lang: langOf(who.locale),
        reply: { status: 'ok', title: say('request.replayed', langOf(who.locale)), ephemeral: true },
        replayed: true,
      };
    return refusal(deps, request, who, error);
  }
}

/**
 * Second half, after the platform was acknowledged: take in the file the command names, if any, then record the
 * job (with where to reply) before anyone is told it was queued.
 */
export async function queueAccepted(accepted: Accepted, deps: RequestDeps): Promise<Answer> {
  const { request, who, command, reservation } = accepted;
  try {
    const host = await deps.route?.(command, who);
    const wanted = command.definition.uploadFrom?.(command.args);
    let upload: CommandJob['upload'];
    if (wanted) {
      const file = await takeUpload(request, wanted, deps.settings.uploadLimit);
      upload = { key: await deps.uploads.storeUpload(file.data), name: file.name, size: file.data.length };
    }
    const job: CommandJob = {
      text: request.text,
      who,
      replyTo: request.replyTo,
      ...(upload ? { upload } : {}),
      ...(reservation ? { reservation } : {}),
      ...(host ? { host } : {}),
    };
    const queued = await deps.queue.enqueue(job, request.dedupKey);
    commandsTotal.inc({ command: accepted.command.definition.name, verdict: 'queued' });
    void record(deps, request, who, { verdict: 'queued', jobId: queued.jobId });
    return { kind: 'queued', queued, lang: langOf(who.locale) };
  } catch (error) {
    if (reservation) void deps.gate.release(ownerId(who), reservation).catch(() => {});
    return refusal(deps, request, who, error);
  }
}

/** Both halves at once, for adapters that need nothing in between. */
export async function handleRequest(request: ChatRequest, deps: RequestDeps): Promise<Answer> {
  const admitted = await admitRequest(request, deps);
  return admitted.kind === 'accepted' ? queueAccepted(admitted, deps) : admitted;
}

async function record(
  deps: RequestDeps,
  request: ChatRequest,
  who: Requester,
  outcome: Pick<AuditEntry, 'verdict' | 'code' | 'jobId'>,
): Promise<void> {
  const entry: AuditEntry = {
    at: Date.now(),
    platform: who.platform,
    userId: who.userId,
    userName: who.userName,
    channelId: who.channelId,
    command: maskSecrets(request.text), // the owner's own reply shows it in full; the trail and logs never do
    ...outcome,
  };
  deps.log.info({ ...entry, job: entry.jobId }, 'command');
  await deps.audit.record(entry).catch((error) => deps.log.warn({ err: error }, 'audit failed'));
}

async function refusal(deps: RequestDeps, request: ChatRequest, who: Requester, error: unknown): Promise<ReplyAnswer> {
  const code = isUserError(error) ? error.code : 'internal';
  const verdict = isUserError(error) && error.code !== 'unavailable' ? 'refused' : 'error';
  if (!isUserError(error)) deps.log.error({ err: error, text: maskSecrets(request.text) }, 'request failed');
  const name = deps.registry.lookup(withoutPrefix(request.text).split(/\s+/))?.definition.name ?? 'unknown';
  commandsTotal.inc({ command: name, verdict });
  await record(deps, request, who, { verdict, code });
  return { kind: 'reply', reply: errorReply(error, langOf(who.locale)), lang: langOf(who.locale) };
}
