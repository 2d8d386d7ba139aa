// Registers /docker with Discord from the command definitions: globally, or in DISCORD_GUILD_ID only.
import { REST, Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { commandTree, registrationBody } from '../src/adapters/discord/command-schema.js';
import { loadConfig } from '../src/config.js';

const config = loadConfig();
if (!config.discordToken || !config.discordApplicationId) {
  process.stderr.write('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one guild).\n');
  process.exit(1);
}
const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
const route = config.discordGuildId
  ? Routes.applicationGuildCommands(config.discordApplicationId, config.discordGuildId)
  : Routes.applicationCommands(config.discordApplicationId);
// DISCORD_MEMBER_PERMISSIONS: who sees /docker by default (unset: everyone).
const body = registrationBody(commands, undefined, config.discordMemberPermissions);
const registered = (await rest.put(route, { body })) as unknown[];
process.stdout.write(
  `Registered /docker with ${commands.all.length} commands${commandTree(commands.all).some((p) => p.group) ? ' (grouped: Discord allows 25 per level)' : ''} ${config.discordGuildId ? `in guild ${config.discordGuildId}` : 'globally'} (${registered.length} command).\n`,
);
