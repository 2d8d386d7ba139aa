import { isUserError } from '../errors.js';
import type { CommandQueueApi, Queued } from '../core/job.js';
import { parseCommand } from '../core/parse.js';
import type { CommandRegistry } from '../core/registry.js';
import type { Reply } from '../core/reply.js';
import type { ChatRequest } from '../core/request.js';
import { requesterOf } from '../core/request.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { errorReply } from './error-reply.js';
import type { Logger } from 'pino';

/** What the bot answers at once: a reply (help, explain, a refusal), or the news that the command was queued. */
export type Answer = { kind: 'reply'; reply: Reply } | { kind: 'queued'; queued: Queued };

export interface RequestDeps {
  registry: CommandRegistry;
  settings: Settings;
  queue: CommandQueueApi;
  log: Logger;
}

/** A sandbox for commands that answer in the bot: they must not touch Docker, and this proves it. */
const NO_SANDBOX = new Proxy({} as SandboxApi, {
  get: () => () => Promise.reject(new Error('commands that run in the bot have no sandbox')),
});

/**
 * The bot's side of one command: parse, check, then answer at once (help, explain, refusals) or queue it.
 * Nothing reaches the queue that the parser or the policy refused.
 */
export async function handleRequest(request: ChatRequest, deps: RequestDeps): Promise<Answer> {
  const who = requesterOf(request);
  const lang = request.locale ?? 'en';
  try {
    const command = parseCommand(request.text, deps.registry, { who, settings: deps.settings });
    if (command.definition.runsOn === 'bot') {
      const reply = await command.definition.execute({
        args: command.args,
        argv: command.argv,
        who,
        jobId: '',
        lang,
        settings: deps.settings,
        sandbox: NO_SANDBOX,
        progress: async () => {},
      });
      return { kind: 'reply', reply };
    }
    const queued = await deps.queue.enqueue({ text: request.text, who, replyTo: request.replyTo }, request.dedupKey);
    deps.log.info({ user: who.userId, platform: who.platform, command: command.definition.name, job: queued.jobId }, 'queued');
    return { kind: 'queued', queued };
  } catch (error) {
    if (!isUserError(error)) deps.log.error({ err: error, text: request.text }, 'request failed');
    else deps.log.info({ user: who.userId, code: error.code, text: request.text }, 'refused');
    return { kind: 'reply', reply: errorReply(error) };
  }
}
