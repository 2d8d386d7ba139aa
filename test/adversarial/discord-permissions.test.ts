import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStandIn } from '../stand-ins/discord-stand-in.js';

/** Who may call the bot: DISCORD_MEMBER_PERMISSIONS reaches the registered command as default_member_permissions. */
const run = promisify(execFile);
let discord: DiscordStandIn;
beforeAll(async () => {
  discord = new DiscordStandIn();
  await discord.start();
});
afterAll(() => discord?.stop());

async function register(extra: Record<string, string>): Promise<Record<string, unknown>> {
  const before = discord.find('PUT', /\/commands$/).length;
  const { REDIS_URL, DOCKER_HOST } = process.env;
  await run('npx', ['tsx', 'scripts/discord-register.ts'], {
    env: {
      PATH: process.env.PATH,
      ...(REDIS_URL ? { REDIS_URL } : {}),
      ...(DOCKER_HOST ? { DOCKER_HOST } : {}),
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      ...extra,
    },
  });
  const puts = discord.find('PUT', /\/commands$/);
  expect(puts).toHaveLength(before + 1);
  return (puts.at(-1)!.body as Record<string, unknown>[])[0]!;
}

describe('npm run discord:register', () => {
  it('registers /docker with default_member_permissions from DISCORD_MEMBER_PERMISSIONS', async () => {
    const docker = await register({ DISCORD_MEMBER_PERMISSIONS: '32' });
    expect(docker.name).toBe('docker');
    expect(docker.default_member_permissions).toBe('32');
  });

  it('sends none when the setting is unset', async () => {
    const docker = await register({});
    expect(docker).not.toHaveProperty('default_member_permissions');
  });
});
