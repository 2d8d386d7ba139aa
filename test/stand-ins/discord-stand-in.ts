import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseMultipart } from './multipart.js';

/** One request as Discord would have received it. */
export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  auth?: string;
  /** JSON body, or the payload_json part of a multipart body. */
  body: any;
  /** Files of a multipart body: name → content. */
  files: Record<string, Buffer>;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  retryAfter?: number;
  times: number;
}

/**
 * A local Discord: the REST routes Stevedore uses and the gateway, speaking Discord's real protocol to the real
 * discord.js client. Records every request; can answer 429 (with retry_after) or 500 on chosen routes.
 */
export class DiscordStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly applicationId = '100000000000000001';
  readonly botUserId = '100000000000000002';
  private http!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private seq = 0;
  private faults: Fault[] = [];
  private nextId = 1_000_000_000_000_000_000n;
  port = 0;

  async start(): Promise<void> {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (socket) => this.connect(socket));
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
  }

  /** The next `times` requests matching method and path get this status (429 with retry_after in seconds). */
  fail(method: string, path: RegExp, status: number, options: { retryAfter?: number; times?: number } = {}): void {
    this.faults.push({ method, path, status, retryAfter: options.retryAfter, times: options.times ?? 1 });
  }

  /** Requests so far matching method and path. */
  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  snowflake(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** Files users attached, served at the URL Discord would give (their CDN), here on loopback. */
  private readonly files = new Map<string, Buffer>();

  /** Sends an INTERACTION_CREATE for a /docker subcommand (type 2), as the gateway would; `file` is attached. */
  slashCommand(options: {
    user: string;
    channel: string;
    guild?: string;
    sub: string;
    options?: { name: string; type: number; value: unknown }[];
    locale?: string;
    roles?: string[];
    file?: { name: string; data: Buffer };
  }): { id: string; token: string } {
    const subOptions = [...(options.options ?? [])];
    let resolved: unknown;
    if (options.file) {
      const id = this.snowflake();
      this.files.set(id, options.file.data);
      subOptions.push({ name: 'file', type: 11, value: id });
      resolved = {
        attachments: {
          [id]: {
            id,
            filename: options.file.name,
            size: options.file.data.length,
            url: `http://127.0.0.1:${this.port}/attachments/${id}/${options.file.name}`,
            proxy_url: `http://127.0.0.1:${this.port}/attachments/${id}/${options.file.name}`,
            content_type: 'application/octet-stream',
          },
        },
      };
    }
    return this.interaction(2, options, {
      id: this.snowflake(),
      name: 'docker',
      type: 1,
      options: [{ name: options.sub, type: 1, options: subOptions }],
      ...(resolved ? { resolved } : {}),
    });
  }

  /** A button press (type 3) on a message the bot sent. */
  buttonPress(options: { user: string; channel: string; guild?: string; customId: string; messageId?: string }): {
    id: string;
    token: string;
  } {
    return this.interaction(
      3,
      options,
      { custom_id: options.customId, component_type: 2 },
      {
        id: options.messageId ?? this.snowflake(),
        channel_id: options.channel,
        content: '',
        embeds: [],
        components: [],
        author: { id: this.botUserId, username: 'stevedore', discriminator: '0' },
        timestamp: new Date().toISOString(),
        type: 0,
        attachments: [],
        mentions: [],
        mention_roles: [],
        pinned: false,
        mention_everyone: false,
        tts: false,
        edited_timestamp: null,
        flags: 0,
      },
    );
  }

  /** An autocomplete request (type 4) for a focused option. */
  autocomplete(options: { user: string; channel: string; guild?: string; sub: string; focused: string; value: string }): {
    id: string;
    token: string;
  } {
    return this.interaction(4, options, {
      id: this.snowflake(),
      name: 'docker',
      type: 1,
      options: [{ name: options.sub, type: 1, options: [{ name: options.focused, type: 3, value: options.value, focused: true }] }],
    });
  }

  private interaction(
    type: number,
    o: { user: string; channel: string; guild?: string; locale?: string; roles?: string[] },
    data: unknown,
    message?: unknown,
  ): { id: string; token: string } {
    const id = this.snowflake();
    const token = `itoken-${id}`;
    const guildId = o.guild ?? '200000000000000001';
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      guild_id: guildId,
      channel_id: o.channel,
      channel: { id: o.channel, type: 0, guild_id: guildId, name: 'ops' },
      member: {
        user: { id: o.user, username: `user${o.user.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
        roles: o.roles ?? [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        permissions: '2147483647',
      },
      app_permissions: '2147483647',
      locale: o.locale ?? 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: guildId },
      context: 0,
      data,
      ...(message ? { message } : {}),
    });
    return { id, token };
  }

  private dispatch(t: string, d: unknown): void {
    this.seq += 1;
    for (const s of this.sockets) s.send(JSON.stringify({ op: 0, t, s: this.seq, d }));
  }

  private connect(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (message.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (message.op === 2) {
        this.seq += 1;
        socket.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: this.seq,
            d: {
              v: 10,
              user: { id: this.botUserId, username: 'stevedore', discriminator: '0', bot: true, avatar: null, global_name: null },
              application: { id: this.applicationId, flags: 0 },
              guilds: [],
              session_id: 'session-1',
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            },
          }),
        );
      }
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const { body, files } = parseBody(req.headers['content-type'] ?? '', raw);
    const recorded: RecordedRequest = { at: Date.now(), method: req.method!, path, auth: req.headers.authorization, body, files };
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const fault = this.faults.find((f) => f.method === req.method && f.path.test(path) && f.times > 0);
    if (fault) {
      fault.times -= 1;
      this.requests.push({ ...recorded, body: { fault: fault.status } });
      if (fault.status === 429) {
        return send(
          429,
          { message: 'You are being rate limited.', retry_after: fault.retryAfter ?? 1, global: false },
          {
            'retry-after': String(Math.ceil(fault.retryAfter ?? 1)),
            'x-ratelimit-scope': 'user',
          },
        );
      }
      return send(fault.status, { message: 'Internal Server Error', code: 0 });
    }
    this.requests.push(recorded);
    let m: RegExpExecArray | null;
    if ((m = /^\/attachments\/(\d+)\//.exec(path)) && this.files.has(m[1]!)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(this.files.get(m[1]!));
    }
    if (path === '/api/v10/gateway/bot') {
      return send(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
    if ((m = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
      if (req.method === 'DELETE') return send(204);
      return send(200, this.message(body, m[3] === '@original' ? this.snowflake() : m[3]!));
    }
    if (/^\/api\/v10\/webhooks\/\d+\/[^/]+$/.test(path)) return send(200, this.message(body, this.snowflake()));
    if ((m = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path))) return send(200, this.message(body, this.snowflake(), m[1]));
    if (/^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && req.method === 'PUT') {
      return send(
        200,
        (body as { name: string }[]).map((c) => ({ ...c, id: this.snowflake(), application_id: this.applicationId, version: '1' })),
      );
    }
    return send(404, { message: 'Unknown route', code: 0 });
  }

  private message(body: any, id: string, channelId = '300000000000000001'): unknown {
    return {
      id,
      channel_id: channelId,
      type: 0,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      attachments: [],
      author: { id: this.botUserId, username: 'stevedore', discriminator: '0', bot: true, avatar: null, global_name: null },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: body?.flags ?? 0,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
    };
  }
}

function parseBody(contentType: string, raw: Buffer): { body: any; files: Record<string, Buffer> } {
  if (contentType.startsWith('multipart/form-data')) {
    const { fields, files } = parseMultipart(contentType, raw);
    return { body: fields.payload_json ? JSON.parse(fields.payload_json) : {}, files };
  }
  const text = raw.toString();
  return { body: text ? JSON.parse(text) : undefined, files: {} };
}
