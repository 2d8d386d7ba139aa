import { expect } from 'vitest';
import type { Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { DiscordStandIn, type RecordedRequest } from '../stand-ins/discord-stand-in.js';
import { SlackStandIn, postButtonPress, type SlackCall } from '../stand-ins/slack-stand-in.js';
import { cleanUp, isolatedConfig, testLog } from './test-stack.js';
import type { Seen } from './lab-walk.js';

/** The Discord channel and user the chat walks use; Slack's are the stand-in's own (C1, U1). */
export const CHANNEL = '300000000000000001';
export const USER = '400000000000000001';
const SECRET = 'test-signing-secret';

/** A bot and a worker serving the chat stand-ins asked for, under a policy made for their channels. */
export interface ChatStack {
  discord: DiscordStandIn;
  slack: SlackStandIn;
  config: Config;
  stack: Stack;
  close(): Promise<void>;
}

/** Starts the stand-ins asked for and a stack (bot and worker) that serves them; `policy` is given their channels. */
export async function startChatStack(
  platforms: readonly ('discord' | 'slack')[],
  policy: (channels: string[]) => string,
): Promise<ChatStack> {
  const discord = new DiscordStandIn();
  const slack = new SlackStandIn();
  const on = (p: 'discord' | 'slack') => platforms.includes(p);
  await Promise.all([on('discord') && discord.start(), on('slack') && slack.start()]);
  const config = isolatedConfig(
    {
      ...(on('discord')
        ? {
            DISCORD_TOKEN: 'test-bot-token',
            DISCORD_APPLICATION_ID: discord.applicationId,
            DISCORD_API_URL: discord.apiUrl,
            DISCORD_REGISTER: 'true',
          }
        : {}),
      ...(on('slack')
        ? {
            SLACK_BOT_TOKEN: 'xoxb-test',
            SLACK_SIGNING_SECRET: SECRET,
            SLACK_API_URL: slack.apiUrl,
            SLACK_PORT: '0',
            SLACK_HOST: '127.0.0.1',
          }
        : {}),
    },
    policy([...(on('discord') ? [`discord:${CHANNEL}`] : []), ...(on('slack') ? ['slack:*'] : [])]),
  );
  const stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
  return {
    discord,
    slack,
    config,
    stack,
    async close() {
      await stack.close();
      await Promise.all([on('discord') && discord.stop(), on('slack') && slack.stop()]);
      await cleanUp(config);
    },
  };
}

/** A /docker subcommand as typed on Discord: its typed options, and a file attached. */
export interface DiscordCommand {
  sub: string;
  options?: Record<string, string | boolean>;
  file?: { name: string; data: Buffer };
}

/** An answer on Discord: the embed and buttons of the interaction's reply, however it was given. */
export interface DiscordAnswer extends Seen {
  request: RecordedRequest;
  buttons: { label: string; custom_id: string }[];
}

/** A Discord learner: types subcommands with their options, presses buttons, and sees each final reply. */
export function discordLearner(discord: DiscordStandIn, user = USER) {
  /** The interaction's final reply: its original message edited, a private follow-up, or an immediate answer. */
  const answer = async ({ id, token }: { id: string; token: string }): Promise<DiscordAnswer> => {
    const find = () =>
      [
        ...discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`)),
        ...discord.find('POST', new RegExp(`/webhooks/\\d+/${token}$`)),
        ...discord.find('POST', new RegExp(`/interactions/${id}/${token}/callback$`)).map((r) => ({ ...r, body: r.body?.data })),
      ].find((r) => r.body?.embeds?.length);
    await expect.poll(find, { timeout: 20_000 }).toBeDefined();
    const request = find()!;
    const embed = request.body.embeds[0];
    return {
      request,
      title: embed.title.replace(/^\S+ /, ''),
      body: embed.description,
      buttons: request.body.components?.[0]?.components ?? [],
    };
  };
  const type = (c: DiscordCommand) =>
    answer(
      discord.slashCommand({
        user,
        channel: CHANNEL,
        sub: c.sub,
        file: c.file,
        options: Object.entries(c.options ?? {}).map(([name, value]) => ({ name, type: typeof value === 'boolean' ? 5 : 3, value })),
      }),
    );
  return {
    answer,
    type,
    learn: () => type({ sub: 'learn' }),
    /** Presses a button of an answer by its label. */
    press: (m: DiscordAnswer, label: string) => {
      const button = m.buttons.find((b) => b.label === label)!;
      return answer(discord.buttonPress({ user, channel: CHANNEL, customId: button.custom_id }));
    },
  };
}

/** An answer on Slack: the message (posted, updated or private) that ends a command. */
export interface SlackAnswer extends Seen {
  /** The Web API call that showed it (`ack`: the command's own answer). */
  call: Pick<SlackCall, 'method' | 'args'>;
}

/** A Slack learner: types `/docker …` text, presses buttons, and sees each final reply. */
export function slackLearner(slack: SlackStandIn, port: number, user = 'U1') {
  const asAnswer = ({ method, args }: SlackAnswer['call']): SlackAnswer => ({
    call: { method, args },
    title: args.text,
    body: args.blocks
      .flatMap((b: { text?: { text: string }; elements?: { text?: unknown }[] }) =>
        b.text ? [b.text.text] : (b.elements ?? []).flatMap((e) => (typeof e.text === 'string' ? [e.text] : [])),
      )
      .join('\n'),
  });
  /** The first reply with a header (a final reply, not progress) since `mark`, or the command's own answer. */
  const finalSince = async (mark: number, acked?: string): Promise<SlackAnswer> => {
    const immediate = acked ? JSON.parse(acked) : undefined;
    if (immediate?.blocks) return asAnswer({ method: 'ack', args: immediate });
    const find = () =>
      slack.calls
        .slice(mark)
        .find((c) => !c.error && /^chat\.(postMessage|update|postEphemeral)$/.test(c.method) && c.args.blocks?.[0]?.type === 'header');
    await expect.poll(find, { timeout: 20_000 }).toBeDefined();
    return asAnswer(find()!);
  };
  const type = async (text: string): Promise<SlackAnswer> => {
    const mark = slack.calls.length;
    const sent = await slack.slashCommand(port, SECRET, { user_id: user, text });
    expect(sent.status).toBe(200);
    return finalSince(mark, sent.body);
  };
  return {
    type,
    learn: () => type('learn'),
    /** Presses a button of an answer by its label. */
    press: async (m: SlackAnswer, label: string) => {
      const actions = m.call.args.blocks.find((b: { type: string }) => b.type === 'actions');
      const button = actions.elements.find((e: { text: { text: string } }) => e.text.text === label);
      const mark = slack.calls.length;
      const pressed = await postButtonPress(port, SECRET, { user, channel: 'C1', value: button.value, actionId: button.action_id });
      expect(pressed.status).toBe(200);
      return finalSince(mark);
    },
  };
}
