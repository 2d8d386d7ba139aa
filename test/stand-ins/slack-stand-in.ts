import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseMultipart } from './multipart.js';

/** One Web API call as Slack would have received it. */
export interface SlackCall {
  at: number;
  method: string;
  args: Record<string, any>;
  token?: string;
}

/**
 * A local Slack for the real Bolt: the Web API methods Stevedore calls, file uploads, and the Socket Mode
 * WebSocket. Records every call and can answer `ratelimited` (429 with Retry-After).
 */
export class SlackStandIn {
  readonly calls: SlackCall[] = [];
  readonly uploads = new Map<string, Buffer>();
  private http!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private acks = new Map<string, (payload: unknown) => void>();
  private faults: { method: string; status: number; retryAfter: number; times: number }[] = [];
  private ts = 1_700_000_000;
  port = 0;

  async start(): Promise<void> {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.http, path: '/socket' });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (raw) => {
        const message = JSON.parse(raw.toString()) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? null);
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

  find(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** True once a Socket Mode client is connected. */
  get socketConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** Sends a `slash_commands` envelope over Socket Mode; resolves with the app's ack payload. */
  socketSlashCommand(
    fields: Record<string, string>,
    envelopeId = `env-${Math.random().toString(36).slice(2)}`,
    retryAttempt = 0,
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
      response_url: `http://127.0.0.1:${this.port}/response/${envelopeId}`,
      trigger_id: `trig-${envelopeId}`,
      ...fields,
    };
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
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

  /** Tells connected Socket Mode clients to reconnect. */
  disconnectSockets(): void {
    for (const s of this.sockets)
      s.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'stand-in' } }));
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
    if (url.startsWith('/response/')) {
      this.calls.push({ at: Date.now(), method: 'response_url', args: JSON.parse(raw.toString() || '{}') });
      return json(200, { ok: true });
    }
    const method = url.replace(/^\/api\//, '').split('?')[0]!;
    const args = parseArgs(req.headers['content-type'] ?? '', raw);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || args.token;
    const fault = this.faults.find((f) => f.method === method && f.times > 0);
    if (fault) {
      fault.times -= 1;
      this.calls.push({ at: Date.now(), method: `${method} (ratelimited)`, args, token });
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
    }
    this.calls.push({ at: Date.now(), method, args, token });
    const next = () => `${(this.ts += 1)}.000100`;
    switch (method) {
      case 'auth.test':
        return json(200, {
          ok: true,
          url: 'https://team.slack.test/',
          team: 'team',
          user: 'stevedore',
          team_id: 'T1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        });
      case 'apps.connections.open':
        return json(200, { ok: true, url: `ws://127.0.0.1:${this.port}/socket` });
      case 'chat.postMessage': {
        const ts = next();
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
  secret: string,
  body: string,
  headers: Record<string, string> = {},
  timestamp?: number,
): Promise<{ status: number; body: string; ms: number }> {
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
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
          'x-slack-request-timestamp': ts,
          'x-slack-signature': signature,
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

/** Posts a slash command to a Bolt HTTP endpoint, signed as Slack signs it (or with the wrong secret, when told). */
export function postSlashCommand(
  port: number,
  secret: string,
  fields: Record<string, string>,
  options: { timestamp?: number; badSignature?: boolean; retryNum?: number } = {},
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
  }).toString();
  const retry: Record<string, string> = options.retryNum
    ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
    : {};
  return signedPost(port, options.badSignature ? 'wrong-secret' : secret, body, retry, options.timestamp);
}

/** Posts a block_actions payload (a button press) to the Bolt HTTP endpoint, signed. */
export function postButtonPress(
  port: number,
  secret: string,
  options: { user: string; channel: string; value: string; actionId: string },
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
    response_url: `http://127.0.0.1:${port}/none`,
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
