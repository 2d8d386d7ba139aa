import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { SlackStandIn, postButtonPress, postSslCheck, type SlackCall } from '../stand-ins/slack-stand-in.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';
import { ResponseUrls } from '../../src/adapters/slack/response-url.js';
import { Undeliverable } from '../../src/errors.js';

const SECRET = 'test-signing-secret';
/** Every Slack channel may use every command: these tests are about the transport, not the policy. */
const POLICY = 'channels: [{ channel: "slack:*", commands: [all] }]\n';

/**
 * The final state of the job's channel message: the first chat.update (or post) that shows `containing` and is not
 * streamed output (a stage's line over a code block, without the final reply's header).
 */
function finalMessage(slack: SlackStandIn, containing: string): SlackCall | undefined {
  const streamed = (c: SlackCall) =>
    c.args.blocks?.[0]?.type !== 'header' && c.args.blocks?.some((b: { text?: { text?: string } }) => b.text?.text?.startsWith('```'));
  return [...slack.find('chat.update'), ...slack.find('chat.postMessage')].find(
    (c) => !streamed(c) && JSON.stringify(c.args.blocks ?? '').includes(containing),
  );
}

/** The code block of a message's blocks. */
function codeOf(call: SlackCall): string {
  return call.args.blocks.find((b: { type: string; text?: { text: string } }) => b.type === 'section' && b.text?.text.startsWith('```'))
    .text.text;
}

/** A logger whose lines the test can read. */
function capturedLog() {
  const lines: Record<string, any>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('Slack over HTTP, end to end with the real Bolt', () => {
  let slack: SlackStandIn;
  let config: Config;
  let stack: Stack;
  let port: number;
  const logged = capturedLog();
  const send = (
    text: string,
    options: Parameters<SlackStandIn['slashCommand']>[3] & { trigger?: string; fields?: Record<string, string> } = {},
  ) =>
    slack.slashCommand(
      port,
      SECRET,
      { text, trigger_id: options.trigger ?? `trig-${Math.random().toString(36).slice(2)}`, ...options.fields },
      options,
    );
  /** The response_url calls of one command, accepted and refused. */
  const responses = (url: string) => slack.calls.filter((c) => c.method === 'response_url' && url.endsWith(`/${c.args.url}`));

  beforeAll(async () => {
    slack = new SlackStandIn();
    slack.channels.set('C2', { private: false, member: false });
    slack.channels.set('G1', { private: true, member: false });
    await slack.start();
    config = isolatedConfig(
      { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' },
      POLICY,
    );
    stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: logged.log });
    port = stack.slackAddress!.port;
  });
  afterAll(async () => {
    await stack?.close();
    await slack?.stop();
    if (config) await cleanUp(config);
  });

  it('acks with an ephemeral "queued" before the job ends, then updates one channel message to the whale', async () => {
    const ack = await send('run whalesay boo', { trigger: 'trig-whale' });
    expect(ack.status).toBe(200);
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
    // The acknowledgement came first: by order of events, not by a clock.
    expect(slack.ackLog.find((a) => a.trigger === 'trig-whale')!.seq).toBeLessThan(final.seq);
  });

  it("answers Slack's ssl_check with 200, unsigned, and still refuses other unsigned requests", async () => {
    expect((await postSslCheck(port)).status).toBe(200);
    const before = await stack.commandQueue.queue.getJobCounts();
    expect((await send('run whalesay unsigned', { badSignature: true })).status).toBe(401);
    expect(await stack.commandQueue.queue.getJobCounts()).toEqual(before);
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
    // Each acknowledgement comes after its request was queued or turned away: the count is final now.
    expect((await stack.commandQueue.queue.getJobs(['waiting', 'active', 'completed'])).length).toBe(before + 1);
  });

  it('turns slash text back into what the user typed: > and && reach the container as typed', async () => {
    await send(`run busybox sh -c "echo a > /dev/null && echo 'typed<x>&y'"`);
    await expect.poll(() => finalMessage(slack, 'typed&lt;x&gt;&amp;y'), { timeout: 20_000 }).toBeDefined();
    expect(codeOf(finalMessage(slack, 'typed&lt;x&gt;&amp;y')!)).toBe('```\ntyped&lt;x&gt;&amp;y\n```');
    // With should_escape on, a mention comes as <@U…|name>: the container gets what was typed.
    await send('run busybox echo mention @alice', { shouldEscape: true });
    await expect.poll(() => finalMessage(slack, 'mention @alice'), { timeout: 20_000 }).toBeDefined();
  });

  it('keeps head and tail of a long output and uploads the whole of it as a file', async () => {
    await send('run busybox seq 1 2000');
    await expect.poll(() => finalMessage(slack, '1999'), { timeout: 20_000 }).toBeDefined();
    await expect.poll(() => slack.find('files.completeUploadExternal').length, { timeout: 20_000 }).toBeGreaterThan(0);
    const code = codeOf(finalMessage(slack, '1999')!);
    expect(code.length).toBeLessThanOrEqual(3000);
    expect(code).toMatch(/^```\n1\n2\n/);
    expect(code).toMatch(/\n2000\n```$/);
    const [url] = slack.find('files.getUploadURLExternal');
    expect(url!.args.filename).toBe('output.txt');
    const uploaded = [...slack.uploads.values()].map((b) => b.toString()).find((t) => t.startsWith('1\n2\n'));
    expect(uploaded!.trim().split('\n')).toHaveLength(2000);
  });

  it('treats one long line of markup like long output: escaped, then clipped within 3000, head and tail, the whole attached', async () => {
    const uploads = slack.find('files.completeUploadExternal').length;
    await send(`run busybox sh -c "printf 'START'; printf '<%.0s' $(seq 1 4000); echo END"`);
    await expect.poll(() => finalMessage(slack, 'START&lt;'), { timeout: 20_000 }).toBeDefined();
    const final = finalMessage(slack, 'START&lt;')!;
    const code = codeOf(final);
    expect(code.length).toBeLessThanOrEqual(3000);
    expect(code).toMatch(/&lt;END\n```$/);
    expect(JSON.stringify(final.args.blocks)).toMatch(/characters of a long line are not shown here/);
    await expect.poll(() => slack.find('files.completeUploadExternal').length, { timeout: 20_000 }).toBeGreaterThan(uploads);
    const whole = [...slack.uploads.values()].map((b) => b.toString()).find((t) => t.startsWith('START<'));
    expect(whole).toBe(`START${'<'.repeat(4000)}END\n`);
    expect(slack.refused('chat.update')).toEqual([]);
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

  it('waits out a 429 on chat.update for as long as Retry-After says, then delivers the update', async () => {
    slack.rateLimit('chat.update', 2, 1);
    await send('run busybox echo after-the-wait');
    await expect.poll(() => finalMessage(slack, 'after-the-wait'), { timeout: 20_000 }).toBeDefined();
    const limited = slack.calls.find((c) => c.method === 'chat.update (ratelimited)')!;
    expect(slack.calls.some((c) => c.method === 'chat.update' && c.seq > limited.seq)).toBe(true);
    expect(logged.lines.some((l) => l.msg === 'delivery rate-limited' && l.delayMs === 2000)).toBe(true);
  });

  it('runs a button press as the user who pressed it, through the same policy, and retries its answer after a 429', async () => {
    await send('run --name buttoned busybox echo pressed-me');
    await expect.poll(() => finalMessage(slack, 'pressed-me'), { timeout: 20_000 }).toBeDefined();
    const actions = finalMessage(slack, 'pressed-me')!.args.blocks.find((b: { type: string }) => b.type === 'actions');
    const logs = actions.elements.find((e: { text: { text: string } }) => e.text.text === 'Logs');
    expect(logs.value).toBe('logs buttoned');
    const press = await postButtonPress(port, SECRET, { user: 'U1', channel: 'C1', value: logs.value, actionId: logs.action_id });
    expect(press.status).toBe(200);
    await expect.poll(() => finalMessage(slack, 'Logs of buttoned'), { timeout: 20_000 }).toBeDefined();
    slack.rateLimit('chat.postEphemeral', 1, 1);
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
    // The press's own answer ("queued"), sent on the acknowledgement path, waits out the 429 and comes.
    const limited = slack.calls.find((c) => c.method === 'chat.postEphemeral (ratelimited)')!;
    expect(limited.args.user).toBe('U2');
    await expect
      .poll(
        () => slack.find('chat.postEphemeral').some((c) => c.args.user === 'U2' && c.seq > limited.seq && /Queued #\d+/.test(c.args.text)),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
  });

  it('posts the job a new message when its message was deleted (chat.update: message_not_found)', async () => {
    const replyTo = { route: 'slack', channelId: 'C1', userId: 'U1' };
    await stack.deliveries.deliver({ kind: 'progress', jobId: 'deleted-1', replyTo, progress: { stage: 'running', lang: 'en' } });
    await expect.poll(() => finalMessage(slack, 'deleted-1'), { timeout: 20_000 }).toBeDefined();
    const first = finalMessage(slack, 'deleted-1')!;
    expect(first.method).toBe('chat.postMessage');
    slack.deleteMessage('C1', first.ts!);
    await stack.deliveries.deliver({ kind: 'final', jobId: 'deleted-1', replyTo, reply: { status: 'ok', title: 'after-delete' } });
    await expect.poll(() => finalMessage(slack, 'after-delete'), { timeout: 20_000 }).toBeDefined();
    expect(slack.refused('chat.update').map((c) => c.error)).toContain('message_not_found');
    expect(finalMessage(slack, 'after-delete')!.method).toBe('chat.postMessage');
  });

  it('in a private channel it was never invited to, the whale still comes, through response_url, with how to invite it', async () => {
    const ack = await send('run whalesay private-boo', { fields: { channel_id: 'G1', channel_name: 'secret' } });
    expect(JSON.parse(ack.body).text).toMatch(/Queued #\d+/);
    const whale = () => responses(ack.responseUrl).find((c) => !c.error && JSON.stringify(c.args.blocks ?? '').includes('private-boo'));
    await expect.poll(whale, { timeout: 20_000 }).toBeDefined();
    expect(whale()!.args.response_type).toBe('in_channel');
    expect(JSON.stringify(whale()!.args.blocks)).toContain('/invite @stevedore');
    expect(slack.refused('chat.postMessage').some((c) => c.args.channel === 'G1' && c.error === 'channel_not_found')).toBe(true);
    // The channel was tried once; then every message of the job went by the response_url, within its 5 uses.
    expect(slack.calls.filter((c) => c.args.channel === 'G1')).toHaveLength(1);
    expect(responses(ack.responseUrl).filter((c) => c.error)).toEqual([]);
    expect(responses(ack.responseUrl).length).toBeLessThanOrEqual(3);
  });

  it('in a public channel it is not in (no chat:write.public): head and tail, and how to get the rest or invite it; no file', async () => {
    slack.scopes = slack.scopes.filter((s) => s !== 'chat:write.public');
    try {
      const uploads = slack.find('files.getUploadURLExternal').length;
      const ack = await send('run --name counted busybox seq 1 3000', { fields: { channel_id: 'C2' } });
      const final = () => responses(ack.responseUrl).find((c) => !c.error && JSON.stringify(c.args.blocks ?? '').includes('2999'));
      await expect.poll(final, { timeout: 20_000 }).toBeDefined();
      expect(slack.refused('chat.postMessage').some((c) => c.args.channel === 'C2' && c.error === 'not_in_channel')).toBe(true);
      const code = codeOf(final()!);
      expect(code.length).toBeLessThanOrEqual(3000);
      expect(code).toMatch(/^```\n1\n2\n[\s\S]*\n3000\n```$/);
      const note = JSON.stringify(final()!.args.blocks);
      expect(note).toContain('`/docker logs counted`');
      expect(note).toContain('`/invite @stevedore`');
      expect(slack.find('files.getUploadURLExternal').length).toBe(uploads);
    } finally {
      slack.scopes.push('chat:write.public');
    }
  });

  it('in a public channel it is not in but may post to (chat:write.public): the message says how to get the rest, no file is claimed', async () => {
    const ack = await send('run --name posted busybox seq 1 3000', { fields: { channel_id: 'C2' } });
    expect(JSON.parse(ack.body).text).toMatch(/Queued #\d+/);
    const final = () => finalMessage(slack, '2999');
    await expect
      .poll(() => final()?.args.channel === 'C2' && JSON.stringify(final()!.args.blocks).includes('/docker logs posted'), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(slack.refused('files.completeUploadExternal').some((c) => c.args.channel_id === 'C2' && c.error === 'not_in_channel')).toBe(
      true,
    );
    const shown = JSON.stringify(final()!.args.blocks);
    expect(shown).toContain('`/invite @stevedore`');
    expect(shown).not.toContain('attached as output.txt');
    // It came as the job's channel message, once: not again through the response_url.
    expect(responses(ack.responseUrl).some((c) => JSON.stringify(c.args.blocks ?? '').includes('2999'))).toBe(false);
  });

  it('spends a response_url on the final reply first: two progress updates at most, then finals up to its 5 uses', async () => {
    const url = slack.responseUrl();
    const urls = new ResponseUrls(stack.store, [new URL(slack.apiUrl).origin + '/']);
    await urls.keep('budget-1', url);
    const message = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: true, text });
    const progress = [];
    for (let i = 0; i < 4; i++) progress.push(await urls.send('budget-1', 'progress', message(`progress ${i}`), 'not_in_channel'));
    expect(progress).toEqual([true, true, false, false]);
    for (let i = 0; i < 3; i++) expect(await urls.send('budget-1', 'final', message(`final ${i}`), 'not_in_channel')).toBe(true);
    await expect(urls.send('budget-1', 'final', message('sixth'), 'not_in_channel')).rejects.toBeInstanceOf(Undeliverable);
    // Slack saw five uses and never had to refuse one.
    expect(responses(url).map((c) => c.args.text)).toEqual(['progress 0', 'progress 1', 'final 0', 'final 1', 'final 2']);
    expect(responses(url).filter((c) => c.error)).toEqual([]);
  });

  it('fails a delivery Slack refuses for good at once, with the reason logged (a response_url past its 30 minutes)', async () => {
    const url = slack.responseUrl();
    slack.advance(30 * 60_000);
    const ack = await send('run whalesay too-late', { fields: { channel_id: 'G1', response_url: url } });
    const job = /#(\d+)/.exec(JSON.parse(ack.body).text)![1];
    const refusals = () => logged.lines.filter((l) => l.msg === 'delivery refused by the platform; not retried' && l.job === job);
    // The final reply too: it is refused for good, and said so in the log.
    await expect.poll(() => refusals().some((l) => /no response_url left/.test(l.reason)), { timeout: 20_000 }).toBe(true);
    expect(refusals().some((l) => /channel_not_found; response_url refused: 404 expired_url/.test(l.reason))).toBe(true);
    // Refused once, never tried again.
    expect(responses(url).filter((c) => c.error === 'expired_url')).toHaveLength(1);
  });
});

describe('Slack with only tokens set (no policy file)', () => {
  let slack: SlackStandIn;
  let config: Config;
  let stack: Stack;
  beforeAll(async () => {
    slack = new SlackStandIn();
    await slack.start();
    config = isolatedConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: '0',
      SLACK_HOST: '127.0.0.1',
    });
    stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog() });
  });
  afterAll(async () => {
    await stack?.close();
    await slack?.stop();
    if (config) await cleanUp(config);
  });

  it('runs the whale in a channel of its own workspace, and refuses in a channel shared from another', async () => {
    const port = stack.slackAddress!.port;
    const ack = await slack.slashCommand(port, SECRET, { text: 'run whalesay first-day' });
    expect(JSON.parse(ack.body).text).toMatch(/Queued #\d+/);
    await expect.poll(() => finalMessage(slack, '&lt; first-day &gt;'), { timeout: 20_000 }).toBeDefined();
    const other = await slack.slashCommand(port, SECRET, { text: 'run whalesay elsewhere', team_id: 'T9' });
    expect(JSON.parse(other.body).text).toMatch(/not enabled here/);
    expect(JSON.parse(other.body).response_type).toBe('ephemeral');
  });
});

describe('Slack with a token that lacks scopes', () => {
  let slack: SlackStandIn;
  let config: Config;
  let stack: Stack;
  const logged = capturedLog();
  beforeAll(async () => {
    slack = new SlackStandIn();
    slack.scopes = ['commands', 'chat:write'];
    await slack.start();
    config = isolatedConfig(
      { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' },
      POLICY,
    );
    stack = await startStack(config, { roles: new Set(['bot']), log: logged.log });
  });
  afterAll(async () => {
    await stack?.close();
    await slack?.stop();
    if (config) await cleanUp(config);
  });

  it('names the missing scopes and the fix in one log line and on /healthz', async () => {
    const lines = logged.lines.filter((l) => /lacks the scope/.test(l.msg));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toContain('chat:write.public, files:write');
    expect(lines[0]!.msg).toContain('OAuth & Permissions');
    const health = await stack.healthChecks.slack!();
    expect(health.detail).toContain('chat:write.public, files:write');
    expect(health.detail).toContain('reinstall the app');
  });

  it('a refusal for a missing scope is not retried: the delivery fails at once, its reason logged', async () => {
    // Straight through the delivery queue: an upload needs files:write, which this token lacks.
    await stack.deliveries.deliver({
      kind: 'final',
      jobId: 'scope-1',
      replyTo: { route: 'slack', channelId: 'C1' },
      reply: { status: 'ok', title: 'long', code: { text: 'x\n'.repeat(5000) } },
    });
    await expect
      .poll(() => logged.lines.find((l) => l.msg === 'delivery refused by the platform; not retried' && l.job === 'scope-1'), {
        timeout: 20_000,
      })
      .toBeDefined();
    expect(logged.lines.find((l) => l.job === 'scope-1' && l.reason)!.reason).toMatch(/missing_scope \(needed: files:write\)/);
    expect(slack.refused('files.getUploadURLExternal')).toHaveLength(1);
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
    // Both envelopes are acknowledged only after their command was queued or turned away.
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
