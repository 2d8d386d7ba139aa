import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import { RetryLater } from '../../errors.js';
import type { Delivery } from '../../core/job.js';
import type { ChatRequest } from '../../core/request.js';
import type { ChatEntry } from '../../pipeline/chat-entry.js';
import type { AdapterHealth, ChatAdapter } from '../../core/chat-adapter.js';
import { ACTION_PREFIX, renderProgress, renderQueued, renderReply, type SlackMessage } from './render.js';

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

/** How long the channel message of a job is remembered for updates. */
const MESSAGE_MS = 24 * 3_600_000;

/**
 * Slack as a chat platform, on Bolt: transport and rendering only. `/docker` is acknowledged at once with an
 * ephemeral "queued #id"; one channel message per job is then posted and updated in place by deliveries.
 */
export class SlackAdapter implements ChatAdapter {
  readonly route = 'slack';
  readonly app: App;
  private readonly receiver: Receiver;
  private server?: Server;

  constructor(private readonly o: SlackOptions) {
    if (!o.appToken && !o.signingSecret) throw new Error('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
    const clientOptions = { slackApiUrl: o.apiUrl, retryConfig: { retries: 2, factor: 2, minTimeout: 200 }, rejectRateLimitedCalls: true };
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
        text: command.text,
        replyTo: { route: this.route, channelId: command.channel_id, userId: command.user_id },
        dedupKey: command.trigger_id,
        seenKey: `slack:${command.trigger_id}`,
      };
      const answer = await o.entry.handle(request);
      if (answer.kind === 'reply' && answer.replayed) return ack(); // a retry or a replay: answered the first time
      if (answer.kind === 'queued') return ack({ response_type: 'ephemeral', text: renderQueued(answer.queued, answer.lang).text });
      const m = renderReply(answer.reply);
      await ack({ response_type: answer.reply.ephemeral ? 'ephemeral' : 'in_channel', text: m.text, blocks: m.blocks } as never);
      if (!answer.reply.ephemeral) await this.uploadFiles(request.channelId, m);
    });
    this.app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client }) => {
      await ack();
      const b = body as { user: { id: string; username?: string }; channel?: { id: string }; trigger_id: string };
      const value = (action as { value?: string }).value;
      if (!value || !b.channel) return;
      const request: ChatRequest = {
        platform: 'slack',
        userId: b.user.id,
        userName: b.user.username,
        channelId: b.channel.id,
        text: value,
        replyTo: { route: this.route, channelId: b.channel.id, userId: b.user.id },
        dedupKey: b.trigger_id,
        seenKey: `slack:${b.trigger_id}`,
      };
      const answer = await o.entry.handle(request);
      if (answer.kind === 'reply' && answer.replayed) return;
      if (answer.kind === 'reply') {
        const m = renderReply(answer.reply);
        if (answer.reply.ephemeral)
          await client.chat.postEphemeral({ channel: request.channelId, user: request.userId, text: m.text, blocks: m.blocks as never });
        else await this.post(request.channelId, m);
        return;
      }
      await client.chat.postEphemeral({
        channel: request.channelId,
        user: request.userId,
        text: renderQueued(answer.queued, answer.lang).text,
      });
    });
    this.app.error(async (error) => o.entry.log.error({ err: error }, 'slack app error'));
  }

  /** HTTP mode: where Slack's requests are received, once started. */
  address?: AddressInfo;

  /** Starts Socket Mode, or an HTTP server that refuses requests from too far in the past or the future. */
  async start(): Promise<void> {
    if (this.o.appToken) {
      await this.app.start();
      return;
    }
    const listener = (this.receiver as HTTPReceiver).requestListener;
    this.server = createServer((req, res) => {
      // Bolt refuses old timestamps only; a request stamped in the future is refused here, before Bolt sees it.
      const ts = Number(req.headers['x-slack-request-timestamp']);
      if (req.method === 'POST' && (!Number.isFinite(ts) || Math.abs(Date.now() - ts * 1000) > this.o.maxSkewMs)) {
        res.writeHead(401).end();
        req.resume();
        return;
      }
      listener(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.o.port, this.o.host, resolve));
    this.address = this.server.address() as AddressInfo;
  }

  /** Socket Mode: the WebSocket is open; HTTP mode: the server listens. */
  async healthy(): Promise<AdapterHealth> {
    if (this.o.appToken) return { ok: Boolean((this.receiver as unknown as { client?: { connected?: boolean } }).client?.connected) };
    return { ok: Boolean(this.server?.listening) };
  }

  async stop(): Promise<void> {
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
      const e = error as { code?: string; retryAfter?: number };
      if (e.code === webApi.ErrorCode.RateLimitedError) throw new RetryLater((e.retryAfter ?? 1) * 1000);
      throw error;
    }
  };

  private async send(delivery: Delivery): Promise<void> {
    const channel = delivery.replyTo.channelId;
    if (delivery.kind === 'notice') return void (await this.post(channel, renderReply(delivery.reply)));
    const key = `slack:message:${delivery.jobId}`;
    const ts = await this.o.entry.store.get(key);
    if (delivery.kind === 'progress') {
      const m = renderProgress(delivery.jobId, delivery.progress);
      if (ts) await this.app.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks as never });
      else await this.o.entry.store.put(key, await this.post(channel, m), MESSAGE_MS);
      return;
    }
    const m = renderReply(delivery.reply);
    if (delivery.reply.ephemeral) {
      await this.app.client.chat.postEphemeral({ channel, user: String(delivery.replyTo.userId), text: m.text, blocks: m.blocks as never });
      if (ts) await this.app.client.chat.update({ channel, ts, text: `#${delivery.jobId}: answered privately`, blocks: [] });
      return;
    }
    if (ts) await this.app.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks as never });
    else await this.post(channel, m);
    await this.uploadFiles(channel, m, ts);
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

  /** The whole output and pictures, through files.getUploadURLExternal → upload → files.completeUploadExternal. */
  private async uploadFiles(channel: string, m: SlackMessage, threadTs?: string): Promise<void> {
    const files = [
      ...(m.fullOutput !== undefined ? [{ name: 'output.txt', data: Buffer.from(m.fullOutput), title: 'The whole output' }] : []),
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
