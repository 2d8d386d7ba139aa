import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, parsePolicy, type Policy } from './policy/policy-file.js';
import { SETTINGS, type Config, type Setting } from './core/settings.js';

export { settingsTable, type Config } from './core/settings.js';

/** Secrets that may come from a file instead (compose and Kubernetes secrets): `<NAME>_FILE` names the file. */
export const SECRET_FILES = ['DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'REDIS_URL'] as const;

/**
 * The environment with each `<NAME>_FILE` read into `<NAME>` (its trailing newline dropped: `echo x > file` is how
 * such files are made). Both set, an unreadable file or an empty one is a problem named in the error.
 */
export function withSecretFiles(env: Record<string, string | undefined>, problems: string[]): Record<string, string | undefined> {
  const out = { ...env };
  for (const name of SECRET_FILES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      problems.push(`${name} and ${name}_FILE are both set: set one of them`);
      continue;
    }
    try {
      const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      if (!value.trim()) problems.push(`${name}_FILE=${file}: the file is empty`);
      else out[name] = value;
    } catch (error) {
      problems.push(`${name}_FILE=${file}: ${(error as Error).message}`);
    }
  }
  return out;
}

/** Reads and validates every setting; throws one error naming each bad variable. */
export function loadConfig(rawEnv: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  const env = withSecretFiles(rawEnv, problems);
  for (const [key, s] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    const raw = env[s.env] === '' && s.default !== '' ? undefined : env[s.env];
    const result = s.schema.safeParse(raw ?? s.default);
    if (result.success) out[key] = result.data;
    else problems.push(`${s.env}=${JSON.stringify(raw)}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  problems.push(...unknownWorkerHosts(out as Partial<Config>));
  if (problems.length) throw new Error(`Bad settings:\n  ${problems.join('\n  ')}`);
  const config = out as Config;
  config.policy = loadPolicy(config.policyFile, teamPlaces(config));
  return config;
}

/** WORKER_HOSTS names only hosts of SANDBOX_HOSTS: a name of no host would leave the worker serving nothing. */
function unknownWorkerHosts(config: Partial<Pick<Config, 'workerHosts' | 'sandboxHosts'>>): string[] {
  const known = new Set((config.sandboxHosts ?? []).map((h) => h.name));
  const unknown = (config.workerHosts ?? []).filter((name) => !known.has(name));
  if (!unknown.length) return [];
  const hosts = known.size ? `SANDBOX_HOSTS has ${[...known].join(', ')}` : 'SANDBOX_HOSTS is not set';
  return [`WORKER_HOSTS=${JSON.stringify(config.workerHosts!.join(','))}: ${unknown.join(', ')} not in SANDBOX_HOSTS (${hosts})`];
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
