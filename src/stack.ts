import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { TerminalAdapter } from './adapters/terminal/terminal-adapter.js';
import type { DiscordAdapter } from './adapters/discord/discord-adapter.js';
import type { SlackAdapter } from './adapters/slack/slack-adapter.js';
import type { SandboxApi } from './core/sandbox-api.js';
import type { Config } from './config.js';
import type { ChatRequest } from './core/request.js';
import type { Answer } from './pipeline/handle-request.js';
import { startBot, type BotOptions } from './stack/bot.js';
import { startEngineChecks } from './stack/engine-checks.js';
import { startScheduler } from './stack/scheduler.js';
import { startShared, type Shared } from './stack/shared.js';
import { startWorker } from './stack/worker.js';

export type Role = 'bot' | 'worker' | 'scheduler';

export interface StackOptions extends BotOptions {
  roles: ReadonlySet<Role>;
  log: Logger;
}

/** A running Stevedore: the roles asked for, wired together, and one way to stop them all. */
export type Stack = Shared & {
  bot?: Awaited<ReturnType<typeof startBot>>;
  terminal?: TerminalAdapter;
  discord?: DiscordAdapter;
  slack?: SlackAdapter;
  /** HTTP mode: where Slack's requests are received. */
  slackAddress?: AddressInfo;
  /** The sandbox host of this process's worker (with SANDBOX_HOSTS: the whole fleet). */
  sandbox?: SandboxApi;
  /** The bot's way in, for a transport of the caller's own (benchmarks, the soak). */
  handle?(request: ChatRequest): Promise<Answer>;
  /** Runs a cleanup now, as the schedule does (scheduler role). */
  cleanupNow?: Awaited<ReturnType<typeof startScheduler>>['cleanupNow'];
};

/** Wiring only: what every role shares, then each role asked for, each started by a function of its own. */
export async function startStack(config: Config, options: StackOptions): Promise<Stack> {
  const { roles } = options;
  const stack: Stack = await startShared(config, options.log);
  if (roles.has('bot') || roles.has('worker')) stack.measureQueue();
  if (roles.has('worker') || roles.has('scheduler')) startEngineChecks(stack, options.log);
  if (roles.has('worker')) stack.sandbox = startWorker(stack).sandbox;
  await Promise.all(stack.starting);
  if (roles.has('scheduler')) stack.cleanupNow = (await startScheduler(stack)).cleanupNow;
  if (roles.has('bot')) {
    const bot = (stack.bot = await startBot(stack, options));
    Object.assign(stack, { terminal: bot.terminal, discord: bot.discord, slack: bot.slack, slackAddress: bot.slack?.address });
    stack.handle = (request) => bot.entry.handle(request);
  }
  return stack;
}
