import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { commandTree } from '../../src/adapters/discord/command-schema.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { startStack, type Stack } from '../../src/stack.js';
import pino from 'pino';
import { DiscordStandIn, NEEDED, PERMISSION, type RecordedRequest } from '../stand-ins/discord-stand-in.js';
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
    expect(put!.status).toBe(200); // the strict stand-in checks names, descriptions, 25 per level, required first
    const subs = put!.body[0].options.map((o: { name: string }) => o.name);
    // Every definition is there, as a subcommand or (past 25) in a group; the headline commands stay at the top.
    const tree = commandTree(stack.discord!['o'].registry.all);
    expect(subs).toEqual([...new Set(tree.map((p) => p.group ?? p.name))]);
    expect(subs).toEqual(expect.arrayContaining(['run', 'ps', 'logs', 'explain', 'help']));
    const run = put!.body[0].options.find((o: { name: string }) => o.name === 'run');
    expect(run.options.map((o: { name: string }) => o.name)).toEqual(['image', 'detach', 'rm', 'name', 'flags', 'args']);
    const cp = put!.body[0].options.find((o: { name: string }) => o.name === 'cp');
    expect(cp.options.find((o: { name: string }) => o.name === 'file')).toMatchObject({ type: 11, required: false });
    expect(cp.options[0]).toMatchObject({ name: 'destination', required: true });
    expect(cp.options.find((o: { name: string }) => o.name === 'source')).toMatchObject({ required: false });
    expect(run.options[0]).toMatchObject({ required: true, autocomplete: true });
  });

  it('defers within 3 s, edits the same message as the job moves, and ends with the whale', async () => {
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
    // The 3 s are the stand-in's to enforce, by order of events (a late deferral is answered 10062).
    const final = await finalEdit(token);
    const description: string = final.body.embeds[0].description;
    expect(description).toContain('< boo >');
    expect(description).toContain('\\______ o          __/');
    const contents = edits(token).map((r) => r.body.content || r.body.embeds[0].title);
    // "Queued" comes first, unless the job was already running by then (the job is stored before the deferral).
    expect(contents[0]).toMatch(/^(⏳ Queued #\d+ \(position \d+\)|▶️ Running #\d+ .*)$/);
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
    expect(followUp.body.allowed_mentions).toEqual({ parse: [] });
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
    // The file is attached with a space in its name (Discord hands it over as my_data.bin) and stands for the source.
    const put = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'cp',
      options: [{ name: 'destination', type: 3, value: 'box:/files/my_data.bin' }],
      file: { name: 'my data.bin', data },
    });
    expect((await finalEdit(put.token)).body.embeds[0].title).toMatch(/Copied my_data\.bin to box:\/files\/my_data\.bin/);
    // Acknowledged before the slow work: the deferral reached Discord before the attachment was asked for.
    const [deferral] = discord.find('POST', new RegExp(`/interactions/\\d+/${put.token}/callback$`));
    const [download] = discord.find('GET', /^\/attachments\//);
    expect(deferral!.body.type).toBe(5);
    expect(deferral!.seq).toBeLessThan(download!.seq);
    const get = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'cp',
      options: [
        { name: 'destination', type: 3, value: '-' },
        { name: 'source', type: 3, value: 'box:/files/my_data.bin' },
      ],
    });
    const out = await finalEdit(get.token);
    expect(out.files['my_data.bin']!.equals(data)).toBe(true);
    // The deferred edit's wire body: no-ping mentions, the file once, its attachment id matching its part.
    expect(out.body.allowed_mentions).toEqual({ parse: [] });
    expect(out.fileParts).toEqual(['files[0]']);
    expect(out.body.attachments).toEqual([{ id: 0, filename: 'my_data.bin' }]);
  });

  it('refuses an attachment past the upload limit from its declared size, without downloading it', async () => {
    const downloads = discord.find('GET', /^\/attachments\//).length;
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'cp',
      options: [{ name: 'destination', type: 3, value: 'box:/files/big.bin' }],
      file: { name: 'big.bin', data: Buffer.from('small in truth'), declaredSize: 100 * 1024 * 1024 },
    });
    await expect.poll(() => discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`)).length).toBe(1);
    const [answer] = discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`));
    expect(answer!.body.type).toBe(4);
    expect(answer!.body.data.embeds[0].title).toMatch(/larger than 8 MiB/);
    expect(discord.find('GET', /^\/attachments\//).length).toBe(downloads);
  });

  it('sends no-ping mentions and each file once on the first reply, as discord.js reads them', async () => {
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'explain',
      options: [{ name: 'what', type: 3, value: 'run' }],
    });
    await expect.poll(() => discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`)).length).toBe(1);
    const [reply] = discord.find('POST', new RegExp(`/interactions/\\d+/${token}/callback$`));
    expect(reply!.status).toBe(204);
    expect(reply!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(reply!.fileParts).toEqual(['files[0]']);
    expect(reply!.body.data.attachments).toHaveLength(1);
    expect(String(reply!.body.data.attachments[0].id)).toBe('0');
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

const READONLY = '300000000000000078';
const STRANGER = '400000000000000055';

describe('Discord, after the interaction token has expired', () => {
  let late: DiscordStandIn;
  let lateConfig: Config;
  let lateStack: Stack;
  const lines: string[] = [];
  beforeAll(async () => {
    late = new DiscordStandIn({
      guilds: [
        {
          id: '200000000000000001',
          name: 'team',
          botPermissions: NEEDED,
          channels: [
            { id: CHANNEL, name: 'ops' },
            { id: READONLY, name: 'announcements', deny: PERMISSION.SEND_MESSAGES },
          ],
        },
      ],
    });
    await late.start();
    lateConfig = isolatedConfig(
      {
        DISCORD_TOKEN: 'test-bot-token',
        DISCORD_APPLICATION_ID: late.applicationId,
        DISCORD_API_URL: late.apiUrl,
        DISCORD_TOKEN_TTL: '1ms',
        OPS_CHANNEL: `discord:${CHANNEL}`,
      },
      `channels: [{ channel: "discord:${CHANNEL}", commands: [all] }, { channel: "discord:${READONLY}", commands: [all] }]\n`,
    );
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    lateStack = await startStack(lateConfig, { roles: new Set(['bot', 'worker']), log });
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

  it('sends a private reply by DM, never to the channel', async () => {
    const posts = () => late.find('POST', new RegExp(`/channels/${CHANNEL}/messages$`)).length;
    const before = posts();
    late.slashCommand({ user: STRANGER, channel: CHANNEL, sub: 'logs', options: [{ name: 'container', type: 3, value: 'nobody' }] });
    await expect.poll(() => late.find('POST', new RegExp(`/channels/dm-${STRANGER}/messages$`)).length, { timeout: 20_000 }).toBe(1);
    const [dm] = late.find('POST', new RegExp(`/channels/dm-${STRANGER}/messages$`));
    expect(dm!.body.embeds[0].title).toMatch(/No container of yours/);
    expect(dm!.body.allowed_mentions).toEqual({ parse: [] });
    expect(dm!.body.flags).toBeUndefined();
    expect(posts()).toBe(before);
  });

  it('drops a private reply with a log line when DMs are closed', async () => {
    const closed = '400000000000000056';
    late.closedDms.add(closed);
    const before = late.find('POST', new RegExp(`/channels/${CHANNEL}/messages$`)).length;
    late.slashCommand({ user: closed, channel: CHANNEL, sub: 'logs', options: [{ name: 'container', type: 3, value: 'nobody' }] });
    await expect.poll(() => lines.some((l) => l.includes('private reply could not be sent by DM')), { timeout: 20_000 }).toBe(true);
    expect(late.find('POST', new RegExp(`/channels/dm-${closed}/messages$`)).map((r) => r.code)).toEqual([50007]);
    expect(late.find('POST', new RegExp(`/channels/${CHANNEL}/messages$`)).length).toBe(before);
  });

  it('does not retry Missing Permissions (50013), and names the channel and the permission in the log and the ops channel', async () => {
    late.slashCommand({ user: USER, channel: READONLY, sub: 'ps', options: [] });
    await expect.poll(() => lines.some((l) => l.includes('cannot post in channel')), { timeout: 20_000 }).toBe(true);
    const line = lines.find((l) => l.includes('cannot post in channel'))!;
    expect(line).toContain(`#announcements (${READONLY})`);
    expect(line).toContain('Send Messages');
    await expect.poll(() => lines.some((l) => l.includes('not retried'))).toBe(true);
    expect(late.find('POST', new RegExp(`/channels/${READONLY}/messages$`)).map((r) => r.code)).toEqual([50013]);
    const notice = (r: RecordedRequest) =>
      JSON.stringify(r.body ?? '').includes(`cannot post in Discord channel #announcements (${READONLY})`);
    await expect.poll(() => late.find('POST', new RegExp(`/channels/${CHANNEL}/messages$`)).some(notice)).toBe(true);
  });
});

describe('Discord, the bot short of permissions', () => {
  it('names what is missing in each guild, with the fix, in one log line and in its health', async () => {
    const poor = new DiscordStandIn({
      guilds: [
        { id: '200000000000000001', name: 'team', botPermissions: NEEDED, channels: [{ id: CHANNEL, name: 'ops' }] },
        {
          id: '200000000000000002',
          name: 'lab',
          botPermissions: PERMISSION.VIEW_CHANNEL | PERMISSION.SEND_MESSAGES,
          channels: [{ id: '300000000000000002', name: 'general' }],
        },
      ],
    });
    await poor.start();
    const poorConfig = isolatedConfig({
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: poor.applicationId,
      DISCORD_API_URL: poor.apiUrl,
    });
    const lines: string[] = [];
    const poorStack = await startStack(poorConfig, {
      roles: new Set(['bot']),
      log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }),
    });
    try {
      const missing = lines.filter((l) => l.includes('lacks'));
      expect(missing).toHaveLength(1);
      expect(missing[0]).toContain('lab (200000000000000002) lacks Embed Links, Attach Files');
      expect(missing[0]).toContain('scope=bot+applications.commands');
      const health = await poorStack.discord!.healthy();
      expect(health.detail).toContain('lacks Embed Links, Attach Files');
      expect(health.detail).not.toContain('team');
    } finally {
      await poorStack.close();
      await poor.stop();
      await cleanUp(poorConfig);
    }
  });
});
