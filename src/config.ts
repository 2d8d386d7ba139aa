import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, parsePolicy, type Policy } from './policy/policy-file.js';
import { SETTINGS, type Config, type Setting } from './core/settings.js';

export { settingsTable, type Config } from './core/settings.js';

/** Reads and validates every setting; throws one error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, s] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    const raw = env[s.env] === '' && s.default !== '' ? undefined : env[s.env];
    const result = s.schema.safeParse(raw ?? s.default);
    if (result.success) out[key] = result.data;
    else problems.push(`${s.env}=${JSON.stringify(raw)}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new Error(`Bad settings:\n  ${problems.join('\n  ')}`);
  const config = out as Config;
  config.policy = loadPolicy(config.policyFile, teamPlaces(config));
  return config;
}

/**
 * The team's own places from the settings: the guilds named by DISCORD_GUILD_ID and ALLOWED_DISCORD_GUILDS (every
 * guild the bot is in, when neither is set), and the workspaces of ALLOWED_SLACK_TEAMS (the token's own, unset).
 */
export function teamPlaces(config: Pick<Config, 'discordGuildId' | 'allowedDiscordGuilds' | 'allowedSlackTeams'>): Policy['places'] {
  const guilds = [...new Set([...(config.discordGuildId ? [config.discordGuildId] : []), ...config.allowedDiscordGuilds])];
  return { discord: guilds.length ? guilds : ['*'], slack: config.allowedSlackTeams.length ? config.allowedSlackTeams : ['own'] };
}

/** The policy file, or the default policy; a file that names no places serves the team's places from the settings. */
export function loadPolicy(path: string | undefined, places: Policy['places']): Policy {
  if (!path) return { ...DEFAULT_POLICY, places };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`POLICY_FILE=${path}: ${(error as Error).message}`);
  }
  const policy = parsePolicy(text, path);
  return /^places\s*:/m.test(text) ? policy : { ...policy, places };
}
