import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseMultipart } from './multipart.js';

/** One Web API call as Slack would have received it. */
export interface SlackCall {
  at: number;
  /** The place of the call among all events (calls and acknowledgements) the stand-in saw. */
  seq: number;
  /** Slack's refusal, when the call was refused. */
  error?: string;
  /** chat.postMessage: the ts of the message posted. */
  ts?: string;
  method: string;
  args: Record<string, any>;
  token?: string;
}

/** The scopes a bot needs for each Web API method the stand-in serves. */
const NEEDED_SCOPE: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

/** A channel of the stand-in's workspace: private channels the bot is not in are invisible to it. */
export interface StandInChannel {
  private: boolean;
  member: boolean;
}

/**
 * Web API rate limits the strict stand-in enforces, per method per workspace per app
 * (https://docs.slack.dev/apis/web-api/rate-limits): chat.update is Tier 3, 50 a minute.
 */
export const SLACK_RATE_LIMITS: Record<string, { limit: number; windowMs: number }> = {
  'chat.update': { limit: 50, windowMs: 60_000 },
};

/** Slack's response_url: 5 uses within 30 minutes of the command. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_MS = 30 * 60_000;

/**
 * A local Slack for the real Bolt: the Web API methods Stevedore calls, file uploads, response_url, and the Socket
 * Mode WebSocket. Records every call and refuses what Slack refuses, with Slack's error codes: Block Kit limits
 * (`invalid_blocks`), text too long (`msg_too_long`), a channel the bot is not in (`not_in_channel`, or
 * `channel_not_found` for a private one), a scope the token lacks (`missing_scope`), `chat.update` of an unknown
 * message (`message_not_found`), a response_url used more than 5 times or after 30 minutes, or given a file. Time
 * is the stand-in's own clock, moved only by `advance(ms)`, so a deadline is a matter of the order of events.
 */
export class SlackStandIn {
  readonly calls: SlackCall[] = [];
  /** The scopes of the bot token (auth.test's x-oauth-scopes). */
  scopes = ['commands', 'chat:write', 'chat:write.public', 'files:write'];
  /** The workspace's channels; the bot is a member of C1. */
  readonly channels = new Map<string, StandInChannel>([['C1', { private: false, member: true }]]);
  /** Messages posted, by channel: what chat.update may edit. */
  private readonly messages = new Map<string, Set<string>>();
  /** response_urls handed out with commands: uses so far and when (on the stand-in's clock) each was issued. */
  private readonly responseUrls = new Map<string, { uses: number; issued: number }>();
  /** The stand-in's clock in ms, moved only by advance(). */
  private clock = 0;
  /** Order of events: acknowledgements of commands and Web API calls share this counter. */
  private seq = 0;
  /** Commands acknowledged by the app, in order with the calls (`seq`). */
  readonly ackLog: { trigger: string; seq: number }[] = [];
  readonly uploads = new Map<string, Buffer>();
  private http!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private acks = new Map<string, (payload: unknown) => void>();
  private faults: { method: string; status: number; retryAfter: number; times: number }[] = [];
  private ts = 1_700_000_000;
  port = 0;
  /** Accepted calls of each rate-limited method by token, when (wall clock) they came: strict mode only. */
  private readonly window = new Map<string, number[]>();

  /** `rateLimits`: enforce SLACK_RATE_LIMITS with Slack's own answer (429 ratelimited, Retry-After). */
  constructor(private readonly options: { rateLimits?: boolean } = {}) {}

  /** Calls Slack answered 429 (a fault asked for, or a limit passed). */
  rateLimited(): SlackCall[] {
    return this.calls.filter((c) => c.method.endsWith(' (ratelimited)'));
  }

  async start(): Promise<void> {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.http, path: '/socket' });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (raw) => {
        const message = JSON.parse(raw.toString()) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) {
          this.ackLog.push({ trigger: `trig-${message.envelope_id}`, seq: ++this.seq });
          this.acks.get(message.envelope_id)?.(message.payload ?? null);
        }
      });
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'stand-in' }, connection_info: { app_id: 'A1' } }),
      );
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
  }

  /** The next `times` calls of `method` answer 429 ratelimited with Retry-After seconds. */
  rateLimit(method: string, retryAfter: number, times = 1): void {
    this.faults.push({ method, status: 429, retryAfter, times });
  }

  /** Calls of `method` that Slack accepted. */
  find(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method && !c.error);
  }

  /** Calls of `method` that Slack refused, with its error code. */
  refused(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method && c.error);
  }

  /** Deletes a posted message, as a user of the channel may: chat.update of it is then message_not_found. */
  deleteMessage(channel: string, ts: string): void {
    this.messages.get(channel)?.delete(ts);
  }

  /** Moves the stand-in's clock (response_url lifetimes): time passes by order of events, not on the wall clock. */
  advance(ms: number): void {
    this.clock += ms;
  }

  /** A new response_url, as Slack sends with each command and button press. */
  responseUrl(): string {
    const id = `R${this.responseUrls.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
    this.responseUrls.set(id, { uses: 0, issued: this.clock });
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** True once a Socket Mode client is connected. */
  get socketConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** Sends a `slash_commands` envelope over Socket Mode, its text encoded as Slack encodes it; resolves with the ack. */
  socketSlashCommand(
    fields: Record<string, string>,
    envelopeId = `env-${Math.random().toString(36).slice(2)}`,
    retryAttempt = 0,
    options: { shouldEscape?: boolean } = {},
  ): Promise<unknown> {
    const payload = {
      token: 'legacy',
      team_id: 'T1',
      team_domain: 'team',
      channel_id: 'C1',
      channel_name: 'ops',
      user_id: 'U1',
      user_name: 'alice',
      command: '/docker',
      api_app_id: 'A1',
      response_url: this.responseUrl(),
      trigger_id: `trig-${envelopeId}`,
      ...fields,
      text: encodeSlashText(fields.text ?? '', options.shouldEscape ?? false),
    };
    const acked = new Promise<unknown>((resolve) =>
      this.acks.set(envelopeId, (p) => {
        this.ackLog[this.ackLog.length - 1]!.trigger = payload.trigger_id;
        resolve(p);
      }),
    );
    for (const s of this.sockets)
      s.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: 'slash_commands',
          payload,
          accepts_response_payload: true,
          retry_attempt: retryAttempt,
          retry_reason: retryAttempt ? 'timeout' : '',
        }),
      );
    return acked;
  }

  /**
   * Posts a slash command to a Bolt HTTP endpoint as Slack does: signed, its text encoded, with a response_url of
   * this stand-in. The acknowledgement is logged in order with the Web API calls.
   */
  async slashCommand(
    port: number,
    secret: string,
    fields: Record<string, string>,
    options: { timestamp?: number; badSignature?: boolean; retryNum?: number; shouldEscape?: boolean } = {},
  ): Promise<{ status: number; body: string; responseUrl: string }> {
    const responseUrl = fields.response_url ?? this.responseUrl();
    const trigger = fields.trigger_id ?? `trig-${Math.random().toString(36).slice(2)}`;
    const answer = await postSlashCommand(port, secret, { ...fields, trigger_id: trigger, response_url: responseUrl }, options);
    if (answer.status === 200) this.ackLog.push({ trigger, seq: ++this.seq });
    return { status: answer.status, body: answer.body, responseUrl };
  }

  /** Tells connected Socket Mode clients to reconnect. */
  disconnectSockets(): void {
    for (const s of this.sockets)
      s.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'stand-in' } }));
  }

  private record(method: string, args: Record<string, any>, token?: string, error?: string): SlackCall {
    const call: SlackCall = { at: Date.now(), seq: ++this.seq, method, args, token, ...(error ? { error } : {}) };
    this.calls.push(call);
    return call;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = req.url ?? '';
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.startsWith('/upload/')) {
      const type = req.headers['content-type'] ?? '';
      const file = type.startsWith('multipart/') ? (Object.values(parseMultipart(type, raw).files)[0] ?? raw) : raw;
      this.uploads.set(url.slice('/upload/'.length), file);
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(`OK - ${raw.length}`);
    }
    if (url.startsWith('/response/')) return this.respond(url.slice('/response/'.length), req.headers['content-type'] ?? '', raw, res);
    const method = url.replace(/^\/api\//, '').split('?')[0]!;
    const args = parseArgs(req.headers['content-type'] ?? '', raw);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || args.token;
    const fault = this.faults.find((f) => f.method === method && f.times > 0);
    if (fault) {
      fault.times -= 1;
      this.record(`${method} (ratelimited)`, args, token);
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
    }
    const wait = this.overLimit(method, token);
    if (wait !== undefined) {
      this.record(`${method} (ratelimited)`, args, token);
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.ceil(wait / 1000)) });
    }
    const refuse = (error: string, extra: Record<string, unknown> = {}) => {
      this.record(method, args, token, error);
      json(200, { ok: false, error, ...extra });
    };
    const needed = NEEDED_SCOPE[method];
    if (needed && !this.scopes.includes(needed)) return refuse('missing_scope', { needed, provided: this.scopes.join(',') });
    const refusal = this.check(method, args);
    if (refusal) return refuse(refusal.error, refusal.extra);
    const call = this.record(method, args, token);
    const next = () => `${(this.ts += 1)}.000100`;
    switch (method) {
      case 'auth.test':
        return json(
          200,
          { ok: true, url: 'https://team.slack.test/', team: 'team', user: 'stevedore', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' },
          { 'x-oauth-scopes': this.scopes.join(',') },
        );
      case 'apps.connections.open':
        return json(200, { ok: true, url: `ws://127.0.0.1:${this.port}/socket` });
      case 'chat.postMessage': {
        const ts = next();
        if (!this.messages.has(args.channel)) this.messages.set(args.channel, new Set());
        this.messages.get(args.channel)!.add(ts);
        call.ts = ts;
        return json(200, { ok: true, channel: args.channel, ts, message: { ts, text: args.text, blocks: args.blocks } });
      }
      case 'chat.update':
        return json(200, { ok: true, channel: args.channel, ts: args.ts, text: args.text });
      case 'chat.postEphemeral':
        return json(200, { ok: true, message_ts: next() });
      case 'files.getUploadURLExternal': {
        const id = `F${this.calls.length}`;
        return json(200, { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal':
        return json(200, {
          ok: true,
          files: (args.files ?? []).map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title })),
        });
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }

  /** In strict mode, a call past its method's limit: how long until the window has room (else undefined, counted). */
  private overLimit(method: string, token: string | undefined): number | undefined {
    const rule = SLACK_RATE_LIMITS[method];
    if (!this.options.rateLimits || !rule) return undefined;
    const key = `${method} ${token}`;
    const now = Date.now();
    const calls = (this.window.get(key) ?? []).filter((at) => at > now - rule.windowMs);
    this.window.set(key, calls);
    if (calls.length >= rule.limit) return calls[calls.length - rule.limit]! + rule.windowMs - now;
    calls.push(now);
    return undefined;
  }

  /** Slack's refusal of a Web API call, if it would refuse it: membership, unknown messages, Block Kit, length. */
  private check(method: string, args: Record<string, any>): { error: string; extra?: Record<string, unknown> } | undefined {
    const channelId: string | undefined = method === 'files.completeUploadExternal' ? args.channel_id : args.channel;
    if (method.startsWith('chat.') || (method === 'files.completeUploadExternal' && channelId)) {
      const channel = this.channels.get(String(channelId));
      // A private channel the bot is not in does not exist as far as the bot can tell.
      if (!channel || (channel.private && !channel.member)) return { error: 'channel_not_found' };
      // chat:write.public lets the bot post (and edit what it posted) in a public channel it is not in; not upload.
      const publicPost =
        (method === 'chat.postMessage' || method === 'chat.update') && !channel.private && this.scopes.includes('chat:write.public');
      if (!channel.member && !publicPost) return { error: 'not_in_channel' };
    }
    if (method === 'chat.update' && !this.messages.get(args.channel)?.has(String(args.ts))) return { error: 'message_not_found' };
    if (method.startsWith('chat.')) return checkMessage(args);
    return undefined;
  }

  /** A POST to a response_url: 5 uses within 30 minutes, JSON only (no files), the same message checks. */
  private respond(id: string, contentType: string, raw: Buffer, res: ServerResponse): void {
    const text = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    };
    const entry = this.responseUrls.get(id);
    const args = contentType.includes('application/json') ? (safeJson(raw.toString()) as Record<string, any>) : {};
    const refuse = (status: number, error: string) => {
      this.record('response_url', { ...args, url: id }, undefined, error);
      text(status, error);
    };
    if (!entry) return refuse(404, 'no_service');
    if (this.clock - entry.issued >= RESPONSE_URL_MS) return refuse(404, 'expired_url');
    if (entry.uses >= RESPONSE_URL_USES) return refuse(404, 'used_url');
    // A response_url takes a message as JSON; it carries no files.
    if (!contentType.includes('application/json') || typeof args !== 'object' || args === null) return refuse(400, 'invalid_payload');
    if ('file' in args || 'files' in args || 'file_ids' in args) return refuse(400, 'invalid_payload');
    const refusal = checkMessage(args);
    if (refusal) return refuse(400, refusal.error);
    entry.uses += 1;
    this.record('response_url', { ...args, url: id });
    text(200, 'ok');
  }
}

/** Slack's longest message text; a longer one is refused with msg_too_long. */
const MAX_TEXT = 40_000;

/** A message's text and blocks as Slack checks them. */
function checkMessage(args: Record<string, any>): { error: string; extra?: Record<string, unknown> } | undefined {
  if (typeof args.text === 'string' && args.text.length > MAX_TEXT) return { error: 'msg_too_long' };
  if (args.blocks === undefined) return args.text ? undefined : { error: 'no_text' };
  const blocks = typeof args.blocks === 'string' ? safeJson(args.blocks) : args.blocks;
  const errors = blockKitErrors(blocks);
  return errors.length ? { error: 'invalid_blocks', extra: { errors, response_metadata: { messages: errors } } } : undefined;
}

/**
 * Block Kit's limits (https://api.slack.com/reference/block-kit/blocks), as Slack reports breaking them: 50 blocks;
 * header: plain_text of at most 150; section: text of 1–3000, at most 10 fields of 2000; context: at most 10
 * elements; actions: at most 25 elements; buttons: plain_text of at most 75, value of at most 2000, action_id of
 * at most 255 and unique within the message; block_id of at most 255 and unique.
 */
export function blockKitErrors(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return ['must provide an array [json-pointer:/blocks]'];
  const errors: string[] = [];
  const at = (path: string) => ` [json-pointer:/blocks${path}]`;
  if (blocks.length > 50) errors.push(`no more than 50 items allowed${at('')}`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const text = (value: any, path: string, max: number, plainOnly = false) => {
    if (!value || typeof value.text !== 'string') return errors.push(`must provide an object${at(path)}`);
    if (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn'))
      return errors.push(`must be a valid enum value${at(`${path}/type`)}`);
    if (value.text.length === 0) errors.push(`must be more than 0 characters${at(`${path}/text`)}`);
    if (value.text.length > max) errors.push(`must be less than ${max + 1} characters${at(`${path}/text`)}`);
  };
  blocks.forEach((block: any, i: number) => {
    const path = `/${i}`;
    if (block.block_id !== undefined) {
      if (String(block.block_id).length > 255) errors.push(`must be less than 256 characters${at(`${path}/block_id`)}`);
      if (blockIds.has(block.block_id)) errors.push(`duplicate block_id${at(`${path}/block_id`)}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        text(block.text, `${path}/text`, 150, true);
        break;
      case 'section':
        if (block.text === undefined && block.fields === undefined) errors.push(`must provide text or fields${at(path)}`);
        if (block.text !== undefined) text(block.text, `${path}/text`, 3000);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length > 10) errors.push(`no more than 10 items allowed${at(`${path}/fields`)}`);
          else block.fields.forEach((f: any, j: number) => text(f, `${path}/fields/${j}`, 2000));
        }
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10)
          errors.push(`must have between 1 and 10 items${at(`${path}/elements`)}`);
        else block.elements.forEach((e: any, j: number) => text(e, `${path}/elements/${j}`, 3000));
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25)
          errors.push(`must have between 1 and 25 items${at(`${path}/elements`)}`);
        else
          block.elements.forEach((e: any, j: number) => {
            const p = `${path}/elements/${j}`;
            if (e.type !== 'button') return errors.push(`must be a valid enum value${at(`${p}/type`)}`);
            text(e.text, `${p}/text`, 75, true);
            if (e.value !== undefined && String(e.value).length > 2000) errors.push(`must be less than 2001 characters${at(`${p}/value`)}`);
            const id = String(e.action_id ?? '');
            if (id.length > 255) errors.push(`must be less than 256 characters${at(`${p}/action_id`)}`);
            if (id && actionIds.has(id)) errors.push(`duplicate action_id${at(`${p}/action_id`)}`);
            if (id) actionIds.add(id);
          });
        break;
      case 'divider':
      case 'image':
        break;
      default:
        errors.push(`must be a valid enum value${at(`${path}/type`)}`);
    }
  });
  return errors;
}

/**
 * Slash command text as Slack sends it: `&`, `<` and `>` always as entities; with the command's `should_escape`
 * on, `@name` as `<@U…|name>`, `#channel` as `<#C…|channel>`, links as `<url|url>`.
 */
export function encodeSlashText(text: string, shouldEscape: boolean): string {
  const encoded = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (!shouldEscape) return encoded;
  return encoded
    .replace(
      /(^|\s)@([a-z0-9._-]+)/g,
      (_, pre: string, name: string) => `${pre}<@U${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}|${name}>`,
    )
    .replace(
      /(^|\s)#([a-z0-9._-]+)/g,
      (_, pre: string, name: string) => `${pre}<#C${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}|${name}>`,
    )
    .replace(/(^|\s)(https?:\/\/[^\s]+)/g, (_, pre: string, url: string) => `${pre}<${url}|${url}>`);
}

function parseArgs(contentType: string, raw: Buffer): Record<string, any> {
  const text = raw.toString();
  if (!text) return {};
  if (contentType.includes('application/json')) return JSON.parse(text);
  const args: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    args[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return args;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** A POST to a Bolt HTTP endpoint, signed as Slack signs it: v0= + HMAC-SHA256(secret, v0:ts:body). */
function signedPost(
  port: number,
  secret: string | undefined,
  body: string,
  headers: Record<string, string> = {},
  timestamp?: number,
): Promise<{ status: number; body: string; ms: number }> {
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const signing: Record<string, string> =
    secret === undefined
      ? {}
      : {
          'x-slack-request-timestamp': ts,
          'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
        };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          ...signing,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: Date.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Posts a slash command to a Bolt HTTP endpoint, signed as Slack signs it (or with the wrong secret, when told), its
 * text encoded as Slack encodes it.
 */
export function postSlashCommand(
  port: number,
  secret: string,
  fields: Record<string, string>,
  options: { timestamp?: number; badSignature?: boolean; retryNum?: number; shouldEscape?: boolean } = {},
): Promise<{ status: number; body: string; ms: number }> {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'team',
    channel_id: 'C1',
    channel_name: 'ops',
    user_id: 'U1',
    user_name: 'alice',
    command: '/docker',
    api_app_id: 'A1',
    response_url: `http://127.0.0.1:${port}/none`,
    ...fields,
    text: encodeSlashText(fields.text ?? '', options.shouldEscape ?? false),
  }).toString();
  const retry: Record<string, string> = options.retryNum
    ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
    : {};
  return signedPost(port, options.badSignature ? 'wrong-secret' : secret, body, retry, options.timestamp);
}

/** Slack's check that the request URL serves TLS: `ssl_check=1`, unsigned. */
export function postSslCheck(port: number): Promise<{ status: number; body: string }> {
  return signedPost(port, undefined, new URLSearchParams({ ssl_check: '1', token: 'legacy' }).toString());
}

/** Posts a block_actions payload (a button press) to the Bolt HTTP endpoint, signed. */
export function postButtonPress(
  port: number,
  secret: string,
  options: { user: string; channel: string; value: string; actionId: string; responseUrl?: string },
): Promise<{ status: number; body: string; ms: number }> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'team' },
    user: { id: options.user, username: `u-${options.user}`, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    container: { type: 'message', message_ts: '1.0', channel_id: options.channel, is_ephemeral: false },
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    channel: { id: options.channel, name: 'ops' },
    message: { ts: '1.0', text: '' },
    response_url: options.responseUrl ?? `http://127.0.0.1:${port}/none`,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        value: options.value,
        action_ts: String(Date.now() / 1000),
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
  return signedPost(port, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}
