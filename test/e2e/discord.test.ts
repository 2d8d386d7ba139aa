import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { startStack, type Stack } from '../../src/stack.js';
import { DiscordStandIn, type RecordedRequest } from '../stand-ins/discord-stand-in.js';
import { cleanUp, deploymentContainers, isolatedConfig, testLog } from '../helpers/test-stack.js';

const CHANNEL = '300000000000000001';
const USER = '400000000000000001';
let discord: DiscordStandIn;
let config: Config;
let stack: Stack;

beforeAll(async () => {
  discord = new DiscordStandIn();
  await discord.start();
  config = isolatedConfig(
    {
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_REGISTER: 'true',
      OUTPUT_LIMIT: '64k',
    },
    `channels: [{ channel: "discord:${CHANNEL}", commands: [all] }]\n`,
  );
  stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
});
afterAll(async () => {
  await stack?.close();
  await discord?.stop();
  if (config) await cleanUp(config);
});

/** Edits of one interaction's original message, in order. */
const edits = (token: string) => discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`));
const finalEdit = async (token: string): Promise<RecordedRequest> => {
  await expect.poll(() => edits(token).some((r) => r.body?.embeds?.length), { timeout: 20_000, interval: 100 }).toBe(true);
  return edits(token).find((r) => r.body?.embeds?.length)!;
};

describe('Discord, end to end with the real discord.js client', () => {
  it('registers every subcommand from the definitions', () => {
    const [put] = discord.find('PUT', /\/applications\/\d+\/commands$/);
    expect(put).toBeDefined();
    const subs = put!.body[0].options.map((o: { name: string }) => o.name);
    expect(subs).toEqual(stack.discord!['o'].registry.all.map((d: { name: string }) => d.name));
    const run = put!.body[0].options.find((o: { name: string }) => o.name === 'run');
    expect(run.options.map((o: { name: string }) => o.name)).toEqual(['image', 'detach', 'rm', 'name', 'flags', 'args']);
    const cp = put!.body[0].options.find((o: { name: string }) => o.name === 'cp');
    expect(cp.options.find((o: { name: string }) => o.name === 'file')).toMatchObject({ type: 11, required: false });
    expect(run.options[0]).toMatchObject({ required: true, autocomplete: true });
  });

  it('defers within 3 s, edits the same message as the job moves, and ends with the whale', async () => {
    const sent = Date.now();
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'whalesay' },
        { name: 'args', type: 3, value: 'boo' },
      ],
    });
    await expect.poll(() => discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`)).length).toBe(1);
    const [callback] = discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`));
    expect(callback!.body.type).toBe(5);
    expect(callback!.at - sent).toBeLessThan(3000);
    const final = await finalEdit(token);
    const description: string = final.body.embeds[0].description;
    expect(description).toContain('< boo >');
    expect(description).toContain('\\______ o          __/');
    const contents = edits(token).map((r) => r.body.content || r.body.embeds[0].title);
    expect(contents[0]).toMatch(/^⏳ Queued #\d+ \(position \d+\)$/);
    expect(contents).toContainEqual(expect.stringMatching(/^▶️ Running #\d+/));
    expect(edits(token).at(-1)).toBe(final); // nothing overwrote the result
    expect(final.auth).toBeUndefined(); // webhook edits carry no bot token
    for (const r of discord.requests) if (r.body?.allowed_mentions) expect(r.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps head and tail of a long output and attaches the whole of it', async () => {
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'args', type: 3, value: 'seq 1 3000' },
      ],
    });
    const final = await finalEdit(token);
    const description: string = final.body.embeds[0].description;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/```\n1\n2\n3\n/);
    expect(description).toMatch(/\n2999\n3000\n```/);
    expect(description).toMatch(/lines cut/);
    const file = final.files['output.txt']!.toString();
    expect(file.split('\n').filter(Boolean)).toHaveLength(3000);
  });

  it('answers a refused flag privately, creates no container and queues nothing', async () => {
    const before = (await deploymentContainers(dockerClient(config), config)).length;
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'flags', type: 3, value: '--privileged' },
      ],
    });
    await expect.poll(() => discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`)).length).toBe(1);
    const [callback] = discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`));
    expect(callback!.body.type).toBe(4);
    expect(callback!.body.data.flags & 64).toBe(64);
    expect(callback!.body.data.embeds[0].title).toMatch(/--privileged is refused/);
    expect((await deploymentContainers(dockerClient(config), config)).length).toBe(before);
    expect(edits(token)).toEqual([]);
  });

  it('runs a button press (Logs) as the user who pressed it', async () => {
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'name', type: 3, value: 'talker' },
        { name: 'args', type: 3, value: 'echo hello from talker' },
      ],
    });
    const final = await finalEdit(token);
    const logsButton = final.body.components[0].components.find((b: { label: string }) => b.label === 'Logs');
    expect(logsButton.custom_id).toBe('docker:logs talker');
    const press = discord.buttonPress({ user: USER, channel: CHANNEL, customId: logsButton.custom_id });
    const logs = await finalEdit(press.token);
    expect(logs.body.embeds[0].title).toMatch(/Logs of talker/);
    expect(logs.body.embeds[0].description).toContain('hello from talker');
    const stranger = discord.buttonPress({ user: '400000000000000099', channel: CHANNEL, customId: logsButton.custom_id });
    await expect.poll(() => discord.find('POST', /\/webhooks\/\d+\/itoken-\d+$/).some((r) => r.path.includes(stranger.token))).toBe(true);
    const followUp = discord.find('POST', new RegExp(`/webhooks/\\d+/${stranger.token}$`))[0]!;
    expect(followUp.body.flags & 64).toBe(64);
    expect(followUp.body.embeds[0].title).toMatch(/No container of yours/);
  });

  it('waits out a 429 on the final edit and then delivers it', async () => {
    discord.fail('PATCH', /\/messages\/@original$/, 429, { retryAfter: 1.5, times: 1 });
    const { token } = discord.slashCommand({ user: USER, channel: CHANNEL, sub: 'ps', options: [] });
    const final = await finalEdit(token);
    const limited = discord.requests.find((r) => r.body?.fault === 429)!;
    expect(final.at - limited.at).toBeGreaterThanOrEqual(1400);
    expect(edits(token).filter((r) => r.body?.embeds?.length)).toHaveLength(1);
  });

  it('takes an attached file in with cp, and sends a file out as an attachment', async () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const box = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'detach', type: 5, value: true },
        { name: 'name', type: 3, value: 'box' },
        { name: 'flags', type: 3, value: '-v files:/files' },
        { name: 'args', type: 3, value: 'sleep 60' },
      ],
    });
    await finalEdit(box.token);
    const put = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'cp',
      options: [{ name: 'destination', type: 3, value: 'box:/files/data.bin' }],
      file: { name: 'data.bin', data },
    });
    expect((await finalEdit(put.token)).body.embeds[0].title).toMatch(/Copied data\.bin to box:\/files\/data\.bin/);
    const get = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'cp',
      options: [{ name: 'source', type: 3, value: 'box:/files/data.bin' }],
    });
    const out = await finalEdit(get.token);
    expect(out.files['data.bin']!.equals(data)).toBe(true);
  });

  it("suggests image aliases and the caller's own containers", async () => {
    discord.autocomplete({ user: USER, channel: CHANNEL, sub: 'run', focused: 'image', value: 'wha' });
    await expect
      .poll(() =>
        discord
          .find('POST', /\/callback$/)
          .some((r) => r.body?.type === 8 && r.body.data.choices.some((c: { name: string }) => c.name === 'whalesay')),
      )
      .toBe(true);
    discord.autocomplete({ user: USER, channel: CHANNEL, sub: 'logs', focused: 'container', value: 'talk' });
    await expect
      .poll(() =>
        discord
          .find('POST', /\/callback$/)
          .some((r) => r.body?.type === 8 && r.body.data.choices.some((c: { name: string }) => c.name === 'talker')),
      )
      .toBe(true);
  });

  it('follows the user locale: Korean explanations for ko', async () => {
    discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'explain',
      locale: 'ko',
      options: [{ name: 'what', type: 3, value: 'registry' }],
    });
    await expect
      .poll(() => discord.find('POST', /\/callback$/).some((r) => r.body?.data?.embeds?.[0]?.title === 'ℹ️ 설명: 레지스트리'))
      .toBe(true);
  });
});

describe('Discord, after the interaction token has expired', () => {
  let late: DiscordStandIn;
  let lateConfig: Config;
  let lateStack: Stack;
  beforeAll(async () => {
    late = new DiscordStandIn();
    await late.start();
    lateConfig = isolatedConfig(
      {
        DISCORD_TOKEN: 'test-bot-token',
        DISCORD_APPLICATION_ID: late.applicationId,
        DISCORD_API_URL: late.apiUrl,
        DISCORD_TOKEN_TTL: '1ms',
      },
      `channels: [{ channel: "discord:${CHANNEL}", commands: [all] }]\n`,
    );
    lateStack = await startStack(lateConfig, { roles: new Set(['bot', 'worker']), log: testLog() });
  });
  afterAll(async () => {
    await lateStack?.close();
    await late?.stop();
    if (lateConfig) await cleanUp(lateConfig);
  });

  it('posts the result as a new channel message with the bot token', async () => {
    late.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'whalesay' },
        { name: 'args', type: 3, value: 'late' },
      ],
    });
    await expect.poll(() => late.find('POST', new RegExp(`/channels/${CHANNEL}/messages$`)).length, { timeout: 20_000 }).toBe(1);
    const [message] = late.find('POST', new RegExp(`/channels/${CHANNEL}/messages$`));
    expect(message!.auth).toBe('Bot test-bot-token');
    expect(message!.body.embeds[0].description).toContain('< late >');
    expect(message!.body.allowed_mentions).toEqual({ parse: [] });
  });
});
