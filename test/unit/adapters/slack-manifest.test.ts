import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { requestUrlOf, slackManifest } from '../../../src/adapters/slack/manifest.js';

const run = promisify(execFile);
const script = (...args: string[]) => run('npx', ['tsx', 'scripts/slack-manifest.ts', ...args], { cwd: process.cwd() });

describe('slack manifest', () => {
  it('declares /docker, interactivity and every scope the adapter needs', () => {
    const m = slackManifest(commands, { socketMode: false, requestUrl: 'https://x.test/slack/events' }) as any;
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/docker', url: 'https://x.test/slack/events' });
    expect(m.features.slash_commands[0].usage_hint.length).toBeLessThanOrEqual(100);
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'files:write']);
    expect(m.settings).toMatchObject({
      socket_mode_enabled: false,
      interactivity: { is_enabled: true, request_url: 'https://x.test/slack/events' },
    });
    const socket = slackManifest(commands, { socketMode: true }) as any;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('example.com');
  });

  it('writes the full request URL from a base, keeps a full one, and refuses none', () => {
    expect(requestUrlOf('https://bot.test')).toBe('https://bot.test/slack/events');
    expect(requestUrlOf('https://bot.test/stevedore/')).toBe('https://bot.test/stevedore/slack/events');
    expect(requestUrlOf('https://bot.test/slack/events')).toBe('https://bot.test/slack/events');
    expect(() => requestUrlOf(undefined)).toThrow(/needs the bot's public URL/);
    expect(() => requestUrlOf('bot.test')).toThrow(/not a URL/);
    expect(() => slackManifest(commands, { socketMode: false })).toThrow();
  });

  it('npm run slack:manifest -- --http URL prints it; --http alone fails with a message', async () => {
    const { stdout } = await script('--http', 'https://bot.test');
    const m = JSON.parse(stdout);
    expect(m.features.slash_commands[0].url).toBe('https://bot.test/slack/events');
    expect(m.settings.interactivity.request_url).toBe('https://bot.test/slack/events');
    const failed = await script('--http').then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/--http https:\/\/bot\.example\.com\/slack\/events/);
  });
});
