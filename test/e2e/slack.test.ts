import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { SlackStandIn, postButtonPress, postSlashCommand, type SlackCall } from '../stand-ins/slack-stand-in.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

const SECRET = 'test-signing-secret';
const POLICY = 'channels: [{ channel: "slack:C1", commands: [all] }]\n';

/** The final state of the job's channel message: the last chat.update (or the post) whose blocks have a header. */
function finalMessage(slack: SlackStandIn, containing: string): SlackCall | undefined {
  return [...slack.find('chat.update'), ...slack.find('chat.postMessage')].find((c) =>
    JSON.stringify(c.args.blocks ?? '').includes(containing),
  );
}

describe('Slack over HTTP, end to end with the real Bolt', () => {
  let slack: SlackStandIn;
  let config: Config;
  let stack: Stack;
  let port: number;
  const send = (text: string, options: Parameters<typeof postSlashCommand>[3] & { trigger?: string } = {}) =>
    postSlashCommand(port, SECRET, { text, trigger_id: options.trigger ?? `trig-${Math.random().toString(36).slice(2)}` }, options);

  beforeAll(async () => {
    slack = new SlackStandIn();
    await slack.start();
    config = isolatedConfig(
      { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' },
      POLICY,
    );
    stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
    port = stack.slackAddress!.port;
  });
  afterAll(async () => {
    await stack?.close();
    await slack?.stop();
    if (config) await cleanUp(config);
  });

  it('acks under 3 s with an ephemeral "queued", then updates one channel message to the whale', async () => {
    const ack = await send('run whalesay boo');
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
    const body = JSON.parse(ack.body);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/Queued #\d+ \(position \d+\)/);
    await expect.poll(() => finalMessage(slack, '&lt; boo &gt;'), { timeout: 20_000 }).toBeDefined();
    const posts = slack.find('chat.postMessage');
    expect(posts).toHaveLength(1);
    const final = finalMessage(slack, '&lt; boo &gt;')!;
    expect(final.method).toBe('chat.update');
    expect(final.args.ts).toBe('1700000001.000100');
    expect(final.args.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(final.args.blocks)).toContain('Exit code');
  });

  it('refuses forged signatures and stale or future timestamps with 401, queueing nothing', async () => {
    const before = await stack.commandQueue.queue.getJobCounts();
    expect((await send('run whalesay forged', { badSignature: true })).status).toBe(401);
    expect((await send('run whalesay stale', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect((await send('run whalesay future', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 })).status).toBe(401);
    expect(await stack.commandQueue.queue.getJobCounts()).toEqual(before);
  });

  it('runs a request delivered twice (a retry, or a replay) once', async () => {
    const before = (await stack.commandQueue.queue.getJobs(['waiting', 'active', 'completed'])).length;
    const first = await send('ps -a', { trigger: 'trig-twice' });
    const retry = await send('ps -a', { trigger: 'trig-twice', retryNum: 1 });
    const replay = await send('ps -a', { trigger: 'trig-twice' });
    expect([first.status, retry.status, replay.status]).toEqual([200, 200, 200]);
    await expect.poll(async () => (await stack.commandQueue.queue.getJobs(['waiting', 'active', 'completed'])).length).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await stack.commandQueue.queue.getJobs(['waiting', 'active', 'completed'])).length).toBe(before + 1);
  });

  it('keeps head and tail of a long output and uploads the whole of it as a file', async () => {
    await send('run busybox seq 1 2000');
    await expect.poll(() => slack.find('files.completeUploadExternal').length, { timeout: 20_000 }).toBeGreaterThan(0);
    const final = finalMessage(slack, '1999')!;
    const code = final.args.blocks.find(
      (b: { type: string; text?: { text: string } }) => b.type === 'section' && b.text?.text.startsWith('```'),
    ).text.text;
    expect(code.length).toBeLessThanOrEqual(3000);
    expect(code).toMatch(/^```\n1\n2\n/);
    expect(code).toMatch(/\n2000\n```$/);
    const [url] = slack.find('files.getUploadURLExternal');
    expect(url!.args.filename).toBe('output.txt');
    const uploaded = [...slack.uploads.values()].map((b) => b.toString()).find((t) => t.startsWith('1\n2\n'));
    expect(uploaded!.trim().split('\n')).toHaveLength(2000);
  });

  it('escapes mentions and markup in output so that nobody is notified', async () => {
    await send(`run busybox echo '<!channel> <!here> <@U999> & *bold*'`);
    await expect.poll(() => finalMessage(slack, '&lt;!channel&gt;'), { timeout: 20_000 }).toBeDefined();
    // Everything shown (button values are data, never rendered or parsed for mentions).
    const shown = JSON.stringify(
      finalMessage(slack, '&lt;!channel&gt;')!.args.blocks.filter((b: { type: string }) => b.type !== 'actions'),
    );
    expect(shown).toContain('&lt;!here&gt; &lt;@U999&gt; &amp;');
    expect(shown).not.toMatch(/<!channel>|<!here>|<@U999>/);
  });

  it('waits out a 429 on chat.update and then delivers the update', async () => {
    slack.rateLimit('chat.update', 2, 1);
    await send('run busybox echo after-the-wait');
    await expect.poll(() => finalMessage(slack, 'after-the-wait'), { timeout: 20_000 }).toBeDefined();
    const limited = slack.calls.find((c) => c.method === 'chat.update (ratelimited)')!;
    const delivered = slack.calls.filter((c) => c.method === 'chat.update' && c.at > limited.at)[0]!;
    expect(delivered.at - limited.at).toBeGreaterThanOrEqual(1900);
  });

  it('runs a button press as the user who pressed it, through the same policy', async () => {
    await send('run --name buttoned busybox echo pressed-me');
    await expect.poll(() => finalMessage(slack, 'pressed-me'), { timeout: 20_000 }).toBeDefined();
    const actions = finalMessage(slack, 'pressed-me')!.args.blocks.find((b: { type: string }) => b.type === 'actions');
    const logs = actions.elements.find((e: { text: { text: string } }) => e.text.text === 'Logs');
    expect(logs.value).toBe('logs buttoned');
    const press = await postButtonPress(port, SECRET, { user: 'U1', channel: 'C1', value: logs.value, actionId: logs.action_id });
    expect(press.status).toBe(200);
    await expect.poll(() => finalMessage(slack, 'Logs of buttoned'), { timeout: 20_000 }).toBeDefined();
    await postButtonPress(port, SECRET, { user: 'U2', channel: 'C1', value: logs.value, actionId: logs.action_id });
    await expect
      .poll(
        () =>
          slack
            .find('chat.postEphemeral')
            .some((c) => c.args.user === 'U2' && JSON.stringify(c.args.blocks ?? '').includes('No container of yours')),
        { timeout: 20_000 },
      )
      .toBe(true);
  });
});

describe('Slack in Socket Mode, end to end with the real Bolt', () => {
  let slack: SlackStandIn;
  let config: Config;
  let stack: Stack;
  beforeAll(async () => {
    slack = new SlackStandIn();
    await slack.start();
    config = isolatedConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: slack.apiUrl }, POLICY);
    stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
    await vi.waitFor(() => expect(slack.socketConnected).toBe(true));
  });
  afterAll(async () => {
    await stack?.close();
    await slack?.stop();
    if (config) await cleanUp(config);
  });

  it('acks the envelope with "queued" and updates the channel message to the whale', async () => {
    const open = slack.find('apps.connections.open')[0]!;
    expect(open.token).toBe('xapp-test');
    const ack = (await slack.socketSlashCommand({ text: 'run whalesay socket' })) as { text: string };
    expect(ack.text).toMatch(/Queued #\d+/);
    await expect.poll(() => finalMessage(slack, '&lt; socket &gt;'), { timeout: 20_000 }).toBeDefined();
  });

  it('runs a redelivered envelope once', async () => {
    const before = (await stack.commandQueue.queue.getJobs(['waiting', 'active', 'completed'])).length;
    await slack.socketSlashCommand({ text: 'ps', trigger_id: 'trig-socket-twice' }, 'env-a');
    await slack.socketSlashCommand({ text: 'ps', trigger_id: 'trig-socket-twice' }, 'env-b', 1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await stack.commandQueue.queue.getJobs(['waiting', 'active', 'completed'])).length).toBe(before + 1);
  });

  it('reconnects when told to disconnect, and keeps serving', async () => {
    const opened = slack.find('apps.connections.open').length;
    slack.disconnectSockets();
    await expect.poll(() => slack.find('apps.connections.open').length, { timeout: 15_000 }).toBeGreaterThan(opened);
    await expect.poll(() => slack.socketConnected).toBe(true);
    const ack = (await slack.socketSlashCommand({ text: 'help' })) as { blocks: unknown[] };
    expect(JSON.stringify(ack.blocks)).toContain('/docker commands');
  });
});
