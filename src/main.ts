import { getPriority, setPriority } from 'node:os';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { replySucceeded } from './core/reply.js';
import { startStack, type Role } from './stack.js';
import { startHealthServer } from './health/health-server.js';

/** Past the running jobs' grace, how long closing may take before the process ends anyway. */
const CLOSE_SLACK_MS = 5000;

/**
 * The composition root. `stevedore` alone: an interactive prompt (the terminal adapter, with no chat tokens).
 * `stevedore '/docker run whalesay boo'`: one command, its reply, and an exit code that says whether it worked.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const oneShot = process.argv.slice(2).join(' ').trim();
  // One command from a script needs no schedule and no health endpoint.
  const roles = new Set<Role>(
    config.roles.includes('all') ? (oneShot ? ['bot', 'worker'] : ['bot', 'worker', 'scheduler']) : (config.roles as Role[]),
  );
  // The terminal is the user's screen: keep routine logs off it.
  const chat = Boolean(config.discordToken || config.slackBotToken);
  const log = createLogger(config.logLevel === 'info' && roles.has('bot') && !chat ? 'warn' : config.logLevel);
  if (roles.has('worker') && !roles.has('bot') && config.workerNice > 0) {
    // Jobs wait in the queue anyway; a command that is not acknowledged within 3 s is lost to the user.
    setPriority(Math.min(19, getPriority() + config.workerNice));
  }
  const stack = await startStack(config, { roles, log, terminalOut: roles.has('bot') ? process.stdout : undefined });
  const health = oneShot
    ? undefined
    : await startHealthServer(stack.healthChecks, config.healthPort, config.healthHost).catch((error: Error) => {
        log.warn({ err: error.message }, `no /healthz and /metrics: port ${config.healthPort} is taken (set HEALTH_PORT)`);
        return undefined;
      });
  // Closing must end even when a connection is stuck (Redis killed and back, the engine gone): a script calling
  // `npx stevedore` must never hang. Running jobs get their grace; then the process ends whatever is left.
  const close = () =>
    Promise.race([
      Promise.all([health?.close(), stack.close()]).catch((error: Error) => log.warn({ err: error.message }, 'close failed')),
      new Promise((r) => setTimeout(r, config.shutdownGrace + CLOSE_SLACK_MS)),
    ]);
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  if (oneShot && stack.terminal) {
    const reply = await stack.terminal.submit(oneShot);
    await close();
    return replySucceeded(reply) ? 0 : 1;
  }
  if (stack.terminal) {
    await stack.terminal.prompt(process.stdin);
    await close();
    return 0;
  }
  log.info({ roles: [...roles] }, 'started');
  return new Promise(() => {}); // serve until a signal stops us
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`stevedore: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
