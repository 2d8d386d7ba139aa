import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import type { Requester } from '../../../src/core/request.js';
import { authorize, isAdmin } from '../../../src/policy/access.js';
import { parsePolicy } from '../../../src/policy/policy-file.js';

const policy = parsePolicy(readFileSync(new URL('../../../policy.example.yaml', import.meta.url), 'utf8'));
const at = (channelId: string, platform: Requester['platform'] = 'discord', userId = 'u1'): Requester => ({
  platform,
  userId,
  channelId,
  workspace: '456789012345678901',
  admin: isAdmin(policy, platform, userId),
});
const allows = (who: Requester, name: string) => {
  try {
    authorize(policy, who, commands.get(name)!, {});
    return true;
  } catch {
    return false;
  }
};

describe('policy.example.yaml', () => {
  it('names admins by platform id, and a guild of the team', () => {
    expect(isAdmin(policy, 'discord', '123456789012345678')).toBe(true);
    expect(isAdmin(policy, 'discord', '999')).toBe(false);
    expect(policy.places.discord).toEqual(['456789012345678901']);
  });

  it('locks a channel down to read-only', () => {
    const readOnly = at('567890123456789012');
    expect(allows(readOnly, 'ps')).toBe(true);
    expect(allows(readOnly, 'explain')).toBe(true);
    expect(allows(readOnly, 'run')).toBe(false);
  });

  it('gives the lab channel everything, and other channels reading only', () => {
    expect(allows(at('345678901234567890'), 'run')).toBe(true);
    expect(allows(at('1111'), 'run')).toBe(false);
    expect(allows(at('1111'), 'logs')).toBe(true);
  });

  it('keeps other guilds out', () => {
    expect(allows({ ...at('345678901234567890'), workspace: '42' }, 'ps')).toBe(false);
  });

  it('sets the quotas it shows', () => {
    expect(policy.quotas).toEqual({ runningContainers: 3, queuedJobs: 5, commandsPerMinute: 20, queueDepth: 200 });
  });
});
