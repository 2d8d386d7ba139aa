import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { DiscordStandIn } from '../stand-ins/discord-stand-in.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

const CHANNEL = '300000000000000001';
const USER = '400000000000000001';

let discord: DiscordStandIn;
let config: Config;
const stacks: Stack[] = [];

beforeAll(async () => {
  discord = new DiscordStandIn();
  await discord.start();
  config = isolatedConfig(
    { DISCORD_TOKEN: 'test-bot-token', DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl },
    `channels: [{ channel: "discord:${CHANNEL}", commands: [all] }]\nquotas: { commandsPerMinute: 100 }\n`,
  );
  stacks.push(await startStack(config, { roles: new Set(['worker']), log: testLog() }));
});
afterAll(async () => {
  for (const s of stacks) await s.close();
  await discord?.stop();
  if (config) await cleanUp(config);
});

/** Successful final edits (with an embed) of one interaction. */
const finals = (token: string) =>
  discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`)).filter((r) => r.body?.embeds?.length);

const run = (text: string) =>
  discord.slashCommand({
    user: USER,
    channel: CHANNEL,
    sub: 'run',
    options: [
      { name: 'image', type: 3, value: 'busybox' },
      { name: 'args', type: 3, value: text },
    ],
  });

describe('chat platforms failing', () => {
  it('delivers every reply exactly once through bursts of 429 and 500', async () => {
    const bot = await startStack(config, { roles: new Set(['bot']), log: testLog() });
    stacks.push(bot); // closed below, or in afterAll when the test fails
    discord.fail('PATCH', /\/messages\/@original$/, 500, { times: 6 });
    discord.fail('PATCH', /\/messages\/@original$/, 429, { retryAfter: 0.5, times: 3 });
    const tokens = Array.from({ length: 5 }, (_, i) => run(`echo reply-${i}`).token);
    await expect.poll(() => tokens.every((t) => finals(t).length > 0), { timeout: 60_000, interval: 200 }).toBe(true);
    await new Promise((r) => setTimeout(r, 1000)); // anything doubled would arrive by now
    for (const [i, token] of tokens.entries()) {
      expect(finals(token), token).toHaveLength(1);
      expect(finals(token)[0]!.body.embeds[0].description).toContain(`reply-${i}`);
    }
    expect(discord.requests.filter((r) => r.body?.fault === 500)).toHaveLength(6);
    expect(discord.requests.filter((r) => r.body?.fault === 429)).toHaveLength(3);
    await bot.close();
    stacks.splice(stacks.indexOf(bot), 1);
  });

  it('still delivers replies of jobs that ran while the bot restarted', async () => {
    const first = await startStack(config, { roles: new Set(['bot']), log: testLog() });
    const { token } = run(`sh -c 'sleep 2; echo survived-the-restart'`);
    await expect.poll(() => discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`)).length).toBe(1);
    await first.close();
    const second = await startStack(config, { roles: new Set(['bot']), log: testLog() });
    stacks.push(second);
    await expect.poll(() => finals(token).length, { timeout: 30_000 }).toBe(1);
    expect(finals(token)[0]!.body.embeds[0].description).toContain('survived-the-restart');
  });
});
