import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { DiscordStandIn, type RecordedRequest } from '../stand-ins/discord-stand-in.js';
import { SlackStandIn, postButtonPress, type SlackCall } from '../stand-ins/slack-stand-in.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

/**
 * A lab through each chat stand-in, by its buttons: Hint, Skip and Next stand for `learn hint`, `learn skip` and
 * `learn check`, run as whoever presses them; the finished lab is said in the channel, not privately.
 */
const CHANNEL = '300000000000000001';
const USER = '400000000000000001';
const SECRET = 'test-signing-secret';
let discord: DiscordStandIn;
let slack: SlackStandIn;
let config: Config;
let stack: Stack;

beforeAll(async () => {
  discord = new DiscordStandIn();
  slack = new SlackStandIn();
  await Promise.all([discord.start(), slack.start()]);
  config = isolatedConfig(
    {
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_REGISTER: 'true',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: '0',
      SLACK_HOST: '127.0.0.1',
    },
    `channels: [{ channel: "discord:${CHANNEL}", commands: [all] }, { channel: "slack:*", commands: [all] }]\n`,
  );
  stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
});
afterAll(async () => {
  await stack?.close();
  await Promise.all([discord?.stop(), slack?.stop()]);
  if (config) await cleanUp(config);
});

describe('lab buttons on Discord', () => {
  /** The embed an interaction's original message ends with. */
  const finalEdit = async (token: string): Promise<RecordedRequest> => {
    const edits = () => discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`));
    await expect.poll(() => edits().some((r) => r.body?.embeds?.length), { timeout: 20_000 }).toBe(true);
    return edits().find((r) => r.body?.embeds?.length)!;
  };
  /** An embed's title without the status mark before it. */
  const titleOf = (m: RecordedRequest): string => m.body.embeds[0].title.replace(/^\S+ /, '');
  const buttons = (m: RecordedRequest): { label: string; custom_id: string }[] => m.body.components[0]?.components ?? [];
  const press = async (m: RecordedRequest, label: string) => {
    const button = buttons(m).find((b) => b.label === label)!;
    return finalEdit(discord.buttonPress({ user: USER, channel: CHANNEL, customId: button.custom_id }).token);
  };
  const slash = (sub: string, options: { name: string; value: string }[]) =>
    finalEdit(discord.slashCommand({ user: USER, channel: CHANNEL, sub, options: options.map((o) => ({ ...o, type: 3 })) }).token);

  it('walks lab 1 by Hint, Next and Skip, and says the finished lab in the channel', async () => {
    const step = await slash('learn', [{ name: 'action', value: '1' }]);
    expect(titleOf(step)).toBe('Lab 1 · The first container: step 1 of 3');
    expect(buttons(step).map((b) => [b.label, b.custom_id])).toEqual([
      ['Hint', 'docker:learn hint'],
      ['Skip', 'docker:learn skip'],
      ['Next', 'docker:learn check'],
    ]);
    const hint = await press(step, 'Hint');
    expect(titleOf(hint)).toBe('Hint: lab 1, step 1');
    expect(buttons(hint).map((b) => b.label)).toEqual(['Skip', 'Next']);
    const notYet = await press(hint, 'Next');
    expect(titleOf(notYet)).toBe('Not yet: lab 1, step 1');
    await slash('run', [
      { name: 'image', value: 'docker/whalesay:latest' },
      { name: 'name', value: 'whalesay' },
      { name: 'args', value: 'cowsay boo' },
    ]);
    const second = await press(notYet, 'Next');
    expect(titleOf(second)).toBe('Lab 1 · The first container: step 2 of 3');
    const third = await press(second, 'Skip');
    expect(titleOf(third)).toBe('Lab 1 · The first container: step 3 of 3');
    await slash('rm', [{ name: 'container', value: 'whalesay' }]);
    const pressed = discord.buttonPress({ user: USER, channel: CHANNEL, customId: 'docker:learn check' });
    const done = await finalEdit(pressed.token);
    expect(titleOf(done)).toMatch(/^user0001 finished lab 1: The first container$/);
    expect(done.body.embeds[0].description).toMatch(/Skipped steps: 2\./);
    expect(buttons(done).map((b) => [b.label, b.custom_id])).toEqual([['Next', 'docker:learn 2']]);
    // Deferred in the open: everyone in the channel sees it.
    const [deferral] = discord.find('POST', new RegExp(`/interactions/${pressed.id}/${pressed.token}/callback$`));
    expect(deferral!.body.type).toBe(5);
    expect((deferral!.body.data?.flags ?? 0) & 64).toBe(0);
  });
});

describe('lab buttons on Slack', () => {
  let port: number;
  beforeAll(() => {
    port = stack.slackAddress!.port;
  });
  /** The newest channel message (posted or updated) whose text is `title`. */
  const message = async (title: string): Promise<SlackCall> => {
    const find = () => [...slack.find('chat.update'), ...slack.find('chat.postMessage')].reverse().find((c) => c.args.text === title);
    await expect.poll(find, { timeout: 20_000 }).toBeDefined();
    return find()!;
  };
  const press = async (m: SlackCall, label: string) => {
    const actions = m.args.blocks.find((b: { type: string }) => b.type === 'actions');
    const button = actions.elements.find((e: { text: { text: string } }) => e.text.text === label);
    expect(
      (await postButtonPress(port, SECRET, { user: 'U1', channel: 'C1', value: button.value, actionId: button.action_id })).status,
    ).toBe(200);
  };

  it('walks lab 1 by typed commands and Hint, Next and Skip, and posts the finished lab to the channel', async () => {
    const type = (text: string) => slack.slashCommand(port, SECRET, { text });
    await type('learn 1');
    const step = await message('Lab 1 · The first container: step 1 of 3');
    const actions = step.args.blocks.find((b: { type: string }) => b.type === 'actions');
    expect(actions.elements.map((e: { text: { text: string }; value: string }) => [e.text.text, e.value])).toEqual([
      ['Hint', 'learn hint'],
      ['Skip', 'learn skip'],
      ['Next', 'learn check'],
    ]);
    await press(step, 'Hint');
    const hint = await message('Hint: lab 1, step 1');
    await type('run --name whalesay docker/whalesay:latest cowsay boo');
    await message('docker/whalesay:latest cowsay boo');
    await press(hint, 'Next');
    await press(await message('Lab 1 · The first container: step 2 of 3'), 'Skip');
    const third = await message('Lab 1 · The first container: step 3 of 3');
    await type('rm whalesay');
    await message('Removed 1 container');
    await press(third, 'Next');
    const done = await message('u-U1 finished lab 1: The first container');
    expect(done.args.channel).toBe('C1');
    expect(slack.find('chat.postEphemeral').filter((c) => c.args.text === done.args.text)).toEqual([]);
  });
});
