import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { slackManifest } from '../../../src/adapters/slack/manifest.js';

describe('slack manifest', () => {
  it('declares /docker, interactivity and the scopes the adapter uses', () => {
    const m = slackManifest(commands, { socketMode: false, requestUrl: 'https://x.test/slack/events' }) as any;
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/docker', url: 'https://x.test/slack/events' });
    expect(m.features.slash_commands[0].usage_hint.length).toBeLessThanOrEqual(100);
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'files:write']);
    expect(m.settings).toMatchObject({
      socket_mode_enabled: false,
      interactivity: { is_enabled: true, request_url: 'https://x.test/slack/events' },
    });
    expect((slackManifest(commands, { socketMode: true }) as any).settings.socket_mode_enabled).toBe(true);
  });
});
