import type { Logger } from 'pino';
import { isUserError } from '../errors.js';
import type { CommandQueueApi, Queued } from '../core/job.js';
import type { AuditApi, GateApi, OpsApi } from '../core/ops-api.js';
import { parseCommand } from '../core/parse.js';
import type { CommandRegistry } from '../core/registry.js';
import type { Reply } from '../core/reply.js';
import type { ChatRequest } from '../core/request.js';
import { requesterOf } from '../core/request.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { authorize, isAdmin } from '../policy/access.js';
import { errorReply } from './error-reply.js';

/** What the bot answers at once: a reply (help, explain, a refusal), or the news that the command was queued. */
export type Answer = { kind: 'reply'; reply: Reply } | { kind: 'queued'; queued: Queued };

export interface RequestDeps {
  registry: CommandRegistry;
  settings: Settings;
  queue: CommandQueueApi;
  gate: GateApi;
  audit: AuditApi;
  ops: OpsApi;
  log: Logger;
}

/** Commands that answer in the bot must not touch Docker; this sandbox proves they do not. */
const NO_SANDBOX = new Proxy({} as SandboxApi, {
  get: () => () => Promise.reject(new Error('commands that run in the bot have no sandbox')),
});

/**
 * The bot's side of one command: parse, authorize, admit, then answer at once (help, explain, refusals) or
 * queue it. Nothing reaches the queue that the parser, the policy or a quota refused; every decision is audited.
 */
export async function handleRequest(request: ChatRequest, deps: RequestDeps): Promise<Answer> {
  const { settings, log } = deps;
  const who = requesterOf(request, isAdmin(settings.policy, request.platform, request.userId, request.roles));
  const base = { at: Date.now(), platform: who.platform, userId: who.userId, userName: who.userName, channelId: who.channelId, command: request.text };
  let answer: Answer;
  try {
    const command = parseCommand(request.text, { who, settings, registry: deps.registry });
    authorize(settings.policy, who, command.definition);
    const queued = command.definition.runsOn === 'worker';
    await deps.gate.admit(who, queued);
    if (queued) {
      answer = { kind: 'queued', queued: await deps.queue.enqueue({ text: request.text, who, replyTo: request.replyTo }, request.dedupKey) };
    } else {
      const reply = await command.definition.execute({
        args: command.args,
        argv: command.argv,
        who,
        jobId: '',
        replyTo: request.replyTo,
        lang: who.locale ?? 'en',
        settings,
        registry: deps.registry,
        sandbox: NO_SANDBOX,
        ops: deps.ops,
        progress: async () => {},
      });
      answer = { kind: 'reply', reply };
    }
    const verdict = answer.kind === 'queued' ? 'queued' : 'answered';
    await deps.audit.record({ ...base, verdict, jobId: answer.kind === 'queued' ? answer.queued.jobId : undefined }).catch((e) => log.warn({ err: e }, 'audit failed'));
    log.info({ ...base, verdict, job: answer.kind === 'queued' ? answer.queued.jobId : undefined }, 'command');
    return answer;
  } catch (error) {
    const code = isUserError(error) ? error.code : 'internal';
    const verdict = isUserError(error) && error.code !== 'unavailable' ? 'refused' : 'error';
    if (verdict === 'error') log.error({ err: error, ...base }, 'request failed');
    else log.info({ ...base, verdict, code }, 'command');
    await deps.audit.record({ ...base, verdict, code }).catch(() => {});
    return { kind: 'reply', reply: errorReply(error) };
  }
}
