import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkMessage, checkRegistration, type FormErrors } from './discord-rules.js';
import { parseMultipart } from './multipart.js';

const DISCORD_EPOCH_MS = 1_420_070_400_000;

/** One request as Discord would have received it. */
export interface RecordedRequest {
  at: number;
  /** Order among everything the stand-in saw (requests, deferrals, attachment downloads). */
  seq: number;
  method: string;
  path: string;
  auth?: string;
  /** JSON body, or the payload_json part of a multipart body. */
  body: any;
  /** Files of a multipart body: name → content. */
  files: Record<string, Buffer>;
  /** Multipart part names of the files (`files[0]`…), in order. */
  fileParts: string[];
  /** What the stand-in answered. */
  status?: number;
  code?: number;
}

/** One interaction as Discord tracks it: answered or not, past its 3 s, its token past its 15 minutes. */
interface InteractionState {
  id: string;
  token: string;
  channel: string;
  user: string;
  responded: boolean;
  /** "The 3 s have passed" without a first response: the interaction is gone (10062). */
  lapsed: boolean;
  /** The 15 minutes are over: the token no longer works (50027). */
  expired: boolean;
}

/** Discord's permission bits the stand-in enforces. */
export const PERMISSION = {
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  ADMINISTRATOR: 1n << 3n,
  CREATE_PUBLIC_THREADS: 1n << 35n,
  SEND_MESSAGES_IN_THREADS: 1n << 38n,
} as const;
/** What Stevedore needs, and what a correctly invited bot has. */
export const NEEDED = PERMISSION.VIEW_CHANNEL | PERMISSION.SEND_MESSAGES | PERMISSION.EMBED_LINKS | PERMISSION.ATTACH_FILES;

export interface StandInGuild {
  id: string;
  name: string;
  /** The bot role's permissions in this guild. */
  botPermissions: bigint;
  /** Channels and what is denied to the bot in each (a channel permission overwrite). */
  channels: { id: string; name: string; deny?: bigint }[];
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  retryAfter?: number;
  times: number;
}

/**
 * The per-route limits the strict stand-in announces in its X-RateLimit headers and enforces with Discord's 429.
 * Discord publishes no fixed numbers (https://discord.com/developers/docs/topics/rate-limits); these are the ones
 * its headers have shown for these routes: 5 requests per bucket (an interaction's webhook token, a channel's
 * messages) in 5 s, and the global 50 requests a second.
 */
export const DISCORD_RATE_LIMITS = { perBucket: 5, bucketWindowMs: 5000, global: 50, globalWindowMs: 1000 };

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
  private nextId = 0n;
  private order = 0;
  private readonly interactions = new Map<string, InteractionState>();
  /** Threads started on messages: thread id → its channel and the message it started on. */
  readonly threads = new Map<string, { parent: string; message: string; name: string }>();
  /** Users whose DMs are closed to the bot (50007). */
  readonly closedDms = new Set<string>();
  /** Guilds the bot is in, with its permissions there. */
  readonly guilds: StandInGuild[];
  /** Attachments wait for this many event-loop turns before they are served: a CDN is never instant. */
  attachmentLatencyTurns = 20;
  port = 0;

  /** Strict mode: each bucket's requests in its window (when it resets, and how many so far), and the global one's. */
  private readonly rateLimits?: { buckets: Map<string, { resetAt: number; count: number }>; global: number[] };

  /** `rateLimits`: announce DISCORD_RATE_LIMITS in X-RateLimit headers and answer 429 past them, as Discord does. */
  constructor(options: { guilds?: StandInGuild[]; rateLimits?: boolean } = {}) {
    if (options.rateLimits) this.rateLimits = { buckets: new Map(), global: [] };
    this.guilds = options.guilds ?? [
      { id: DEFAULT_GUILD, name: 'team', botPermissions: NEEDED, channels: [{ id: DEFAULT_CHANNEL, name: 'ops' }] },
    ];
  }

  /** Everything seen so far, in order: requests, and marks such as `attachment` or `deadline`. */
  readonly events: { seq: number; what: string }[] = [];
  private mark(what: string): number {
    this.order += 1;
    this.events.push({ seq: this.order, what });
    return this.order;
  }

  /** The test says the 3 s have passed for this interaction: unanswered, it is gone (10062 from now on). */
  deadlinePassed(interactionId: string): void {
    const state = this.interactions.get(interactionId);
    if (state && !state.responded) state.lapsed = true;
    this.mark(`deadline ${interactionId}`);
  }

  /** The test says 15 minutes have passed: the interaction's token no longer works (50027). */
  tokenExpired(interactionId: string): void {
    const state = this.interactions.get(interactionId);
    if (state) state.expired = true;
    this.mark(`expired ${interactionId}`);
  }

  /** Denies the bot permissions in one channel (as a channel permission overwrite would). */
  deny(channelId: string, bits: bigint): void {
    for (const g of this.guilds)
      for (const c of g.channels) {
        if (c.id !== channelId) continue;
        c.deny = (c.deny ?? 0n) | bits;
        this.dispatch('CHANNEL_UPDATE', this.channelPayload(g, c, g.channels.indexOf(c)));
      }
  }

  private channelPayload(g: StandInGuild, c: StandInGuild['channels'][number], position: number): unknown {
    return {
      id: c.id,
      type: 0,
      guild_id: g.id,
      name: c.name,
      position,
      permission_overwrites: c.deny ? [{ id: botRoleOf(g), type: 0, allow: '0', deny: String(c.deny) }] : [],
      nsfw: false,
      parent_id: null,
    };
  }

  /** The bot's permissions in a channel: its role's in the guild, less the channel's overwrite. */
  permissionsIn(channelId: string): bigint | undefined {
    const thread = this.threads.get(channelId);
    if (thread) return this.permissionsIn(thread.parent);
    for (const g of this.guilds) {
      const c = g.channels.find((x) => x.id === channelId);
      if (c) return g.botPermissions & PERMISSION.ADMINISTRATOR ? ~0n : g.botPermissions & ~(c.deny ?? 0n);
    }
    return undefined;
  }

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

  /**
   * The next `times` requests matching method and path get this status (429 with retry_after in seconds); status 0:
   * never answered (the request is recorded and left hanging, as if lost on its way).
   */
  fail(method: string, path: RegExp, status: number, options: { retryAfter?: number; times?: number } = {}): void {
    this.faults.push({ method, path, status, retryAfter: options.retryAfter, times: options.times ?? 1 });
  }

  /** Requests so far matching method and path. */
  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** An id as Discord makes them: the time since Discord's epoch in its top bits, so the time in an id is now. */
  snowflake(): string {
    const now = BigInt(Date.now() - DISCORD_EPOCH_MS) << 22n;
    this.nextId = now > this.nextId ? now : this.nextId + 1n;
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
    file?: { name: string; data: Buffer; declaredSize?: number };
    /** A subcommand group (`/docker image pull`): `sub` is then the subcommand inside it. */
    group?: string;
  }): { id: string; token: string } {
    const subOptions = [...(options.options ?? [])];
    let resolved: unknown;
    if (options.file) {
      const id = this.snowflake();
      this.files.set(id, options.file.data);
      // Discord writes spaces (and other characters it does not keep) in an uploaded file's name as underscores.
      const filename = options.file.name.replace(/[^\w.-]/g, '_');
      subOptions.push({ name: 'file', type: 11, value: id });
      resolved = {
        attachments: {
          [id]: {
            id,
            filename,
            size: options.file.declaredSize ?? options.file.data.length,
            url: `http://127.0.0.1:${this.port}/attachments/${id}/${filename}`,
            proxy_url: `http://127.0.0.1:${this.port}/attachments/${id}/${filename}`,
            content_type: 'application/octet-stream',
          },
        },
      };
    }
    return this.interaction(2, options, {
      id: this.snowflake(),
      name: 'docker',
      type: 1,
      options: options.group
        ? [{ name: options.group, type: 2, options: [{ name: options.sub, type: 1, options: subOptions }] }]
        : [{ name: options.sub, type: 1, options: subOptions }],
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
    const guildId = o.guild ?? this.guilds[0]?.id ?? DEFAULT_GUILD;
    this.interactions.set(id, { id, token, channel: o.channel, user: o.user, responded: false, lapsed: false, expired: false });
    this.mark(`interaction ${id}`);
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
      app_permissions: String(this.permissionsIn(o.channel) ?? NEEDED),
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
              guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
              session_id: 'session-1',
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            },
          }),
        );
        for (const g of this.guilds) this.dispatchTo(socket, 'GUILD_CREATE', this.guildPayload(g));
      }
    });
  }

  private dispatchTo(socket: WebSocket, t: string, d: unknown): void {
    this.seq += 1;
    socket.send(JSON.stringify({ op: 0, t, s: this.seq, d }));
  }

  /** A guild as GUILD_CREATE carries it: @everyone with nothing, the bot's role, the bot's member, the channels. */
  private guildPayload(g: StandInGuild): unknown {
    const botRole = botRoleOf(g);
    const role = (id: string, name: string, permissions: bigint, managed: boolean) => ({
      id,
      name,
      permissions: String(permissions),
      color: 0,
      hoist: false,
      position: managed ? 1 : 0,
      managed,
      mentionable: false,
      flags: 0,
      ...(managed ? { tags: { bot_id: this.botUserId } } : {}),
    });
    return {
      id: g.id,
      name: g.name,
      icon: null,
      owner_id: '400000000000000000',
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [role(g.id, '@everyone', 0n, false), role(botRole, 'Stevedore', g.botPermissions, true)],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      preferred_locale: 'en-US',
      premium_tier: 0,
      nsfw_level: 0,
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [
        {
          user: { id: this.botUserId, username: 'stevedore', discriminator: '0', bot: true, avatar: null, global_name: null },
          roles: [botRole],
          joined_at: new Date(0).toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      channels: g.channels.map((c, position) => this.channelPayload(g, c, position)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const { body, files, fileParts } = parseBody(req.headers['content-type'] ?? '', raw);
    const recorded: RecordedRequest = {
      at: Date.now(),
      seq: this.mark(`${req.method} ${path}`),
      method: req.method!,
      path,
      auth: req.headers.authorization,
      body,
      files,
      fileParts,
    };
    let limitHeaders: Record<string, string> = {};
    const send = (status: number, payload?: unknown, extra: Record<string, string> = {}) => {
      recorded.status = status;
      recorded.code = (payload as { code?: number } | undefined)?.code;
      const headers = { ...limitHeaders, ...extra };
      res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const refuse = (status: number, code: number, message: string, errors?: FormErrors) =>
      send(status, { message, code, ...(errors ? { errors } : {}) });
    const invalid = (errors: FormErrors | undefined) => (errors ? (refuse(400, 50035, 'Invalid Form Body', errors), true) : false);
    const fault = this.faults.find((f) => f.method === req.method && f.path.test(path) && f.times > 0);
    if (fault) {
      fault.times -= 1;
      this.requests.push({ ...recorded, body: { fault: fault.status } });
      if (fault.status === 0) return;
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
    const limit = this.rateLimit(req.method!, path);
    if (limit?.retryAfterMs !== undefined) {
      const retryAfter = limit.retryAfterMs / 1000;
      return send(
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: limit.global },
        {
          ...limit.headers,
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-scope': limit.global ? 'global' : 'user',
          ...(limit.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      );
    }
    limitHeaders = limit?.headers ?? {};
    let m: RegExpExecArray | null;
    if ((m = /^\/attachments\/(\d+)\//.exec(path)) && this.files.has(m[1]!)) {
      // A CDN takes a moment: the download is answered some event-loop turns later, never at once.
      for (let i = 0; i < this.attachmentLatencyTurns; i++) await new Promise((resolve) => setImmediate(resolve));
      this.mark(`attachment served ${m[1]}`);
      recorded.status = 200;
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
    if ((m = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const state = this.interactions.get(m[1]!);
      if (!state || state.token !== m[2] || state.lapsed || state.expired) return refuse(404, 10062, 'Unknown interaction');
      if (state.responded) return refuse(400, 40060, 'Interaction has already been acknowledged.');
      if ((body?.type === 4 || body?.type === 7) && invalid(checkMessage(body.data ?? {}, fileParts))) return;
      if (body?.type === 8 && invalid(checkChoices(body.data?.choices))) return;
      state.responded = true;
      return send(204);
    }
    if ((m = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path))) {
      const state = [...this.interactions.values()].find((x) => x.token === m![2]);
      if (m[1] !== this.applicationId || !state) return refuse(404, 10015, 'Unknown Webhook');
      if (state.expired || state.lapsed) return refuse(401, 50027, 'Invalid Webhook Token');
      // Never acknowledged: Discord knows no webhook for it (editing, following up or deleting all fail so).
      if (!state.responded) return refuse(404, 10015, 'Unknown Webhook');
      if (req.method === 'DELETE') return send(204);
      if (req.method !== 'GET' && invalid(checkMessage(body ?? {}, fileParts, req.method === 'POST'))) return;
      return send(200, this.message(body, m[4] === '@original' || !m[4] ? this.snowflake() : m[4]!, state.channel));
    }
    if (path === '/api/v10/users/@me/channels' && req.method === 'POST') {
      if (!this.botAuth(recorded)) return refuse(401, 0, '401: Unauthorized');
      const recipient = String(body?.recipient_id ?? '');
      return send(200, { id: `${DM_PREFIX}${recipient}`, type: 1, recipients: [{ id: recipient, username: 'user', discriminator: '0' }] });
    }
    if ((m = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && req.method === 'POST') {
      // Start Thread from Message: CREATE_PUBLIC_THREADS in the channel; the thread is a channel of its own.
      if (!this.botAuth(recorded)) return refuse(401, 0, '401: Unauthorized');
      const permissions = this.permissionsIn(m[1]!);
      if (permissions === undefined || this.threads.has(m[1]!)) return refuse(404, 10003, 'Unknown Channel');
      if (!(permissions & PERMISSION.VIEW_CHANNEL)) return refuse(403, 50001, 'Missing Access');
      if (!(permissions & PERMISSION.CREATE_PUBLIC_THREADS)) return refuse(403, 50013, 'Missing Permissions');
      const name = String(body?.name ?? '');
      if (!name || name.length > 100)
        return (
          invalid({ name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } }),
          undefined
        );
      const id = this.snowflake();
      this.threads.set(id, { parent: m[1]!, message: m[2]!, name });
      return send(201, { id, type: 11, parent_id: m[1], name, guild_id: this.guilds[0]?.id, owner_id: this.botUserId });
    }
    if ((m = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && req.method === 'PATCH') {
      if (!this.botAuth(recorded)) return refuse(401, 0, '401: Unauthorized');
      if (this.permissionsIn(m[1]!) === undefined) return refuse(404, 10003, 'Unknown Channel');
      if (invalid(checkMessage(body ?? {}, fileParts, false))) return;
      return send(200, this.message(body, m[2]!, m[1]!));
    }
    if ((m = /^\/api\/v10\/channels\/([^/]+)\/messages$/.exec(path)) && req.method === 'POST') {
      if (!this.botAuth(recorded)) return refuse(401, 0, '401: Unauthorized');
      const channel = m[1]!;
      if (channel.startsWith(DM_PREFIX)) {
        if (this.closedDms.has(channel.slice(DM_PREFIX.length))) return refuse(403, 50007, 'Cannot send messages to this user');
      } else {
        const permissions = this.permissionsIn(channel);
        if (permissions === undefined) return refuse(404, 10003, 'Unknown Channel');
        if (!(permissions & PERMISSION.VIEW_CHANNEL)) return refuse(403, 50001, 'Missing Access');
        const sendBit = this.threads.has(channel) ? PERMISSION.SEND_MESSAGES_IN_THREADS : PERMISSION.SEND_MESSAGES;
        if (!(permissions & sendBit)) return refuse(403, 50013, 'Missing Permissions');
        if (fileParts.length && !(permissions & PERMISSION.ATTACH_FILES)) return refuse(403, 50013, 'Missing Permissions');
      }
      if (body?.flags && body.flags & 64)
        return (
          invalid({ flags: { _errors: [{ code: 'MESSAGE_FLAGS_INVALID', message: 'Ephemeral messages are for interactions only' }] } }),
          undefined
        );
      if (invalid(checkMessage(body ?? {}, fileParts))) return;
      return send(200, this.message(body, this.snowflake(), channel));
    }
    if ((m = /^\/api\/v10\/guilds\/(\d+)\/members\/(\d+)$/.exec(path)) && req.method === 'GET') {
      const g = this.guilds.find((x) => x.id === m![1]);
      if (!g) return refuse(404, 10004, 'Unknown Guild');
      return send(200, (this.guildPayload(g) as { members: unknown[] }).members[0]);
    }
    if (/^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && req.method === 'PUT') {
      if (!this.botAuth(recorded)) return refuse(401, 0, '401: Unauthorized');
      if (invalid(checkRegistration(body))) return;
      return send(
        200,
        (body as { name: string }[]).map((c) => ({ ...c, id: this.snowflake(), application_id: this.applicationId, version: '1' })),
      );
    }
    return send(404, { message: 'Unknown route', code: 0 });
  }

  /** Requests answered 429, by a fault asked for or a limit passed. */
  rateLimited(): RecordedRequest[] {
    return this.requests.filter((r) => r.status === 429 || r.body?.fault === 429);
  }

  /**
   * Strict mode: counts a request against its bucket (an interaction webhook's token, a channel's messages) and the
   * global limit; the headers Discord sends, and how long to wait when a limit is passed. Interaction callbacks are
   * not limited (as on Discord); other routes only globally.
   */
  private rateLimit(method: string, path: string): { headers: Record<string, string>; retryAfterMs?: number; global: boolean } | undefined {
    if (!this.rateLimits || /\/interactions\/|^\/attachments\/|\/gateway\/bot$/.test(path)) return undefined;
    const now = Date.now();
    const r = DISCORD_RATE_LIMITS;
    this.rateLimits.global = this.rateLimits.global.filter((at) => at > now - r.globalWindowMs);
    if (this.rateLimits.global.length >= r.global)
      return { headers: {}, retryAfterMs: this.rateLimits.global[0]! + r.globalWindowMs - now, global: true };
    this.rateLimits.global.push(now);
    const top = /^\/api\/v10\/(webhooks\/\d+\/[^/]+|channels\/[^/]+)/.exec(path)?.[1];
    if (!top) return undefined;
    const key = `${method} ${top}`;
    let bucket = this.rateLimits.buckets.get(key);
    if (!bucket || now >= bucket.resetAt) this.rateLimits.buckets.set(key, (bucket = { resetAt: now + r.bucketWindowMs, count: 0 }));
    const headers = (remaining: number) => ({
      'x-ratelimit-limit': String(r.perBucket),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': (bucket!.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': ((bucket!.resetAt - now) / 1000).toFixed(3),
      'x-ratelimit-bucket': `bucket-${method.toLowerCase()}-${top.split('/')[0]}`,
    });
    if (bucket.count >= r.perBucket) return { headers: headers(0), retryAfterMs: bucket.resetAt - now, global: false };
    bucket.count += 1;
    return { headers: headers(r.perBucket - bucket.count), global: false };
  }

  private botAuth(r: RecordedRequest): boolean {
    return typeof r.auth === 'string' && r.auth.startsWith('Bot ');
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

const DEFAULT_GUILD = '200000000000000001';
/** The bot's managed role in a guild. */
const botRoleOf = (g: { id: string }) => `${g.id.slice(0, -1)}9`;
const DEFAULT_CHANNEL = '300000000000000001';
/** DM channels are named after their recipient here. */
const DM_PREFIX = 'dm-';

/** Autocomplete answers: at most 25 choices, names and values 1 to 100 characters. */
function checkChoices(choices: unknown): FormErrors | undefined {
  if (!Array.isArray(choices)) return { choices: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } };
  if (choices.length > 25) return { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] } };
  const bad = choices.findIndex((c: { name?: string }) => !c.name || c.name.length > 100);
  return bad >= 0
    ? { choices: { [bad]: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } } } }
    : undefined;
}

/** A JSON body, or a multipart one: payload_json, and the files by name with their part names. */
function parseBody(contentType: string, raw: Buffer): { body: any; files: Record<string, Buffer>; fileParts: string[] } {
  if (contentType.startsWith('multipart/form-data')) {
    const { fields, files, fileParts } = parseMultipart(contentType, raw);
    return { body: fields.payload_json ? JSON.parse(fields.payload_json) : {}, files, fileParts };
  }
  const text = raw.toString();
  return { body: text ? JSON.parse(text) : undefined, files: {}, fileParts: [] };
}
