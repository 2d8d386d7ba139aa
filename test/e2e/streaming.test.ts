import { busiest } from '../../bench/report.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { DiscordStandIn, NEEDED, PERMISSION, type RecordedRequest } from '../stand-ins/discord-stand-in.js';
import { SlackStandIn, postButtonPress, type SlackCall } from '../stand-ins/slack-stand-in.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

const CHANNEL = '300000000000000001';
/** A channel where the bot may start threads (it may not in CHANNEL). */
const THREADS = '300000000000000002';
const THREAD_BITS = PERMISSION.CREATE_PUBLIC_THREADS | PERMISSION.SEND_MESSAGES_IN_THREADS;
const SECRET = 'test-signing-secret';
/** A line every 200 ms for 6 s: the sleeps are the container's own; the test waits on replies only. */
const PRINTER = `sh -c 'i=1; while [ $i -le 30 ]; do echo line $i; i=$((i+1)); sleep 0.2; done'`;
/** A final reply waits on the engine, which may be running many containers (of this test and others) at once. */
const FINAL = { timeout: 100_000, interval: 100 };
/** The tests with 10 jobs at once: their containers share the engine with everything else on the machine. */
const BURST_TIMEOUT = 150_000;
const ALL_LINES = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);

let discord: DiscordStandIn;
let slack: SlackStandIn;
let config: Config;
let stack: Stack;

beforeAll(async () => {
  // Strict stand-ins: the rate limits the platforms announce are enforced with their own 429 answers.
  discord = new DiscordStandIn({
    rateLimits: true,
    guilds: [
      {
        id: '200000000000000001',
        name: 'team',
        botPermissions: NEEDED | THREAD_BITS,
        channels: [
          { id: CHANNEL, name: 'ops', deny: THREAD_BITS },
          { id: THREADS, name: 'threads' },
        ],
      },
    ],
  });
  slack = new SlackStandIn({ rateLimits: true });
  slack.channels.set('G1', { private: true, member: false });
  await Promise.all([discord.start(), slack.start()]);
  config = isolatedConfig(
    {
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: '0',
      SLACK_HOST: '127.0.0.1',
      WORKER_CONCURRENCY: '10',
    },
    `channels: [{ channel: "discord:*", commands: [all] }, { channel: "slack:*", commands: [all] }]\n` +
      'quotas: { commandsPerMinute: 1000, queuedJobs: 20 }\n',
  );
  stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
});
afterAll(async () => {
  await stack?.close();
  await Promise.all([discord?.stop(), slack?.stop()]);
  if (config) await cleanUp(config);
});

/**
 * The most requests in one of Discord's bucket windows: a window opens with the first request after the last one
 * reset and lasts `ms` (X-RateLimit-Reset-After), as the stand-in counts them.
 */
function busiestBucket(times: number[], ms: number): number {
  let most = 0;
  let opened = -Infinity;
  let count = 0;
  for (const at of [...times].sort((a, b) => a - b)) {
    if (at >= opened + ms) [opened, count] = [at, 0];
    most = Math.max(most, ++count);
  }
  return most;
}

/** The numbers of the `line N` lines a text shows. */
const lineNumbers = (text: string) => [...text.matchAll(/line (\d+)/g)].map((m) => Number(m[1]));

describe('streamed output on Discord (strict rate limits)', () => {
  const edits = (token: string) => discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`));
  const finalOf = async (token: string): Promise<RecordedRequest> => {
    await expect.poll(() => edits(token).find((r) => r.body?.embeds?.length), FINAL).toBeDefined();
    return edits(token).find((r) => r.body?.embeds?.length)!;
  };
  const run = (user: string) =>
    discord.slashCommand({
      user,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'args', type: 3, value: PRINTER },
      ],
    });

  it('edits the message with the latest output as it comes, then ends with the whole', async () => {
    const { token } = run('400000000000000001');
    const final = await finalOf(token);
    const streamed = edits(token).filter((r) => r.status === 200 && !r.body?.embeds?.length && /line \d+/.test(r.body?.content ?? ''));
    expect(streamed.length).toBeGreaterThanOrEqual(3);
    // Growing output: each edit shows a later last line than the one before.
    const lasts = streamed.map((r) => Math.max(...lineNumbers(r.body.content)));
    expect(lasts).toEqual([...lasts].sort((a, b) => a - b));
    expect(new Set(lasts).size).toBe(lasts.length);
    // Every streamed edit came before the final reply, which holds the whole output.
    expect(streamed.every((r) => r.seq < final.seq)).toBe(true);
    expect(lineNumbers(final.body.embeds[0].description)).toEqual(ALL_LINES.map((_, i) => i + 1));
    expect(discord.rateLimited()).toEqual([]);
  });

  it(
    '10 streaming jobs at once provoke no 429, and each ends with its whole output',
    async () => {
      const tokens = Array.from({ length: 10 }, (_, i) => run(`4100000000000000${String(i).padStart(2, '0')}`).token);
      const finals = await Promise.all(tokens.map((t) => finalOf(t)));
      for (const final of finals) expect(lineNumbers(final.body.embeds[0].description)).toHaveLength(30);
      expect(discord.rateLimited()).toEqual([]);
      // Never past the rate the headers announce: 5 requests in each window of one token's bucket.
      for (const token of tokens)
        expect(
          busiestBucket(
            edits(token).map((r) => r.at),
            5000,
          ),
        ).toBeLessThanOrEqual(5);
      // The budget was shared: output edits went for the jobs, not for one alone.
      const streamedJobs = tokens.filter((t) => edits(t).some((r) => /line \d+/.test(r.body?.content ?? '') && !r.body?.embeds?.length));
      expect(streamedJobs.length).toBeGreaterThan(1);
    },
    BURST_TIMEOUT,
  );
});

describe('logs -f on Discord', () => {
  const USER = '420000000000000001';
  const edits = (token: string) => discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`));
  const finalOf = async (token: string): Promise<RecordedRequest> => {
    await expect.poll(() => edits(token).find((r) => r.body?.embeds?.length), FINAL).toBeDefined();
    return edits(token).find((r) => r.body?.embeds?.length)!;
  };

  it('follows into the message with a Stop button, which ends it', async () => {
    const started = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'detach', type: 5, value: true },
        { name: 'name', type: 3, value: 'ticker' },
        { name: 'args', type: 3, value: `sh -c 'while :; do echo tick; sleep 0.3; done'` },
      ],
    });
    expect((await finalOf(started.token)).body.embeds[0].title).toMatch(/ticker/);
    const { token } = discord.slashCommand({
      user: USER,
      channel: CHANNEL,
      sub: 'logs',
      options: [
        { name: 'container', type: 3, value: 'ticker' },
        { name: 'flags', type: 3, value: '-f' },
      ],
    });
    // The followed output comes into the message, under a Stop button that stands for the job's cancel.
    const streamed = () => edits(token).find((r) => /tick/.test(r.body?.content ?? '') && r.body?.components?.length);
    await expect.poll(streamed, { timeout: 30_000, interval: 100 }).toBeDefined();
    const stop = streamed()!.body.components[0].components[0];
    expect(stop.label).toBe('Stop');
    expect(stop.custom_id).toMatch(/^docker:cancel \d+$/);
    discord.buttonPress({ user: USER, channel: CHANNEL, customId: stop.custom_id });
    const final = await finalOf(token);
    expect(final.body.embeds[0].title).toMatch(/Followed logs of ticker/);
    expect(final.body.embeds[0].description).toMatch(/Stopped by user0001\./);
    expect(final.body.embeds[0].description).toContain('tick');
    expect(discord.rateLimited()).toEqual([]);
  });
});

describe('logs -f on Discord where the bot may start threads', () => {
  const USER = '420000000000000002';
  const edits = (token: string) => discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`));
  const finalOf = async (token: string): Promise<RecordedRequest> => {
    await expect.poll(() => edits(token).find((r) => r.body?.embeds?.length), FINAL).toBeDefined();
    return edits(token).find((r) => r.body?.embeds?.length)!;
  };

  it("follows into a thread on the job's message, which keeps its stage and the Stop button", async () => {
    const started = discord.slashCommand({
      user: USER,
      channel: THREADS,
      sub: 'run',
      options: [
        { name: 'image', type: 3, value: 'busybox' },
        { name: 'detach', type: 5, value: true },
        { name: 'name', type: 3, value: 'threaded' },
        { name: 'args', type: 3, value: `sh -c 'while :; do echo tick; sleep 0.3; done'` },
      ],
    });
    await finalOf(started.token);
    const { token } = discord.slashCommand({
      user: USER,
      channel: THREADS,
      sub: 'logs',
      options: [
        { name: 'container', type: 3, value: 'threaded' },
        { name: 'flags', type: 3, value: '-f' },
      ],
    });
    const threadMade = () => discord.find('POST', new RegExp(`/channels/${THREADS}/messages/\\d+/threads$`)).find((r) => r.status === 201);
    await expect.poll(threadMade, { timeout: 30_000, interval: 100 }).toBeDefined();
    const thread = [...discord.threads.entries()].find(([, t]) => t.parent === THREADS)![0];
    const inThread = () => discord.requests.filter((r) => r.path.includes(`/channels/${thread}/messages`) && r.status === 200);
    await expect.poll(() => inThread().some((r) => /tick/.test(r.body?.content ?? '')), { timeout: 30_000, interval: 100 }).toBe(true);
    expect(inThread().filter((r) => r.method === 'POST')).toHaveLength(1); // one message, edited after
    const stop = edits(token).find((r) => r.body?.components?.length)!.body.components[0].components[0];
    expect(stop.custom_id).toMatch(/^docker:cancel \d+$/);
    discord.buttonPress({ user: USER, channel: THREADS, customId: stop.custom_id });
    const final = await finalOf(token);
    expect(final.body.embeds[0].description).toMatch(/Stopped by user0002\./);
    // The job's own message never showed the output before its final reply: that went to the thread.
    expect(edits(token).filter((r) => r.seq < final.seq && /tick/.test(r.body?.content ?? ''))).toEqual([]);
    expect(discord.rateLimited()).toEqual([]);
  });
});

describe('streamed output on Slack (strict rate limits)', () => {
  let port: number;
  beforeAll(() => {
    port = stack.slackAddress!.port;
  });
  const send = (text: string, channel = 'C1', user = 'U1') =>
    slack.slashCommand(port, SECRET, { text, channel_id: channel, user_id: user });
  /** The job number a Slack acknowledgement names. */
  const jobOf = (ack: { body: string }) => /#(\d+)/.exec(JSON.parse(ack.body).text)![1]!;
  /** The channel message's ts of a job: the post whose text names it. */
  const tsOf = (job: string) => slack.find('chat.postMessage').find((c) => new RegExp(`#${job}\\b`).test(String(c.args.text)))?.ts;
  const updates = (ts: string) => slack.find('chat.update').filter((c) => c.args.ts === ts);
  const isFinal = (c: SlackCall) => c.args.blocks?.[0]?.type === 'header';
  const finalOf = async (job: string): Promise<SlackCall> => {
    await expect.poll(() => tsOf(job), FINAL).toBeDefined();
    const ts = tsOf(job)!;
    await expect.poll(() => updates(ts).find(isFinal), FINAL).toBeDefined();
    return updates(ts).find(isFinal)!;
  };

  it('updates the channel message with the latest output as it comes, then ends with the whole', async () => {
    const job = jobOf(await send(`run busybox ${PRINTER}`));
    const final = await finalOf(job);
    const streamed = updates(tsOf(job)!).filter((c) => !isFinal(c) && /line \d+/.test(JSON.stringify(c.args.blocks)));
    expect(streamed.length).toBeGreaterThanOrEqual(3);
    const lasts = streamed.map((c) => Math.max(...lineNumbers(JSON.stringify(c.args.blocks))));
    expect(lasts).toEqual([...lasts].sort((a, b) => a - b));
    expect(new Set(lasts).size).toBe(lasts.length);
    expect(streamed.every((c) => c.seq < final.seq)).toBe(true);
    expect(lineNumbers(JSON.stringify(final.args.blocks))).toEqual(ALL_LINES.map((_, i) => i + 1));
    expect(slack.rateLimited()).toEqual([]);
  });

  it(
    '10 streaming jobs in one channel provoke no 429, and each ends with its whole output',
    async () => {
      const acks = await Promise.all(Array.from({ length: 10 }, (_, i) => send(`run busybox ${PRINTER}`, 'C1', `U${10 + i}`)));
      const finals = await Promise.all(acks.map((a) => finalOf(jobOf(a))));
      for (const final of finals) expect(lineNumbers(JSON.stringify(final.args.blocks))).toHaveLength(30);
      expect(slack.rateLimited()).toEqual([]);
      // Never past chat.update's tier 3 in any minute, streamed edits and final replies together.
      expect(
        busiest(
          slack.find('chat.update').map((c) => c.at),
          60_000,
        ),
      ).toBeLessThanOrEqual(50);
    },
    BURST_TIMEOUT,
  );

  it("follows logs into the job's thread, under a channel message with a Stop button, which ends it", async () => {
    const started = jobOf(await send(`run -d --name slticker busybox sh -c 'while :; do echo tick; sleep 0.3; done'`, 'C1', 'U40'));
    await finalOf(started);
    const job = jobOf(await send('logs -f slticker', 'C1', 'U40'));
    await expect.poll(() => tsOf(job), { timeout: 30_000, interval: 100 }).toBeDefined();
    const ts = tsOf(job)!;
    // The output goes to one reply in the job's thread, posted once and then updated.
    const inThread = () => slack.find('chat.postMessage').filter((c) => c.args.thread_ts === ts);
    await expect.poll(() => inThread().length, { timeout: 30_000, interval: 100 }).toBe(1);
    expect(JSON.stringify(inThread()[0]!.args.blocks)).toMatch(/tick/);
    // The channel message has the Stop button, standing for the job's cancel.
    const stop = [...slack.find('chat.postMessage'), ...slack.find('chat.update')]
      .filter((c) => c.ts === ts || c.args.ts === ts)
      .flatMap((c) => (c.args.blocks ?? []).filter((b: { type: string }) => b.type === 'actions'))
      .flatMap((b: { elements: { value: string; action_id: string; text: { text: string } }[] }) => b.elements)
      .find((e) => e.text.text === 'Stop')!;
    expect(stop.value).toBe(`cancel ${job}`);
    await postButtonPress(port, SECRET, { user: 'U40', channel: 'C1', value: stop.value, actionId: stop.action_id });
    const final = await finalOf(job);
    expect(JSON.stringify(final.args.blocks)).toMatch(/Followed logs of slticker/);
    expect(JSON.stringify(final.args.blocks)).toMatch(/Stopped by /);
    expect(slack.find('chat.postMessage').filter((c) => c.args.thread_ts === ts)).toHaveLength(1);
    expect(slack.rateLimited()).toEqual([]);
  });

  it('streams nothing through a response_url (a channel the bot is not in): its uses are kept for the result', async () => {
    const ack = await send(`run busybox ${PRINTER}`, 'G1', 'U30');
    const uses = () => slack.calls.filter((c) => c.method === 'response_url' && ack.responseUrl.endsWith(`/${c.args.url}`));
    await expect.poll(() => uses().find((c) => /line 30/.test(JSON.stringify(c.args))), { timeout: 30_000, interval: 100 }).toBeDefined();
    const withOutput = uses().filter((c) => /line \d+/.test(JSON.stringify(c.args)));
    expect(withOutput).toHaveLength(1); // the final reply alone
    expect(uses().length).toBeLessThanOrEqual(2);
  });
});
