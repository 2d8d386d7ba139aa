import type { Logger } from 'pino';
import type { Writable } from 'node:stream';
import { commands } from '../commands/index.js';
import type { Config } from './config.js';
import { TerminalAdapter } from './adapters/terminal/terminal-adapter.js';
import { admitRequest, handleRequest, queueAccepted, type Answer } from './pipeline/handle-request.js';
import type { ChatRequest } from './core/request.js';
import { DiscordAdapter } from './adapters/discord/discord-adapter.js';
import { SlackAdapter } from './adapters/slack/slack-adapter.js';
import type { AddressInfo } from 'node:net';
import { IMAGE_ALIASES } from './core/catalog.js';
import { ShortLivedStore } from './queue/short-lived-store.js';
import { executeJob, expireContainer } from './pipeline/execute-job.js';
import { closeWithGrace } from './queue/close-worker.js';
import { CommandQueue, startCommandWorker } from './queue/command-queue.js';
import { AuditLog } from './queue/audit-log.js';
import { DeliveryQueues } from './queue/deliveries.js';
import { QuotaGate } from './queue/quota-gate.js';
import type { OpsApi } from './core/ops-api.js';
import { durabilityWarnings, redisConnection, whenReady } from './queue/redis.js';
import { dockerClient } from './sandbox/docker-client.js';
import { DockerSandbox } from './sandbox/docker-sandbox.js';
import { withEngineErrors } from './sandbox/engine-errors.js';

export type Role = 'bot' | 'worker' | 'scheduler';

export interface StackOptions {
  roles: ReadonlySet<Role>;
  log: Logger;
  /** Where the terminal adapter writes; given when this process runs the terminal adapter. */
  terminalOut?: Writable;
  /** The terminal user's id and channel (tests act as several users in several channels). */
  terminalUser?: string;
  terminalChannel?: string;
}

/** A running Stevedore: the parts asked for, wired together, and one way to stop them all. */
export interface Stack {
  terminal?: TerminalAdapter;
  discord?: DiscordAdapter;
  slack?: SlackAdapter;
  /** HTTP mode: where Slack's requests are received. */
  slackAddress?: AddressInfo;
  /** The bot's pipeline, for a transport of the caller's own (benchmarks, the soak). */
  handle?(request: ChatRequest): Promise<Answer>;
  deliveries: DeliveryQueues;
  commandQueue: CommandQueue;
  sandbox?: DockerSandbox;
  close(): Promise<void>;
}

/**
 * Wires the roles of one process: the bot (adapters → parse → policy → queue), the worker (queue → commands →
 * sandbox → deliveries). Everything reaches Redis and Docker through the settings given.
 */
export async function startStack(config: Config, options: StackOptions): Promise<Stack> {
  const { log, roles } = options;
  const connections: ReturnType<typeof redisConnection>[] = [];
  const connect = (role: 'worker' | 'producer') => {
    const c = redisConnection(config.redisUrl, role);
    c.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
    connections.push(c);
    return c;
  };
  const shared = connect('worker');
  const deliveries = new DeliveryQueues(shared, config.queuePrefix, config.jobsKept);
  const producer = connect('producer');
  await whenReady(producer, config.redisUrl);
  for (const warning of await durabilityWarnings(producer)) log.warn(warning);
  const commandQueue = new CommandQueue({ connection: producer, prefix: config.queuePrefix, attempts: config.jobAttempts, jobsKept: config.jobsKept });
  const audit = new AuditLog(producer, config.queuePrefix, config.auditKept);
  const ops: OpsApi = {
    auditRecent: (count) => audit.recent(count),
    job: (id) => commandQueue.job(id),
    expireAt: (job, at) => commandQueue.expireAt(job, at),
  };
  const workers: { close(): Promise<void> }[] = [];
  const stack: Stack = {
    commandQueue,
    deliveries,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await commandQueue.close();
      await deliveries.close();
      connections.forEach((c) => c.disconnect());
    },
  };

  if (roles.has('worker')) {
    const sandbox = withEngineErrors(new DockerSandbox(dockerClient(config), { deployment: config.deployment, pullTimeoutMs: config.pullTimeout }));
    stack.sandbox = sandbox;
    const worker = startCommandWorker({
      connection: shared,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      deliveries,
      log,
      engineWaitMs: config.engineWait,
      lockMs: config.jobLock,
      execute: (jobId, job) => executeJob(jobId, job, { registry: commands, settings: config, sandbox, deliveries, audit, ops }),
      expire: (job) => expireContainer(job, { sandbox, deliveries }),
    });
    workers.push({ close: () => closeWithGrace(worker, config.shutdownGrace) });
  }

  if (roles.has('bot')) {
    const gate = new QuotaGate(producer, config.queuePrefix, commandQueue.queue, config.policy.quotas);
    const requestDeps = { registry: commands, settings: config, queue: commandQueue, gate, audit, ops, log };
    stack.handle = (request) => handleRequest(request, requestDeps);
    const store = new ShortLivedStore(producer, config.queuePrefix);
    // The bot reads the engine only to suggest container names; it never changes anything there.
    const reader = stack.sandbox ?? new DockerSandbox(dockerClient(config), { deployment: config.deployment, pullTimeoutMs: config.pullTimeout });
    const containerNames = (platform: string) => async (userId: string) =>
      (await reader.listContainers({ all: true })).filter((c) => c.owner === `${platform}:${userId}`).map((c) => c.name);
    const imageSuggestions = [...IMAGE_ALIASES.map((a) => a.alias), ...config.policy.images.filter((i) => !i.includes('*'))];

    if (config.discordToken) {
      if (!config.discordApplicationId) throw new Error('DISCORD_APPLICATION_ID is needed with DISCORD_TOKEN');
      const discord = new DiscordAdapter({
        token: config.discordToken,
        applicationId: config.discordApplicationId,
        guildId: config.discordGuildId,
        apiUrl: config.discordApiUrl,
        tokenTtlMs: config.discordTokenTtl,
        registry: commands,
        admit: (request) => admitRequest(request, requestDeps),
        queue: (accepted) => queueAccepted(accepted, requestDeps),
        deliverLater: (delivery) => deliveries.deliver(delivery),
        store,
        containerNames: containerNames('discord'),
        imageSuggestions,
        log,
      });
      if (config.discordRegister) await discord.register();
      await discord.start();
      workers.push(deliveries.consume(discord.route, discord.deliver, log), { close: () => discord.stop() });
      stack.discord = discord;
    }
    if (config.slackBotToken) {
      const slack = new SlackAdapter({
        botToken: config.slackBotToken,
        signingSecret: config.slackSigningSecret,
        appToken: config.slackAppToken,
        port: config.slackPort,
        host: config.slackHost,
        apiUrl: config.slackApiUrl,
        maxSkewMs: config.slackMaxSkew,
        admit: (request) => admitRequest(request, requestDeps),
        queue: (accepted) => queueAccepted(accepted, requestDeps),
        deliverLater: (delivery) => deliveries.deliver(delivery),
        store,
        log,
      });
      stack.slackAddress = await slack.start();
      workers.push(deliveries.consume(slack.route, slack.deliver, log), { close: () => slack.stop() });
      stack.slack = slack;
    }
    if (options.terminalOut && !stack.discord && !stack.slack) {
      const handle = (request: Parameters<typeof handleRequest>[0]) => handleRequest(request, requestDeps);
      const terminal = new TerminalAdapter({ handle, out: options.terminalOut, userId: options.terminalUser, channelId: options.terminalChannel });
      workers.push(deliveries.consume(terminal.route, terminal.deliver, log));
      stack.terminal = terminal;
    }
  }
  return stack;
}
