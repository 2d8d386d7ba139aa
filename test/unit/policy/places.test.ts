import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { loadPolicy, teamPlaces } from '../../../src/config.js';
import type { Requester } from '../../../src/core/request.js';
import { authorize, inTeamPlace } from '../../../src/policy/access.js';
import { testConfig } from '../../helpers/settings.js';

const user = (platform: Requester['platform'], workspace?: string, channelId = 'C1'): Requester => ({
  platform,
  userId: 'u1',
  channelId,
  workspace,
});
const cmd = (name: string) => commands.get(name)!;

describe('the default policy, with no policy file', () => {
  const config = testConfig({ DISCORD_GUILD_ID: 'G1', ALLOWED_DISCORD_GUILDS: 'G2' });
  const policy = config.policy;

  it("serves the team's own guilds and workspace only", () => {
    expect(policy.places).toEqual({ discord: ['G1', 'G2'], slack: ['own'] });
    expect(inTeamPlace(policy, user('discord', 'G1'))).toBe(true);
    expect(inTeamPlace(policy, user('discord', 'G2'))).toBe(true);
    expect(inTeamPlace(policy, user('discord', 'G9'))).toBe(false);
    expect(inTeamPlace(policy, user('discord'))).toBe(false); // a DM has no guild
    expect(inTeamPlace(policy, user('slack', 'T1'), 'T1')).toBe(true);
    expect(inTeamPlace(policy, user('slack', 'T2'), 'T1')).toBe(false); // a shared channel from another workspace
    expect(inTeamPlace(policy, user('terminal'))).toBe(true);
  });

  it('lets everyone in a team channel run, pull and act on their own things; admin commands stay for admins', () => {
    for (const name of ['run', 'pull', 'ps', 'logs', 'stop', 'start', 'restart', 'rm', 'exec', 'cp', 'curl', 'volume', 'explain', 'help']) {
      expect(() => authorize(policy, user('discord', 'G1'), cmd(name), {}), name).not.toThrow();
    }
    for (const name of ['cleanup', 'audit'])
      expect(() => authorize(policy, user('discord', 'G1'), cmd(name), {}), name).toThrow(/for admins/);
  });

  it('answers anywhere else that it is not enabled there, for every command', () => {
    expect(() => authorize(policy, user('discord', 'G9'), cmd('help'), {})).toThrow(/not enabled here/);
    expect(() => authorize(policy, user('slack', 'T2'), cmd('run'), { own: 'T1' })).toThrow(/not enabled here/);
  });

  it('serves every guild the bot is in when no guild is named', () => {
    expect(testConfig().policy.places.discord).toEqual(['*']);
    expect(teamPlaces({ discordGuildId: undefined, allowedDiscordGuilds: [], allowedSlackTeams: ['T7'] })).toEqual({
      discord: ['*'],
      slack: ['T7'],
    });
  });
});

describe('a policy file', () => {
  it('takes its places from the settings unless it names its own', () => {
    const places = { discord: ['G1'], slack: ['own'] };
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'p.yaml');
    writeFileSync(file, 'otherChannels: [read]\n');
    expect(loadPolicy(file, places).places).toEqual(places);
    expect(loadPolicy('policy.example.yaml', places).places).toEqual({ discord: ['456789012345678901'], slack: ['own'] });
  });
});
