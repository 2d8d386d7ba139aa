// Registers /docker with Discord from the command definitions: globally, or in DISCORD_GUILD_ID only.
import { REST } from 'discord.js';
import { commands } from '../commands/index.js';
import { commandTree } from '../src/adapters/discord/command-schema.js';
import { registerCommands } from '../src/adapters/discord/discord-adapter.js';
import { loadConfig } from '../src/config.js';

const config = loadConfig();
if (!config.discordToken || !config.discordApplicationId) {
  process.stderr.write('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one guild).\n');
  process.exit(1);
}
const registered = await registerCommands(new REST({ api: config.discordApiUrl }), {
  token: config.discordToken,
  applicationId: config.discordApplicationId,
  guildId: config.discordGuildId,
  registry: commands,
});
process.stdout.write(
  `Registered /docker with ${commands.all.length} commands${commandTree(commands.all).some((p) => p.group) ? ' (grouped: Discord allows 25 per level)' : ''} ${config.discordGuildId ? `in guild ${config.discordGuildId}` : 'globally'} (${registered.length} command).\n`,
);
