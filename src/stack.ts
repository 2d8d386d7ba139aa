import type { Logger } from 'pino';
import type { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { commands } from '../commands/index.js';
import type { Config } from './config.js';
import { TerminalAdapter } from './adapters/terminal/terminal-adapter.js';
import { admitRequest, handleRequest, queueAccepted, type Answer } from './pipeline/handle-request.js';
import type { ChatRequest, ReplyTarget } from './core/request.js';
import type { Reply } from './core/reply.js';
import type { Delivery } from './core/job.js';
import { Ingress } from './pipeline/ingress.js';
import { cleanupReply, runCleanup, type CleanupResult } from './pipeline/cleanup.js';
import { startMaintenance } from './queue/maintenance.js';
import { measureQueueWith } from './health/metrics.js';
import { startMonitor } from './health/monitor.js';
import type { HealthCheck } from './health/health-server.js';
import type { DiscordAdapter } from './adapters/discord/discord-adapter.js';
import type { SlackAdapter } from './adapters/slack/slack-adapter.js';
import type { ChatPipeline } from './adapters/shared/chat-pipeline.js';
import type { AddressInfo } from 'node:net';
import { IMAGE_ALIASES } from './core/catalog.js';
import { ShortLivedStore } from './queue/short-lived-store.js';
import { JobControl, cancelKey } from './queue/job-control.js';
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
  jobs: JobControl;
  /** What /healthz checks in this process: Redis, the engine, the chat connections. */
  healthChecks: Record<string, HealthCheck>;
  /** Runs a cleanup now, as the schedule does (scheduler role). */
  cleanupNow?(): Promise<CleanupResult>;
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
  const commandQueue = new CommandQueue({
    connection: producer,
    prefix: config.queuePrefix,
    attempts: config.jobAttempts,
    jobsKept: config.jobsKept,
  });
  const audit = new AuditLog(producer, config.queuePrefix, config.auditKept);
  const store = new ShortLivedStore(producer, config.queuePrefix);
  const jobs = new JobControl(commandQueue, store, deliveries);
  const ops: OpsApi = {
    auditRecent: (count) => audit.recent(count),
    job: (id) => jobs.job(id),
    jobs: (options) => jobs.jobs(options),
    queueSummary: () => jobs.queueSummary(),
    cancel: (id, by) => jobs.cancel(id, by),
    requeue: (job, replyTo) => jobs.requeue(job, replyTo),
    lock: (name, ttlMs) => store.claim(`lock:${name}`, ttlMs),
    unlock: (name) => store.remove(`lock:${name}`),
    storeUpload: async (data) => {
      const key = `upload:${randomUUID()}`;
      await store.put(key, data.toString('base64'), UPLOAD_TTL_MS);
      return key;
    },
    readUpload: async (key) => {
      const text = await store.get(key);
      return text === undefined ? undefined : Buffer.from(text, 'base64');
    },
    expireAt: (job, at) => commandQueue.expireAt(job, at),
  };
  const workers: { close(): Promise<void> }[] = [];
  // One sandbox host client for the roles that need it (worker, scheduler, the bot's container-name suggestions).
  let sandboxClient: DockerSandbox | undefined;
  const sandboxOf = () =>
    (sandboxClient ??= withEngineErrors(
      new DockerSandbox(dockerClient(config), { deployment: config.deployment, pullTimeoutMs: config.pullTimeout }),
    ));
  const opsTarget = opsChannel(config.opsChannel);
  const notifyOps = async (reply: Reply) => {
    if (opsTarget) await deliveries.deliver({ kind: 'notice', jobId: `ops-${Date.now()}`, replyTo: opsTarget, reply });
    else log.info({ title: reply.title, body: reply.body }, 'ops notice');
  };
  if (roles.has('bot') || roles.has('worker'))
    measureQueueWith(() => commandQueue.queue.getJobCounts('waiting', 'active', 'delayed', 'failed'));
  const stack: Stack = {
    commandQueue,
    deliveries,
    jobs,
    healthChecks: { redis: async () => ({ ok: (await producer.ping()) === 'PONG' }) },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await commandQueue.close();
      await deliveries.close();
      connections.forEach((c) => c.disconnect());
    },
  };

  if (roles.has('worker') || roles.has('scheduler')) stack.healthChecks.docker = async () => (await sandboxOf().ping(), { ok: true });

  if (roles.has('worker')) {
    const sandbox = (stack.sandbox = sandboxOf());
    const worker = startCommandWorker({
      connection: shared,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      deliveries,
      log,
      engineWaitMs: config.engineWait,
      lockMs: config.jobLock,
      cancelledBy: (jobId) => store.get(cancelKey(jobId)),
      execute: (jobId, job, signal) =>
        executeJob(jobId, job, { registry: commands, settings: config, sandbox, deliveries, audit, ops }, signal),
      expire: (job) => expireContainer(job, { sandbox, deliveries }),
    });
    workers.push({ close: () => closeWithGrace(worker, config.shutdownGrace) });
  }

  if (roles.has('scheduler')) {
    const sandbox = sandboxOf();
    stack.cleanupNow = async () => {
      const result = await runCleanup(sandbox, ops, config, false);
      if (result.items.length || config.cleanupReportEmpty) await notifyOps(cleanupReply(result));
      return result;
    };
    const maintenance = await startMaintenance({
      connection: shared,
      prefix: config.queuePrefix,
      cleanupCron: config.cleanupCron,
      cleanup: async () => void (await stack.cleanupNow!()),
      log,
    });
    const monitor = startMonitor(
      { Redis: stack.healthChecks.redis!, 'Docker engine': stack.healthChecks.docker! },
      config.healthInterval,
      notifyOps,
    );
    workers.push(maintenance, { close: async () => monitor.stop() });
  }

  if (roles.has('bot')) {
    const gate = new QuotaGate(producer, config.queuePrefix, commandQueue.queue, () => commandQueue.counts(), config.policy.quotas);
    const requestDeps = { registry: commands, settings: config, queue: commandQueue, gate, audit, ops, log };
    stack.handle = (request) => handleRequest(request, requestDeps);
    const ingress = new Ingress();
    const pipeline: ChatPipeline = {
      admit: (request) => ingress.admitting(() => admitRequest(request, requestDeps)),
      queue: (accepted) => ingress.admitting(() => queueAccepted(accepted, requestDeps)),
      announceQueued: (queued, replyTo) => {
        const notice: Delivery = {
          kind: 'progress',
          jobId: queued.jobId,
          replyTo,
          progress: { stage: 'queued', detail: `position ${queued.position}` },
          unlessMoved: true,
        };
        // At once, or after a burst of commands: the notice is news, not a promise (the job is stored, and its final
        // reply will come); a job that has moved on by then does not get it.
        const sent = ingress.busy()
          ? ingress.quiet(config.deliveryYield).then(() => deliveries.deliver(notice))
          : deliveries.deliver(notice);
        sent.catch((error) => log.warn({ err: error, job: queued.jobId }, 'queued notice not sent'));
      },
      store,
      log,
    };
    // The bot reads the engine only to suggest container names; it never changes anything there.
    const containerNames = (platform: string) => async (userId: string) =>
      (await sandboxOf().listContainers({ all: true })).filter((c) => c.owner === `${platform}:${userId}`).map((c) => c.name);
    /** A chat adapter's replies: sent by this process, after any burst of commands it is acknowledging. */
    const sendReplies = (adapter: { route: string; deliver(delivery: Delivery): Promise<void>; stop(): Promise<void> }) => {
      const send = async (delivery: Delivery) => {
        await ingress.quiet(config.deliveryYield);
        await adapter.deliver(delivery);
      };
      workers.push(deliveries.consume(adapter.route, send, log), { close: () => adapter.stop() });
    };
    const imageSuggestions = [...IMAGE_ALIASES.map((a) => a.alias), ...config.policy.images.filter((i) => !i.includes('*'))];

    if (config.discordToken) {
      if (!config.discordApplicationId) throw new Error('DISCORD_APPLICATION_ID is needed with DISCORD_TOKEN');
      // Chat SDKs are loaded only by the process that talks to that platform (discord.js alone is ~45 MB).
      const { DiscordAdapter } = await import('./adapters/discord/discord-adapter.js');
      const discord = new DiscordAdapter({
        token: config.discordToken,
        applicationId: config.discordApplicationId,
        guildId: config.discordGuildId,
        apiUrl: config.discordApiUrl,
        tokenTtlMs: config.discordTokenTtl,
        registry: commands,
        containerNames: containerNames('discord'),
        imageSuggestions,
        ...pipeline,
      });
      if (config.discordRegister) await discord.register();
      await discord.start();
      sendReplies(discord);
      stack.discord = discord;
      stack.healthChecks.discord = async () => ({
        ok: discord.client.ws.status === 0,
        detail: `gateway status ${discord.client.ws.status}`,
      });
    }
    if (config.slackBotToken) {
      const { SlackAdapter } = await import('./adapters/slack/slack-adapter.js');
      const slack = new SlackAdapter({
        botToken: config.slackBotToken,
        signingSecret: config.slackSigningSecret,
        appToken: config.slackAppToken,
        port: config.slackPort,
        host: config.slackHost,
        apiUrl: config.slackApiUrl,
        maxSkewMs: config.slackMaxSkew,
        ...pipeline,
      });
      stack.slackAddress = await slack.start();
      sendReplies(slack);
      stack.slack = slack;
      stack.healthChecks.slack = async () => ({ ok: slack.connected() });
    }
    if (options.terminalOut && !stack.discord && !stack.slack) {
      const terminal = new TerminalAdapter({
        handle: stack.handle,
        out: options.terminalOut,
        userId: options.terminalUser,
        channelId: options.terminalChannel,
      });
      workers.push(deliveries.consume(terminal.route, terminal.deliver, log));
      if (opsTarget?.route === TERMINAL_OPS_ROUTE) workers.push(deliveries.consume(TERMINAL_OPS_ROUTE, terminal.deliver, log));
      stack.terminal = terminal;
    }
  }
  return stack;
}

/** How long a file taken in for cp waits for its worker. */
const UPLOAD_TTL_MS = 30 * 60_000;

/** The route of ops notices meant for the terminal of this machine. */
const TERMINAL_OPS_ROUTE = 'ops-terminal';

/** OPS_CHANNEL (`discord:<id>`, `slack:<id>`, `terminal`) as a reply target. */
function opsChannel(setting: string | undefined): ReplyTarget | undefined {
  if (!setting) return undefined;
  if (setting === 'terminal') return { route: TERMINAL_OPS_ROUTE, channelId: 'terminal' };
  const [platform, channelId] = setting.split(':') as [string, string];
  return { route: platform, channelId };
}
