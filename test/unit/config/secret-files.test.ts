import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SECRET_FILES } from '../../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'stevedore-secrets-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('secrets from files (*_FILE)', () => {
  it('reads each token from its file, without the trailing newline', () => {
    const config = loadConfig({
      DISCORD_TOKEN_FILE: file('discord', 'discord-token\n'),
      DISCORD_APPLICATION_ID: '1',
      SLACK_BOT_TOKEN_FILE: file('bot', 'xoxb-from-file\n'),
      SLACK_SIGNING_SECRET_FILE: file('signing', 'signing-secret'),
      SLACK_APP_TOKEN_FILE: file('app', 'xapp-from-file\r\n'),
      REDIS_URL_FILE: file('redis', 'redis://:s3cret@redis:6379/0\n'),
    });
    expect(config.discordToken).toBe('discord-token');
    expect(config.slackBotToken).toBe('xoxb-from-file');
    expect(config.slackSigningSecret).toBe('signing-secret');
    expect(config.slackAppToken).toBe('xapp-from-file');
    expect(config.redisUrl).toBe('redis://:s3cret@redis:6379/0');
  });

  it('covers exactly the five secrets compose hands over', () => {
    expect([...SECRET_FILES].sort()).toEqual(['DISCORD_TOKEN', 'REDIS_URL', 'SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
  });

  it('keeps the variable when no file is named', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-plain' }).slackBotToken).toBe('xoxb-plain');
  });

  it('refuses both the variable and its file, a missing file and an empty one, naming each', () => {
    const attempt = () =>
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-plain',
        SLACK_BOT_TOKEN_FILE: file('bot2', 'xoxb-file'),
        DISCORD_TOKEN_FILE: join(dir, 'no-such-file'),
        REDIS_URL_FILE: file('empty', '\n'),
      });
    expect(attempt).toThrow(/SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set/);
    expect(attempt).toThrow(/DISCORD_TOKEN_FILE=.*no-such-file: ENOENT/);
    expect(attempt).toThrow(/REDIS_URL_FILE=.*empty: the file is empty/);
  });
});
