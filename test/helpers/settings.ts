import { commands } from '../../commands/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { BuildEnv } from '../../src/core/command.js';
import type { Requester } from '../../src/core/request.js';

/** Settings as a deployment with no environment would have them, plus overrides by variable name. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...overrides });
}

export const ALICE: Requester = { platform: 'terminal', userId: 'alice', userName: 'alice', channelId: 'ops' };
export const BOB: Requester = { platform: 'terminal', userId: 'bob', userName: 'bob', channelId: 'ops' };

export function testEnv(who: Requester = ALICE, overrides: Record<string, string> = {}): BuildEnv {
  return { who, settings: testConfig(overrides), registry: commands };
}
