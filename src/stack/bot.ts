import type { Writable } from 'node:stream';
import type { ChatAdapter } from '../core/chat-adapter.js';
import { IMAGE_ALIASES } from '../core/catalog.js';
import { ownerId, TERMINAL_OPS_ROUTE } from '../core/request.js';
import { TerminalAdapter } from '../adapters/terminal/terminal-adapter.js';
import { ChatEntry } from '../pipeline/chat-entry.js';
import { say } from '../core/messages/index.js';

import type { Shared } from './shared.js';

export interface BotOptions {
  /** Where the terminal adapter writes, when this process runs it (no chat tokens). */
  terminalOut?: Writable;
  /** The terminal user's id and channel (tests act as several users in several channels). */
  terminalUser?: string;
  terminalChannel?: string;
}

/** The bot role: the chat adapters the settings ask for (the terminal when none), all through one chat entry. */
export async function startBot(shared: Shared, options: BotOptions) {
  const { config, log, deliveries } = shared;
  const gate = shared.admission;
  const entry = new ChatEntry(
    {
      ...shared,
      settings: config,
      queue: shared.commandQueue,
      gate,
      deliveries,
      deliveryYieldMs: config.deliveryYield,
      ownWorkspace: (platform) => (platform === 'slack' ? bot.slack?.workspace : undefined),
      // SANDBOX_HOSTS: work on an existing container or volume is queued for the host that holds it.
      route: shared.route,
    },
    shared.store,
    log,
  );
  shared.closables.push(entry);
  /**
   * Runs an adapter and sends its route's replies, after any burst of commands this process is acknowledging. A
   * route of this process alone (a terminal) is removed from Redis when it stops.
   */
  const serve = async <A extends ChatAdapter>(name: string, adapter: A, extraRoutes: string[] = []): Promise<A> => {
    await adapter.start();
    for (const route of [adapter.route, ...extraRoutes]) {
      const consumer = deliveries.consume(route, entry.afterAcks(adapter.deliver), log, (delivery, error) => {
        // The ops channel hears of a channel the bot cannot post in; when that is the ops channel, the log said it.
        const ops = config.opsChannel;
        if (!error.opsNotice || (ops?.route === route && ops.channelId === delivery.replyTo.channelId)) return;
        void shared.notifyOps({ status: 'error', title: say(error.opsNotice, config.defaultLang) }).catch(() => {});
      });
      const own = route.startsWith('terminal-');
      shared.closables.push({
        close: async () => {
          await consumer.close();
          if (own) await deliveries.forget(route).catch((error) => log.warn({ err: error, route }, 'route not removed'));
        },
      });
    }
    shared.closables.push({ close: () => adapter.stop() });
    shared.healthChecks[name] = () => adapter.healthy();
    return adapter;
  };
  // The bot reads the engine only to suggest container names; it never changes anything there.
  const containerNames = (platform: 'discord' | 'slack') => async (userId: string) =>
    (await shared.sandboxOf().listContainers({ all: true })).filter((c) => c.owner === ownerId({ platform, userId })).map((c) => c.name);
  const imageSuggestions = [...IMAGE_ALIASES.map((a) => a.alias), ...config.policy.images.filter((i) => !i.includes('*'))];
  const bot: {
    entry: ChatEntry;
    discord?: import('../adapters/discord/discord-adapter.js').DiscordAdapter;
    slack?: import('../adapters/slack/slack-adapter.js').SlackAdapter;
    terminal?: TerminalAdapter;
  } = { entry };

  if (config.discordToken) {
    if (config.policy.places.discord.includes('*'))
      log.warn(
        'Discord: serving every guild the bot is in (set DISCORD_GUILD_ID or ALLOWED_DISCORD_GUILDS to name your own; keep "Public Bot" off)',
      );
    if (!config.discordApplicationId) throw new Error('DISCORD_APPLICATION_ID is needed with DISCORD_TOKEN');
    // Chat SDKs are loaded only by the process that talks to that platform (discord.js alone is ~45 MB).
    const { DiscordAdapter } = await import('../adapters/discord/discord-adapter.js');
    const discord = new DiscordAdapter({
      entry,
      token: config.discordToken,
      applicationId: config.discordApplicationId,
      guildId: config.discordGuildId,
      apiUrl: config.discordApiUrl,
      tokenTtlMs: config.discordTokenTtl,
      registry: shared.registry,
      memberPermissions: config.discordMemberPermissions,
      containerNames: containerNames('discord'),
      imageSuggestions,
    });
    if (config.discordRegister) await discord.register();
    bot.discord = await serve('discord', discord);
  }
  if (config.slackBotToken) {
    const { SlackAdapter } = await import('../adapters/slack/slack-adapter.js');
    bot.slack = await serve(
      'slack',
      new SlackAdapter({
        entry,
        botToken: config.slackBotToken,
        signingSecret: config.slackSigningSecret,
        appToken: config.slackAppToken,
        port: config.slackPort,
        host: config.slackHost,
        apiUrl: config.slackApiUrl,
        maxSkewMs: config.slackMaxSkew,
      }),
    );
  }
  if (options.terminalOut && !bot.discord && !bot.slack) {
    const terminal = new TerminalAdapter({
      handle: (r) => entry.handle(r),
      out: options.terminalOut,
      userId: options.terminalUser,
      channelId: options.terminalChannel,
      lang: config.defaultLang,
    });
    bot.terminal = await serve('terminal', terminal, config.opsChannel?.route === TERMINAL_OPS_ROUTE ? [TERMINAL_OPS_ROUTE] : []);
  }
  return bot;
}
