import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { AuditLog } from '../../src/queue/audit-log.js';
import { startStack, type Stack } from '../../src/stack.js';
import { SlackStandIn } from '../stand-ins/slack-stand-in.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

const SECRET = 'test-signing-secret';

let slack: SlackStandIn;
let config: Config;
let stack: Stack;

beforeAll(async () => {
  slack = new SlackStandIn();
  await slack.start();
  config = isolatedConfig(
    { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' },
    'channels: [{ channel: "slack:*", commands: [all] }]\n',
  );
  stack = await startStack(config, { roles: new Set(['bot']), log: testLog() });
});
afterAll(async () => {
  await stack?.close().catch(() => {});
  await slack?.stop();
  if (config) await cleanUp(config);
});

describe('a flood of forged and replayed requests', () => {
  it('is counted and sampled in the audit, one entry per kind, not one per request', async () => {
    const port = stack.slackAddress!.port;
    const send = (text: string, options: Parameters<SlackStandIn['slashCommand']>[3] & { trigger?: string } = {}) =>
      slack.slashCommand(port, SECRET, { text, trigger_id: options.trigger ?? `t-${Math.random()}` }, options);
    const forged = await Promise.all(Array.from({ length: 40 }, (_, n) => send(`run busybox echo forged-${n}`, { badSignature: true })));
    expect(forged.every((r) => r.status === 401)).toBe(true);
    expect((await send('ps', { timestamp: Math.floor(Date.now() / 1000) + 600 })).status).toBe(401);
    expect((await send('ps', { trigger: 'same-trigger' })).status).toBe(200);
    for (let n = 0; n < 5; n++) expect((await send('ps', { trigger: 'same-trigger' })).status).toBe(200);

    await stack.close(); // what is still counted is written as the bot stops
    const redis = new Redis(config.redisUrl);
    const entries = await new AuditLog(redis, config.queuePrefix, 1000).recent(1000);
    redis.disconnect();
    const refused = entries.filter((e) => e.verdict === 'refused-request');
    expect(refused.map((e) => e.code).sort()).toEqual(['replay', 'signature']);
    expect(refused.find((e) => e.code === 'signature')!.command).toMatch(/^41 refused in \d+ s; the first from 127\.0\.0\.1$/);
    const replay = refused.find((e) => e.code === 'replay')!;
    expect(replay.command).toMatch(/^5 refused in \d+ s$/);
    expect(replay.platform).toBe('slack');
    expect(replay.userId).not.toBe('-');
  });
});
