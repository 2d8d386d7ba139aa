import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Delivery } from '../../core/job.js';
import type { Lang } from '../../core/flag-spec.js';
import { msg, say } from '../../core/messages/index.js';
import { answeringUnacknowledged, type Reply } from '../../core/reply.js';
import { AcksInFlight } from '../shared/acks-in-flight.js';
import type { ChatRequest } from '../../core/request.js';
import type { ChatEntry } from '../../pipeline/chat-entry.js';
import type { AdapterHealth, ChatAdapter } from '../../core/chat-adapter.js';
import {
  ACTION_PREFIX,
  renderAnsweredPrivately,
  renderProgress,
  renderQueued,
  renderReply,
  type SlackMessage,
  type Via,
} from './render.js';
import { NEEDED_SCOPES } from './manifest.js';
import { ResponseUrls } from './response-url.js';
import { NOT_MEMBER, afterRateLimits, forDeliveries, slackError } from './slack-errors.js';
import { decodeSlashText } from './slash-text.js';
import { SlackUpdateBudget } from './update-budget.js';
import { EditPacer } from '../shared/edit-pacer.js';

export interface SlackOptions {
  entry: ChatEntry;
  botToken: string;
  /** HTTP mode. */
  signingSecret?: string;
  /** Socket Mode (takes precedence). */
  appToken?: string;
  port: number;
  host: string;
  apiUrl: string;
  maxSkewMs: number;
}

/** How long the channel message of a job (and the language of its requester) is remembered for updates. */
const MESSAGE_MS = 24 * 3_600_000;

/**
 * Slack as a chat platform, on Bolt: transport and rendering only. `/docker` is acknowledged at once with an
 * ephemeral "queued #id"; one channel message per job is then posted and updated in place by deliveries. Where the
 * bot is not a member of the channel, replies go through the command's response_url instead.
 */
export class SlackAdapter implements ChatAdapter {
  readonly route = 'slack';
  readonly app: App;
  private readonly receiver: Receiver;
  private server?: Server;
  private readonly responseUrls: ResponseUrls;
  /** The bot's name, for "/invite @name" (auth.test's user). */
  private botName = 'stevedore';
  /** The workspace the token belongs to (auth.test's team_id), once started: the team's own place. */
  workspace?: string;
  /** What the start-up check found wrong (missing scopes), shown on /healthz. */
  private problem?: string;
  /** chat.update calls of the last minute, which streamed output edits keep within. */
  private readonly updates = new SlackUpdateBudget();
  /** Jobs whose command this process is acknowledging now: their deliveries wait for the ack to be through. */
  private readonly acking = new AcksInFlight();
  /** Streamed output edits, paced apart from the delivery lanes. */
  readonly stream: EditPacer;

  constructor(private readonly o: SlackOptions) {
    if (!o.appToken && !o.signingSecret) throw new Error('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
    const clientOptions = { slackApiUrl: o.apiUrl, retryConfig: { retries: 2, factor: 2, minTimeout: 200 }, rejectRateLimitedCalls: true };
    this.stream = new EditPacer(this.updates, (error, jobId) =>
      o.entry.log.warn({ job: jobId, code: slackError(error), err: error }, 'slack: a streamed output edit was not sent'),
    );
    this.responseUrls = new ResponseUrls(o.entry.store, ['https://hooks.slack.com/', new URL(o.apiUrl).origin + '/']);
    this.receiver = o.appToken
      ? // Socket Mode opens its connection through the Web API (apps.connections.open): the same API base.
        new SocketModeReceiver({ appToken: o.appToken, logLevel: LogLevel.ERROR, installerOptions: { clientOptions } })
      : new HTTPReceiver({
          signingSecret: o.signingSecret!,
          endpoints: '/slack/events',
          logLevel: LogLevel.ERROR,
          unhandledRequestTimeoutMillis: 2900,
        });
    // Bolt's conversation store and its filter of the bot's own messages serve message events, which this app does
    // not handle; they ran on every slash command (about a fifth of Bolt's time per request, measured).
    this.app = new App({
      token: o.botToken,
      receiver: this.receiver,
      clientOptions,
      logLevel: LogLevel.ERROR,
      convoStore: false,
      ignoreSelf: false,
    });
    this.app.command('/docker', async ({ command, ack }) => {
      const request: ChatRequest = {
        platform: 'slack',
        userId: command.user_id,
        userName: command.user_name,
        channelId: command.channel_id,
        workspace: command.team_id,
        // Slack sends &, < and > as entities (and mentions as markup): parsed as the user typed it.
        text: decodeSlashText(command.text),
        replyTo: { route: this.route, channelId: command.channel_id, userId: command.user_id },
        dedupKey: command.trigger_id,
        seenKey: `slack:${command.trigger_id}`,
      };
      const answer = await o.entry.handle(request);
      if (answer.kind === 'reply' && answer.replayed) return ack(); // a retry or a replay: answered the first time
      if (answer.kind === 'queued') {
        const { jobId } = answer.queued;
        // Kept before the ack, so the job's first delivery finds its response_url however fast the job runs; the
        // mark of a command not yet acknowledged goes once the ack is through (a bot killed before leaves it).
        await this.remember(jobId, answer.lang, command.response_url, true);
        const acked = async () => {
          await ack({ response_type: 'ephemeral', text: renderQueued(answer.queued, answer.lang).text });
          await this.o.entry.store.remove(this.unackedKey(jobId));
        };
        return this.acking.during(jobId, acked());
      }
      const m = renderReply(answer.reply, langOf(answer));
      await ack({ response_type: answer.reply.ephemeral ? 'ephemeral' : 'in_channel', text: m.text, blocks: m.blocks } as never);
      if (!answer.reply.ephemeral) await this.uploadOnAck(request.channelId, m);
    });
    this.app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client }) => {
      await ack();
      const b = body as {
        user: { id: string; username?: string };
        channel?: { id: string };
        team?: { id: string } | null;
        trigger_id: string;
        response_url?: string;
      };
      const value = (action as { value?: string }).value;
      if (!value || !b.channel) return;
      const request: ChatRequest = {
        platform: 'slack',
        userId: b.user.id,
        userName: b.user.username,
        channelId: b.channel.id,
        workspace: b.team?.id,
        text: value,
        replyTo: { route: this.route, channelId: b.channel.id, userId: b.user.id },
        dedupKey: b.trigger_id,
        seenKey: `slack:${b.trigger_id}`,
      };
      const answer = await o.entry.handle(request);
      if (answer.kind === 'reply' && answer.replayed) return;
      const ephemeral = (m: SlackMessage) =>
        afterRateLimits(() =>
          client.chat.postEphemeral({ channel: request.channelId, user: request.userId, text: m.text, blocks: m.blocks as never }),
        );
      try {
        if (answer.kind === 'queued') {
          await this.remember(answer.queued.jobId, answer.lang, b.response_url);
          await ephemeral(renderQueued(answer.queued, answer.lang));
        } else if (answer.reply.ephemeral) await ephemeral(renderReply(answer.reply, langOf(answer)));
        else {
          const m = renderReply(answer.reply, langOf(answer));
          await afterRateLimits(() => this.post(request.channelId, m));
          await this.uploadOnAck(request.channelId, m);
        }
      } catch (error) {
        const code = slackError(error);
        if (!code || !NOT_MEMBER.has(code) || !b.response_url) throw error;
        // Not a member: the button's own response_url answers the one who pressed it.
        const m =
          answer.kind === 'queued'
            ? renderQueued(answer.queued, answer.lang)
            : renderReply(answer.reply, langOf(answer), { kind: 'response_url', bot: this.botName });
        await this.postResponse(b.response_url, { response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
      }
    });
    this.app.error(async (error) => o.entry.log.error({ err: error }, 'slack app error'));
  }

  /** HTTP mode: where Slack's requests are received, once started. */
  address?: AddressInfo;

  /**
   * Checks the token's scopes, then starts Socket Mode, or an HTTP server that refuses requests from too far in the
   * past or the future.
   */
  async start(): Promise<void> {
    await this.checkScopes();
    if (this.o.appToken) {
      await this.app.start();
      return;
    }
    const listener = (this.receiver as HTTPReceiver).requestListener;
    this.server = createServer((req, res) => {
      // A refusal (a forged signature, a stale or future timestamp) is counted and sampled in the audit.
      res.once('finish', () => {
        if (res.statusCode !== 401) return;
        this.o.entry.refused('signature', { platform: 'slack', userId: '-', channelId: '-', from: req.socket.remoteAddress ?? '?' });
      });
      // Bolt refuses old timestamps only; a request stamped in the future is refused here, before Bolt sees it. A
      // request with no timestamp goes on to Bolt, which answers Slack's unsigned ssl_check and refuses the rest.
      const stamp = req.headers['x-slack-request-timestamp'];
      const ts = Number(stamp);
      if (req.method === 'POST' && stamp !== undefined && (!Number.isFinite(ts) || Math.abs(Date.now() - ts * 1000) > this.o.maxSkewMs)) {
        res.writeHead(401).end();
        req.resume();
        return;
      }
      listener(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.o.port, this.o.host, resolve));
    this.address = this.server.address() as AddressInfo;
  }

  /** auth.test's x-oauth-scopes against the needed scopes: what is missing is said once in the log and on /healthz. */
  private async checkScopes(): Promise<void> {
    try {
      const result = await this.app.client.auth.test();
      if (result.user) this.botName = String(result.user);
      if (result.team_id) this.workspace = String(result.team_id);
      const granted = result.response_metadata?.scopes;
      if (!granted) return; // no header: nothing to compare against
      const missing = NEEDED_SCOPES.filter((s) => !granted.includes(s));
      if (!missing.length) return;
      this.problem = say(msg('slack.scopes.missing', { missing: missing.join(', '), granted: granted.join(', ') }), 'en');
      this.o.entry.log.warn({ missing, granted }, this.problem);
    } catch (error) {
      this.problem = `auth.test failed: ${slackError(error) ?? (error as Error).message}`;
      this.o.entry.log.error({ err: error }, `Slack: ${this.problem}; check SLACK_BOT_TOKEN`);
    }
  }

  /** Socket Mode: the WebSocket is open; HTTP mode: the server listens. A missing scope is named in the detail. */
  async healthy(): Promise<AdapterHealth> {
    const ok = this.o.appToken
      ? Boolean((this.receiver as unknown as { client?: { connected?: boolean } }).client?.connected)
      : Boolean(this.server?.listening);
    return this.problem ? { ok, detail: this.problem } : { ok };
  }

  async stop(): Promise<void> {
    this.stream.stop();
    if (this.o.appToken) await this.app.stop();
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise((resolve) => this.server!.close(resolve));
    }
  }

  /** Sends one delivery: the job's channel message is posted once and then updated in place. */
  readonly deliver = async (delivery: Delivery): Promise<void> => {
    try {
      await this.send(delivery);
    } catch (error) {
      throw forDeliveries(error);
    }
  };

  /** What the bot keeps of a queued command, outside the job: its requester's language and its response_url. */
  private async remember(jobId: string, lang: Lang, responseUrl: string | undefined, unacknowledged = false): Promise<void> {
    await Promise.all([
      this.o.entry.store.put(this.langKey(jobId), lang, MESSAGE_MS),
      unacknowledged && this.o.entry.store.put(this.unackedKey(jobId), '1', MESSAGE_MS),
      this.responseUrls.keep(jobId, responseUrl),
    ]);
  }

  /** Set from storing a job until its command's ack is through: still there, the bot stopped before acknowledging. */
  private unackedKey(jobId: string): string {
    return `slack:unacked:${jobId}`;
  }

  private langKey(jobId: string): string {
    return `slack:lang:${jobId}`;
  }

  private notMemberKey(jobId: string): string {
    return `slack:not-member:${jobId}`;
  }

  private async send(delivery: Delivery): Promise<void> {
    await this.acking.settled(delivery.jobId); // a job can end before its command's ack is through
    const lang: Lang =
      delivery.kind === 'progress'
        ? delivery.progress.lang
        : ((await this.o.entry.store.get(this.langKey(delivery.jobId))) as Lang) || 'en';
    // The user saw Slack's own error for the command: the reply says it ran all the same.
    if (delivery.kind === 'final' && (await this.o.entry.store.get(this.unackedKey(delivery.jobId))))
      delivery = { ...delivery, reply: answeringUnacknowledged(delivery.reply, lang) };
    // Once the channel refused this job's messages, they go through the response_url without asking again.
    const known = await this.o.entry.store.get(this.notMemberKey(delivery.jobId));
    // Output is streamed into the channel message only: a response_url's 5 uses are kept for the result.
    if (delivery.kind === 'progress' && delivery.progress.output) return known ? undefined : this.streamOutput(delivery);
    // Streamed edits of this job end before its final reply, never after it.
    if (delivery.kind === 'final') await this.stream.finish(delivery.jobId);
    if (known) return this.viaResponseUrl(delivery, lang, known);
    try {
      await this.viaChannel(delivery, lang);
    } catch (error) {
      const code = slackError(error);
      if (!code || !NOT_MEMBER.has(code) || !(await this.responseUrls.has(delivery.jobId))) throw error;
      await this.o.entry.store.put(this.notMemberKey(delivery.jobId), code, MESSAGE_MS);
      await this.viaResponseUrl(delivery, lang, code);
    }
  }

  /**
   * Hands the latest output of a running job to the pacer, for its channel message once that is posted. A follow's
   * output (it has a Stop button) goes to the job's thread instead: one reply there, posted once and then updated,
   * while the channel message keeps its stage and the Stop button.
   */
  private async streamOutput(delivery: Extract<Delivery, { kind: 'progress' }>): Promise<void> {
    const { jobId, progress } = delivery;
    const ts = await this.o.entry.store.get(`slack:message:${jobId}`);
    if (!ts) return; // the stage's own message is not posted yet: the next output will find it
    const channel = delivery.replyTo.channelId;
    const followed = progress.buttons?.some((b) => b.id === 'stop');
    const m = renderProgress(jobId, followed ? { ...progress, buttons: undefined } : progress);
    const threadKey = `slack:thread:${jobId}`;
    this.stream.offer(jobId, async () => {
      const reply = followed ? await this.o.entry.store.get(threadKey) : ts;
      if (reply) return void (await this.app.client.chat.update({ channel, ts: reply, text: m.text, blocks: m.blocks as never }));
      const posted = await this.app.client.chat.postMessage({ channel, thread_ts: ts, text: m.text, blocks: m.blocks as never });
      await this.o.entry.store.put(threadKey, String(posted.ts), MESSAGE_MS);
    });
  }

  private async viaChannel(delivery: Delivery, lang: Lang): Promise<void> {
    const channel = delivery.replyTo.channelId;
    if (delivery.kind === 'notice') return void (await this.post(channel, renderReply(delivery.reply, lang)));
    const key = `slack:message:${delivery.jobId}`;
    const ts = await this.o.entry.store.get(key);
    const update = async (m: SlackMessage) => {
      try {
        this.updates.record(Date.now());
        await this.app.client.chat.update({ channel, ts: ts!, text: m.text, blocks: m.blocks as never });
      } catch (error) {
        // The message is gone (deleted): the job gets a new one.
        if (slackError(error) !== 'message_not_found') throw error;
        await this.o.entry.store.put(key, await this.post(channel, m), MESSAGE_MS);
      }
    };
    if (delivery.kind === 'progress') {
      const m = renderProgress(delivery.jobId, delivery.progress);
      if (ts) await update(m);
      else await this.o.entry.store.put(key, await this.post(channel, m), MESSAGE_MS);
      return;
    }
    const m = renderReply(delivery.reply, lang);
    if (delivery.reply.ephemeral) {
      await this.app.client.chat.postEphemeral({ channel, user: String(delivery.replyTo.userId), text: m.text, blocks: m.blocks as never });
      if (ts) await update(renderAnsweredPrivately(delivery.jobId, lang));
      return;
    }
    let shown = m;
    if (m.fullOutput !== undefined || m.files.length) {
      try {
        await this.uploadOnce(delivery.jobId, channel, m, ts);
      } catch (error) {
        const code = slackError(error);
        if (!code || !NOT_MEMBER.has(code)) throw error;
        // Posts reach a public channel the bot was not invited to (chat:write.public), files do not: the message
        // says how to get the rest instead of pointing at a file that is not there.
        shown = renderReply(delivery.reply, lang, { kind: 'no-files', bot: this.botName });
      }
    }
    if (ts) await update(shown);
    else await this.post(channel, shown);
  }

  /**
   * Uploads a final reply's files before its message is shown (so the message can say whether they came), once: a
   * retry after a 429 on the message does not upload them again.
   */
  private async uploadOnce(jobId: string, channel: string, m: SlackMessage, ts: string | undefined): Promise<void> {
    const key = `slack:uploaded:${jobId}`;
    if (await this.o.entry.store.get(key)) return;
    await this.uploadFiles(channel, m, ts);
    await this.o.entry.store.put(key, '1', MESSAGE_MS);
  }

  /**
   * Where the bot is not a member: the job's response_url, which takes 5 messages in 30 minutes and no files. The
   * final reply is sure of its use; progress takes at most two (and "queued" none: the acknowledgement said it).
   */
  private async viaResponseUrl(delivery: Delivery, lang: Lang, reason: string): Promise<void> {
    if (delivery.kind === 'progress') {
      if (delivery.progress.stage === 'queued' || delivery.progress.output) return;
      const m = renderProgress(delivery.jobId, delivery.progress);
      await this.responseUrls.send(
        delivery.jobId,
        'progress',
        { response_type: 'ephemeral', replace_original: true, text: m.text, blocks: m.blocks },
        reason,
      );
      return;
    }
    const m = this.renderForResponse(delivery.reply, lang);
    await this.responseUrls.send(
      delivery.jobId,
      'final',
      { response_type: delivery.reply.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text: m.text, blocks: m.blocks },
      reason,
    );
  }

  private renderForResponse(reply: Reply, lang: Lang): SlackMessage {
    const via: Via = { kind: 'response_url', bot: this.botName };
    return renderReply(reply, lang, via);
  }

  /** A message to a response_url of Slack's (a button press's own), outside the deliveries. */
  private async postResponse(url: string, message: Record<string, unknown>): Promise<void> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    if (!response.ok) this.o.entry.log.warn({ status: response.status, body: await response.text() }, 'slack response_url refused');
  }

  private async post(channel: string, m: SlackMessage): Promise<string> {
    const result = await this.app.client.chat.postMessage({
      channel,
      text: m.text,
      blocks: m.blocks as never,
      unfurl_links: false,
      unfurl_media: false,
    });
    return String(result.ts);
  }

  /** Uploads on the acknowledgement path: no delivery queue waits out a 429 there, so the upload does. */
  private async uploadOnAck(channel: string, m: SlackMessage): Promise<void> {
    try {
      await afterRateLimits(() => this.uploadFiles(channel, m));
    } catch (error) {
      this.o.entry.log.warn({ err: error, channel, code: slackError(error) }, 'slack upload not sent');
    }
  }

  /** The whole output and pictures, through files.getUploadURLExternal → upload → files.completeUploadExternal. */
  private async uploadFiles(channel: string, m: SlackMessage, threadTs?: string): Promise<void> {
    const files = [
      ...(m.fullOutput !== undefined ? [{ name: 'output.txt', data: Buffer.from(m.fullOutput), title: 'output.txt' }] : []),
      ...m.files,
    ];
    for (const f of files) {
      await this.app.client.filesUploadV2({
        channel_id: channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        file: f.data,
        filename: f.name,
        title: f.title,
      } as never);
    }
  }
}

/** The requester's language, where the answer carries it (a queued job's always does). */
function langOf(answer: object): Lang {
  return (answer as { lang?: Lang }).lang ?? 'en';
}
