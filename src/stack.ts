import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { TerminalAdapter } from './adapters/terminal/terminal-adapter.js';
import type { DiscordAdapter } from './adapters/discord/discord-adapter.js';
import type { SlackAdapter } from './adapters/slack/slack-adapter.js';
import type { SandboxApi } from './core/sandbox-api.js';
import { dockerClient, hostClient } from './sandbox/docker-client.js';
import { hostRuntime, insecureHostWarnings } from './core/sandbox-hosts.js';
import { engineIsolationWarnings } from './sandbox/engine-isolation.js';
import { unboundedVolumesWarning } from './policy/volumes.js';
import { formatBinaryBytes } from './core/units.js';
import type { Config } from './config.js';
import type { ChatRequest } from './core/request.js';
import type { Answer } from './pipeline/handle-request.js';
import { startBot, type BotOptions } from './stack/bot.js';
import { startScheduler } from './stack/scheduler.js';
import { startShared, type Shared } from './stack/shared.js';
import { startWorker } from './stack/worker.js';

export type Role = 'bot' | 'worker' | 'scheduler';

export interface StackOptions extends BotOptions {
  roles: ReadonlySet<Role>;
  log: Logger;
}

/** The pids limit gVisor needs: its own threads (38 for an idle container) count against it. */
const RUNSC_PIDS = 1024;

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
  if (roles.has('worker') || roles.has('scheduler')) {
    const { fleet } = stack;
    // With SANDBOX_HOSTS the engine check passes while any host answers; each served host has a check of its own.
    stack.healthChecks.docker = fleet
      ? async () => (await Promise.any([...fleet.sandboxes.values()].map((s) => s.ping())), { ok: true })
      : async () => (await stack.sandboxOf().ping(), { ok: true });
    // An engine that does not remap user namespaces, or unbounded volumes, are said once at start and on /healthz
    // (a warning, not a fault).
    const isolation = fleet
      ? async () =>
          (await Promise.all(fleet.hosts.map((h) => engineIsolationWarnings(hostClient(h, config.sshAuthSock)).catch(() => [])))).flatMap(
            (warnings, i) => warnings.map((w) => `${fleet.hosts[i]!.name}: ${w}`),
          )
      : () => engineIsolationWarnings(dockerClient(config));
    for (const warning of insecureHostWarnings(config.sandboxHosts, config.dockerHost, config.dockerTlsVerify)) options.log.warn(warning);
    if (config.runtime === 'runsc' && config.pidsLimit < RUNSC_PIDS)
      options.log.warn(
        `SANDBOX_RUNTIME=runsc with SANDBOX_PIDS_LIMIT=${config.pidsLimit}: gVisor's own threads count against it and some containers will die; set it to ${RUNSC_PIDS}`,
      );
    const gvisorHosts = config.sandboxHosts.filter((h) => hostRuntime(h) === 'runsc').map((h) => h.name);
    if (config.runtime !== 'runsc' && gvisorHosts.length && config.pidsLimit < RUNSC_PIDS)
      options.log.warn(
        `sandbox hosts ${gvisorHosts.join(', ')} run runsc (label gvisor) with SANDBOX_PIDS_LIMIT=${config.pidsLimit}: gVisor's own threads count against it and some containers will die; set it to ${RUNSC_PIDS}`,
      );
    const unbounded = unboundedVolumesWarning(config);
    if (unbounded) options.log.warn(unbounded);
    stack.healthChecks.volumes = async () => ({
      ok: true,
      detail: unbounded ?? `${formatBinaryBytes(config.volumeSize)} disk each, ${formatBinaryBytes(config.volumeBudget)} per user`,
    });
    void isolation().then(
      (warnings) => warnings.forEach((w) => options.log.warn(w)),
      () => {},
    );
    stack.healthChecks.isolation = async () => {
      const warnings = await isolation();
      return { ok: true, detail: warnings.length ? warnings.join('; ') : 'user namespaces remapped' };
    };
  }
  if (roles.has('worker')) stack.sandbox = startWorker(stack).sandbox;
  if (roles.has('scheduler')) stack.cleanupNow = (await startScheduler(stack)).cleanupNow;
  if (roles.has('bot')) {
    const bot = (stack.bot = await startBot(stack, options));
    Object.assign(stack, { terminal: bot.terminal, discord: bot.discord, slack: bot.slack, slackAddress: bot.slack?.address });
    stack.handle = (request) => bot.entry.handle(request);
  }
  return stack;
}
