// Registers /docker with Discord from the command definitions: globally, or in DISCORD_GUILD_ID only.
import { pino } from 'pino';
import { commands } from '../commands/index.js';
import { DiscordAdapter } from '../src/adapters/discord/discord-adapter.js';
import { loadConfig } from '../src/config.js';

const config = loadConfig();
if (!config.discordToken || !config.discordApplicationId) {
  process.stderr.write('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one guild).\n');
  process.exit(1);
}
const unused = () => Promise.reject(new Error('not running'));
const adapter = new DiscordAdapter({
  token: config.discordToken,
  applicationId: config.discordApplicationId,
  guildId: config.discordGuildId,
  apiUrl: config.discordApiUrl,
  tokenTtlMs: config.discordTokenTtl,
  registry: commands,
  admit: unused,
  queue: unused,
  deliverLater: unused,
  store: { put: unused, get: unused, claim: unused },
  imageSuggestions: [],
  log: pino({ level: 'silent' }),
});
const registered = await adapter.register();
process.stdout.write(`Registered /docker with ${commands.all.length} subcommands ${config.discordGuildId ? `in guild ${config.discordGuildId}` : 'globally'} (${registered.length} command).\n`);
await adapter.stop();
