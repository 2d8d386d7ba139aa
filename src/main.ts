import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { replySucceeded } from './core/reply.js';
import { startStack, type Role } from './stack.js';

/**
 * The composition root. `stevedore` alone: an interactive prompt (the terminal adapter, with no chat tokens).
 * `stevedore '/docker run whalesay boo'`: one command, its reply, and an exit code that says whether it worked.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const roles = new Set<Role>(config.roles.includes('all') ? ['bot', 'worker', 'scheduler'] : (config.roles as Role[]));
  const oneShot = process.argv.slice(2).join(' ').trim();
  // The terminal is the user's screen: keep routine logs off it.
  const chat = Boolean(config.discordToken || config.slackBotToken);
  const log = createLogger(config.logLevel === 'info' && roles.has('bot') && !chat ? 'warn' : config.logLevel);
  const stack = await startStack(config, { roles, log, terminalOut: roles.has('bot') ? process.stdout : undefined });
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  if (oneShot && stack.terminal) {
    const reply = await stack.terminal.submit(oneShot);
    await stack.close();
    return replySucceeded(reply) ? 0 : 1;
  }
  if (stack.terminal) {
    await stack.terminal.prompt(process.stdin);
    await stack.close();
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
