import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { DiscordStandIn } from '../stand-ins/discord-stand-in.js';
import { SlackStandIn } from '../stand-ins/slack-stand-in.js';
import { exited, freePort, spawnStevedore, until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, testLog } from '../helpers/test-stack.js';

const CHANNEL = '300000000000000001';
const USER = '400000000000000001';

let discord: DiscordStandIn;
let env: Record<string, string>;
let config: Config;
const stacks: Stack[] = [];

beforeAll(async () => {
  discord = new DiscordStandIn();
  await discord.start();
  env = isolatedEnv(
    { DISCORD_TOKEN: 'test-bot-token', DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl },
    `channels: [{ channel: "discord:${CHANNEL}", commands: [all] }]\n`,
  );
  config = loadConfig(env);
  stacks.push(await startStack(config, { roles: new Set(['worker']), log: testLog() }));
});
afterAll(async () => {
  for (const s of stacks) await s.close();
  await discord?.stop();
  if (config) await cleanUp(config);
});

describe('the bot killed after storing a job and before acknowledging it', () => {
  it('runs the job once and answers in the channel, saying it answers the command that seemed to fail', async () => {
    const healthPort = await freePort();
    const bot = spawnStevedore({ ...env, HEALTH_PORT: String(healthPort) }, 'bot');
    const healthy = async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz`).catch(() => undefined))?.ok === true;
    await until(healthy, 60_000, 'the bot process to be up');

    // Discord never hears the deferral: the bot is killed while its acknowledgement is on the way.
    discord.fail('POST', /\/interactions\/\d+\/[^/]+\/callback$/, 0);
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'args', type: 3, value: 'echo stored-before-the-ack' },
      ],
    });
    await until(() => discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`)).length === 1, 30_000, 'the deferral');
    bot.kill('SIGKILL');
    await exited(bot);

    // Another bot process takes over the deliveries.
    stacks.push(await startStack(config, { roles: new Set(['bot']), log: testLog() }));
    const posted = () => discord.find('POST', new RegExp(`/channels/${CHANNEL}/messages$`)).filter((r) => r.status === 200);
    await expect.poll(() => posted().length, { timeout: 60_000 }).toBe(1);
    const message = posted()[0]!;
    expect(message.auth).toMatch(/^Bot /);
    const embed = message.body.embeds[0];
    expect(embed.description).toContain('stored-before-the-ack');
    expect(embed.description).toContain('Stevedore had received it and ran it once');
    // Discord answered the edit with Unknown Webhook (never acknowledged), and the channel got the reply instead.
    expect(discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`)).map((r) => r.code)).toContain(10015);
    const jobs = await stacks[0]!.commandQueue!.queue.getJobCounts('completed', 'failed', 'active', 'waiting');
    expect(jobs).toMatchObject({ completed: 1, failed: 0, active: 0, waiting: 0 });
  });
});

describe('on Slack, a command whose ack never went through', () => {
  it('is answered in the channel, saying it answers the command that seemed to fail', async () => {
    const slack = new SlackStandIn();
    await slack.start();
    const slackConfig = loadConfig(
      isolatedEnv(
        {
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_SIGNING_SECRET: 'secret',
          SLACK_API_URL: slack.apiUrl,
          SLACK_PORT: '0',
          SLACK_HOST: '127.0.0.1',
        },
        'channels: [{ channel: "slack:*", commands: [all] }]\n',
      ),
    );
    const bot = await startStack(slackConfig, { roles: new Set(['bot']), log: testLog() });
    try {
      // What a bot killed between storing the job and its ack leaves: the job, its language, the mark of no ack.
      const answer = await bot.handle!({
        platform: 'slack',
        userId: 'U1',
        channelId: 'C1',
        workspace: 'T1',
        text: 'run --rm busybox echo stored-before-the-slack-ack',
        replyTo: { route: 'slack', channelId: 'C1', userId: 'U1' },
      });
      if (answer.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(answer)}`);
      await bot.store.put(`slack:lang:${answer.queued.jobId}`, 'en', 60_000);
      await bot.store.put(`slack:unacked:${answer.queued.jobId}`, '1', 60_000);
      const worker = await startStack(slackConfig, { roles: new Set(['worker']), log: testLog() });
      try {
        // The final reply: the message's last form, with its header.
        const final = () =>
          [...slack.find('chat.update'), ...slack.find('chat.postMessage')].find((c) =>
            JSON.stringify(c.args.blocks ?? '').includes(':white_check_mark: busybox:latest echo stored-before-the-slack-ack'),
          );
        await expect.poll(final, { timeout: 60_000 }).toBeDefined();
        expect(JSON.stringify(final()!.args.blocks)).toContain('Stevedore had received it and ran it once');
        // A command acknowledged as usual is answered without that sentence.
        await slack.slashCommand(bot.slackAddress!.port, 'secret', { text: 'run --rm busybox echo acked-as-usual', trigger_id: 't-ok' });
        const usual = () =>
          [...slack.find('chat.update'), ...slack.find('chat.postMessage')].find((c) =>
            JSON.stringify(c.args.blocks ?? '').includes(':white_check_mark: busybox:latest echo acked-as-usual'),
          );
        await expect.poll(usual, { timeout: 60_000 }).toBeDefined();
        expect(JSON.stringify(usual()!.args.blocks)).not.toContain('ran it once');
      } finally {
        await worker.close();
      }
    } finally {
      await bot.close();
      await slack.stop();
      await cleanUp(slackConfig);
    }
  });
});
