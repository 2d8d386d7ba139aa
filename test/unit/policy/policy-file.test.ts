import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/policy/policy-file.js';
import { authorize, commandsAllowedIn, isAdmin } from '../../../src/policy/access.js';
import { ALICE } from '../../helpers/settings.js';

describe('parsePolicy', () => {
  it('fills defaults for a minimal file', () => {
    expect(parsePolicy('channels: []').quotas).toEqual({ runningContainers: 3, queuedJobs: 5, commandsPerMinute: 20, queueDepth: 200 });
  });
  it('names the line of a wrong value', () => {
    expect(() => parsePolicy('admins:\n  users:\n    - discord:1\n    - bob\n')).toThrow(/line 4 \(admins\.users\.1\): use platform:id/);
  });
  it('names the line of an unknown key', () => {
    expect(() => parsePolicy('channels: []\nquotas:\n  cpus: 4\n')).toThrow(
      /line 3 \(quotas\): Unrecognized key: "cpus"|line 3 \(quotas\).*cpus/,
    );
  });
  it('names the line of broken YAML', () => {
    expect(() => parsePolicy('channels: [\n  oops: : :\n')).toThrow(/line \d+:/);
  });
});

describe('access', () => {
  const policy = parsePolicy(`
admins: { users: ["discord:1"], roles: ["discord:42"] }
channels:
  - { channel: "discord:ops", commands: [all] }
  - { channel: "slack:*", commands: [read, pull] }
otherChannels: []
`);
  it('decides admin by user id or role id, never by name', () => {
    expect(isAdmin(policy, 'discord', '1')).toBe(true);
    expect(isAdmin(policy, 'discord', '2', ['42'])).toBe(true);
    expect(isAdmin(policy, 'slack', '1')).toBe(false);
  });
  it('binds commands to channels, first match wins', () => {
    expect(commandsAllowedIn(policy, 'discord', 'ops')).toEqual(['all']);
    expect(commandsAllowedIn(policy, 'slack', 'C1')).toEqual(['read', 'pull']);
    expect(commandsAllowedIn(policy, 'discord', 'random')).toEqual([]);
  });
  it('refuses with what to do', () => {
    const who = { ...ALICE, platform: 'slack' as const, channelId: 'C1' };
    expect(() => authorize(policy, who, { name: 'ps', access: 'read' })).not.toThrow();
    expect(() => authorize(policy, who, { name: 'pull', access: 'write' })).not.toThrow();
    expect(() => authorize(policy, who, { name: 'run', access: 'write' })).toThrow('/docker run is not enabled in this channel.');
    expect(() => authorize(DEFAULT_POLICY, { ...ALICE, admin: false }, { name: 'audit', access: 'admin' })).toThrow(
      '/docker audit is for admins.',
    );
  });
});
