import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  REST,
  RESTEvents,
  Routes,
  SnowflakeUtil,
  type AutocompleteInteraction,
  type Guild,
  type Interaction,
} from 'discord.js';
import type { Delivery } from '../../core/job.js';
import { answeringUnacknowledged } from '../../core/reply.js';
import { AcksInFlight } from '../shared/acks-in-flight.js';
import type { CommandRegistry } from '../../core/command.js';
import { msg, type Lang, type Message } from '../../core/messages/index.js';
import type { ChatRequest } from '../../core/request.js';
import type { ChatEntry } from '../../pipeline/chat-entry.js';
import type { AdapterHealth, ChatAdapter } from '../../core/chat-adapter.js';
import { Undeliverable } from '../../errors.js';
import { commandText, commandTree, FILE_OPTION, placeOf, registrationBody, type CommandPlace } from './command-schema.js';
import { inviteUrl, missingIn, missingInChannel, permissionFix } from './permissions.js';
import { BUTTON_PREFIX, EPHEMERAL, renderProgress, renderReply, type DiscordMessage } from './render.js';
import { DiscordEditBudget } from './edit-budget.js';
import { EditPacer } from '../shared/edit-pacer.js';
import { FollowThreads } from './follow-thread.js';

export interface DiscordOptions {
  entry: ChatEntry;
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl: string;
  /** How long an interaction token may still edit its reply. */
  tokenTtlMs: number;
  registry: CommandRegistry;
  /** default_member_permissions of /docker (who sees it by default); unset: everyone. */
  memberPermissions?: string;
  /** The caller's container names, for autocomplete; absent where this process cannot see the engine. */
  containerNames?(platformUserId: string): Promise<string[]>;
  imageSuggestions: readonly string[];
}

/** Registers /docker (globally, or in one guild) from the command definitions; used at start and by a script. */
export async function registerCommands(
  rest: REST,
  o: Pick<DiscordOptions, 'token' | 'applicationId' | 'guildId' | 'registry' | 'memberPermissions'>,
): Promise<unknown[]> {
  rest.setToken(o.token);
  const route = o.guildId ? Routes.applicationGuildCommands(o.applicationId, o.guildId) : Routes.applicationCommands(o.applicationId);
  return (await rest.put(route, { body: registrationBody(o.registry, undefined, o.memberPermissions) })) as unknown[];
}

/** Discord's JSON error codes this adapter acts on. */
const CODE = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  unknownWebhook: 10015,
  unknownInteraction: 10062,
  alreadyAcknowledged: 40060,
  missingAccess: 50001,
  emptyMessage: 50006,
  cannotMessageUser: 50007,
  missingPermissions: 50013,
  invalidWebhookToken: 50027,
  invalidFormBody: 50035,
} as const;
/** The interaction's token no longer works (its 15 minutes are over, or Discord forgot it): use the other ways. */
const TOKEN_GONE = new Set<number>([CODE.unknownWebhook, CODE.invalidWebhookToken, CODE.unknownInteraction]);
/** Refusals no retry can mend: the delivery fails at once, with the reason logged. */
const NEVER_MENDS = new Set<number>([
  CODE.unknownChannel,
  CODE.unknownMessage,
  CODE.unknownInteraction,
  CODE.alreadyAcknowledged,
  CODE.missingAccess,
  CODE.emptyMessage,
  CODE.cannotMessageUser,
  CODE.missingPermissions,
  CODE.invalidWebhookToken,
  CODE.invalidFormBody,
]);
const codeOf = (error: unknown): number | undefined => (error instanceof DiscordAPIError ? Number(error.code) : undefined);

/** A rendered message in the shape discord.js's interaction methods read (camelCase, files once, no raw attachments). */
function interactionPayload(m: DiscordMessage, ephemeral: boolean) {
  return {
    content: m.body.content || undefined,
    embeds: m.body.embeds as never[],
    components: m.body.components as never[],
    allowedMentions: { parse: [] },
    files: m.files.map((f) => ({ attachment: f.data, name: f.name })),
    ...(ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

/**
 * Discord as a chat platform: transport and rendering only. Slash commands and buttons become ChatRequests;
 * accepted commands are deferred, queued, then edited in place by deliveries; the interaction token is kept in
 * the short-lived store (never in the job). Once it has expired, public replies go to the channel with the bot
 * token and private ones to the user's DMs (or nowhere, said in the log): never to the channel.
 */
export class DiscordAdapter implements ChatAdapter {
  readonly route = 'discord';
  readonly client: Client;
  readonly rest: REST;
  private readonly tree: CommandPlace[];
  /** What each guild lacks of the permissions the bot needs, by guild id; empty when all is there. */
  private readonly missing = new Map<string, string>();
  /** Interactions this process is acknowledging now: their deliveries wait for the deferral to be through. */
  private readonly acking = new AcksInFlight();
  /** What each interaction token's bucket has left, as Discord's headers say. */
  private readonly buckets = new DiscordEditBudget();
  /** Streamed output edits by interaction token (or thread), paced apart from the delivery lanes. */
  readonly stream: EditPacer;
  private readonly threads: FollowThreads;

  constructor(private readonly o: DiscordOptions) {
    this.tree = commandTree(o.registry.all);
    // Mentions never ping, whatever path a message takes through discord.js.
    this.client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: o.apiUrl }, allowedMentions: { parse: [] } });
    this.rest = this.client.rest;
    this.rest.on(RESTEvents.Response, (request, response) => {
      const path = String(request.path);
      const key = /^\/webhooks\/\d+\/([^/]+)\//.exec(path)?.[1] ?? threadKey(/^\/channels\/(\d+)\/messages/.exec(path)?.[1]);
      if (key) this.buckets.observe(key, response.headers, Date.now());
    });
    this.threads = new FollowThreads(this.rest, this.client, o.entry.store, o.tokenTtlMs);
    this.stream = new EditPacer(this.buckets, (error) =>
      o.entry.log.warn({ err: error, code: codeOf(error) }, 'discord: a streamed output edit was not sent'),
    );
    this.client.on(Events.InteractionCreate, (interaction) => {
      this.onInteraction(interaction).catch((error) => o.entry.log.error({ err: error }, 'discord interaction failed'));
    });
    this.client.on(Events.GuildCreate, (guild) => void this.checkGuild(guild));
    this.client.on(Events.GuildRoleUpdate, (role) => void this.checkGuild(role.guild));
    this.client.on(Events.Error, (error) => o.entry.log.error({ err: error }, 'discord client error'));
  }

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.o.token);
    await ready;
    await Promise.all([...this.client.guilds.cache.values()].map((g) => this.checkGuild(g)));
  }

  /** Checks the bot's permissions in one guild against the ones it needs; says what is missing, with the fix. */
  private async checkGuild(guild: Guild): Promise<void> {
    const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => undefined));
    if (!me) return;
    const lacking = missingIn(me.permissions);
    if (!lacking.length) {
      this.missing.delete(guild.id);
      return;
    }
    const line = `guild ${guild.name} (${guild.id}) lacks ${lacking.join(', ')}: ${permissionFix(me.roles.botRole?.name, inviteUrl(this.o.applicationId))}`;
    this.missing.set(guild.id, line);
    this.o.entry.log.warn({ guild: guild.id, missing: lacking }, `discord: ${line}`);
  }

  async healthy(): Promise<AdapterHealth> {
    const status = this.client.ws.status;
    const problems = [...this.missing.values()];
    return { ok: status === 0, detail: [`gateway status ${status}`, ...problems.map((p) => `missing permissions: ${p}`)].join('; ') };
  }

  async stop(): Promise<void> {
    this.stream.stop();
    await this.client.destroy();
  }

  register(): Promise<unknown[]> {
    return registerCommands(this.rest, this.o);
  }

  private async onInteraction(i: Interaction): Promise<void> {
    if (i.isAutocomplete()) return this.autocomplete(i);
    let text: string | undefined;
    let attachments: ChatRequest['attachments'];
    if (i.isChatInputCommand() && i.commandName === 'docker') {
      const group = i.options.getSubcommandGroup(false);
      const place = placeOf(this.tree, group, i.options.getSubcommand());
      if (!place) return;
      const top = i.options.data[0];
      const given = (group ? top?.options?.[0]?.options : top?.options) ?? [];
      const values = new Map(given.filter((o) => o.name !== FILE_OPTION).map((o) => [o.name, o.value as string | number | boolean]));
      const file = i.options.getAttachment(FILE_OPTION);
      if (file) attachments = [{ name: file.name, url: file.url, size: file.size }];
      text = commandText(place, values, file ?? undefined);
    } else if (i.isButton() && i.customId.startsWith(BUTTON_PREFIX)) {
      text = i.customId.slice(BUTTON_PREFIX.length);
    }
    if (!text || !(i.isChatInputCommand() || i.isButton())) return;
    const lang: Lang = i.locale?.startsWith('ko') ? 'ko' : 'en';
    const request: ChatRequest = {
      platform: 'discord',
      userId: i.user.id,
      userName: i.user.username,
      channelId: i.channelId ?? '',
      workspace: i.guildId ?? undefined,
      roles: roleIds(i.member),
      locale: lang,
      text,
      // The user's id lets a private reply reach them by DM once the interaction's token has expired.
      replyTo: { route: this.route, channelId: i.channelId ?? '', interactionId: i.id, userId: i.user.id, lang },
      attachments,
    };
    // Acknowledge within Discord's 3 s, before any slow work (an attachment's download, the queueing); the token
    // is kept in the short-lived store, never in the job.
    let deferred = false;
    const answer = await this.o.entry.handle(request, async () => {
      // The token before the deferral: a bot stopped in between leaves a job whose reply finds the token, and
      // Discord's answer to it says the command was never acknowledged.
      await this.o.entry.store.put(`discord:${i.id}`, i.token, this.o.tokenTtlMs);
      await this.acking.during(i.id, i.deferReply());
      deferred = true;
    });
    if (answer.kind === 'queued') return; // the chat entry announces it, editing the deferred reply
    const m = renderReply(answer.reply, lang);
    if (deferred) return this.edit(request.replyTo, () => m, answer.reply.ephemeral);
    try {
      await i.reply(interactionPayload(m, Boolean(answer.reply.ephemeral)));
    } catch (error) {
      const code = codeOf(error);
      if (code !== CODE.unknownInteraction && code !== CODE.alreadyAcknowledged) throw error;
      // Too late (past the 3 s) or answered already: the user sees Discord's own "did not respond"; say why here.
      this.o.entry.log.warn({ interaction: i.id, code }, 'discord: the first response was refused (late or repeated); nothing sent');
    }
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const typed = String(focused.value).toLowerCase();
    let names: string[] = [];
    if (focused.name === 'image') names = [...this.o.imageSuggestions];
    if (focused.name === 'container' && this.o.containerNames) names = await this.o.containerNames(i.user.id).catch(() => []);
    await i.respond(
      names
        .filter((n) => n.toLowerCase().includes(typed))
        .slice(0, 25)
        .map((n) => ({ name: n.slice(0, 100), value: n.slice(0, 100) })),
    );
  }

  /** Sends one delivery: edits the interaction's message while its token lives, else posts it where it may go. */
  readonly deliver = async (delivery: Delivery): Promise<void> => {
    const lang: Lang = delivery.replyTo.lang === 'ko' ? 'ko' : 'en';
    const interactionId = String(delivery.replyTo.interactionId ?? '');
    await this.acking.settled(interactionId); // a job can end before its command's deferral is through
    const token = await this.o.entry.store.get(`discord:${interactionId}`);
    if (delivery.kind === 'progress') {
      const { jobId, progress } = delivery;
      // Progress after the token expired is not worth a new message.
      if (!token) return;
      const followed = progress.buttons?.some((b) => b.id === 'stop');
      const thread =
        followed && progress.output ? await this.threads.of(jobId, delivery.replyTo.channelId, progress.detail as string) : undefined;
      // A follow's output goes to its thread where there is one: the job's message keeps its stage and Stop.
      if (thread)
        return this.stream.offer(threadKey(thread.thread)!, () =>
          this.threads.show(jobId, thread, renderProgress(jobId, { ...progress, buttons: undefined })),
        );
      // Output goes when the token's bucket has room for it and the final reply after it, never in line before it.
      if (progress.output) return this.stream.offer(token, () => this.patchOriginal(token, renderProgress(jobId, progress)).then(() => {}));
      await this.withToken(
        async () => {
          const sent = await this.patchOriginal(token, renderProgress(jobId, progress));
          if (followed && sent?.id) await this.threads.original(jobId, sent.id);
        },
        () => undefined,
      );
      return;
    }
    const render = (unacknowledged: boolean) =>
      renderReply(unacknowledged ? answeringUnacknowledged(delivery.reply, lang) : delivery.reply, lang);
    if (delivery.kind === 'notice') return this.withoutToken(delivery.replyTo, render(false), delivery.reply.ephemeral);
    if (token) await this.stream.finish(token);
    const thread = await this.o.entry.store.get(`discord:thread:${delivery.jobId}`);
    if (thread && thread !== 'none') await this.stream.finish(threadKey((JSON.parse(thread) as { thread: string }).thread)!);
    await this.edit(delivery.replyTo, render, delivery.reply.ephemeral);
  };

  /** The reply to an interaction: edits its message while the token works, else posts where it may go. */
  private async edit(replyTo: Delivery['replyTo'], render: (unacknowledged: boolean) => DiscordMessage, ephemeral = false): Promise<void> {
    const interactionId = String(replyTo.interactionId ?? '');
    const token = await this.o.entry.store.get(`discord:${interactionId}`);
    // No token while it would still be valid: the bot stopped before it could acknowledge the command.
    if (!token) return this.withoutToken(replyTo, render(this.young(interactionId)), ephemeral);
    const message = render(false);
    await this.withToken(
      async () => {
        if (!ephemeral) return void (await this.patchOriginal(token, message));
        // The deferral was public: say it privately, then take the public placeholder away.
        await this.rest.post(Routes.webhook(this.o.applicationId, token), {
          body: { ...message.body, flags: EPHEMERAL },
          files: message.files,
          auth: false,
        });
        await this.rest.delete(Routes.webhookMessage(this.o.applicationId, token, '@original'), { auth: false });
      },
      // Unknown Webhook: the interaction was never acknowledged, so it has no message to edit.
      (code) => this.withoutToken(replyTo, render(code === CODE.unknownWebhook), ephemeral),
    );
  }

  /** An interaction whose token would still work (15 minutes), by the time in its id. */
  private young(interactionId: string): boolean {
    return /^\d+$/.test(interactionId) && Date.now() - SnowflakeUtil.timestampFrom(interactionId) < this.o.tokenTtlMs;
  }

  /** Runs a call made with the interaction's token; if Discord says the token is gone, takes the other way. */
  private async withToken(call: () => Promise<void>, otherwise: (code: number) => Promise<void> | void): Promise<void> {
    try {
      await call();
    } catch (error) {
      const code = codeOf(error) ?? -1;
      if (TOKEN_GONE.has(code)) return otherwise(code);
      throw this.refusal(error, 'interaction');
    }
  }

  /** A reply once the interaction's token is gone: public ones to the channel, private ones by DM or nowhere. */
  private async withoutToken(replyTo: Delivery['replyTo'], message: DiscordMessage, ephemeral = false): Promise<void> {
    if (!ephemeral) return this.postToChannel(replyTo.channelId, message);
    const userId = replyTo.userId === undefined ? undefined : String(replyTo.userId);
    if (!userId) {
      this.o.entry.log.warn({ channel: replyTo.channelId }, 'discord: a private reply outlived its interaction and names no user; dropped');
      return;
    }
    try {
      const dm = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
      await this.rest.post(Routes.channelMessages(dm.id), { body: withoutFlags(message), files: message.files });
    } catch (error) {
      if (!NEVER_MENDS.has(codeOf(error) ?? -1)) throw error;
      // Closed DMs (50007) and the like: the reply was for this user alone, so it goes nowhere else.
      this.o.entry.log.warn({ user: userId, code: codeOf(error) }, 'discord: a private reply could not be sent by DM; dropped');
    }
  }

  private async patchOriginal(token: string, message: DiscordMessage): Promise<{ id?: string } | undefined> {
    return (await this.rest.patch(Routes.webhookMessage(this.o.applicationId, token, '@original'), {
      body: message.body,
      files: message.files,
      auth: false,
    })) as { id?: string } | undefined;
  }

  private async postToChannel(channelId: string, message: DiscordMessage): Promise<void> {
    try {
      await this.rest.post(Routes.channelMessages(channelId), { body: withoutFlags(message), files: message.files });
    } catch (error) {
      throw this.refusal(error, channelId, message);
    }
  }

  /**
   * A refusal no retry can mend becomes Undeliverable (the delivery fails at once); for Missing Access and Missing
   * Permissions the log names the channel and what the bot lacks there, with the fix. Anything else is retried.
   */
  private refusal(error: unknown, channelId: string, message?: DiscordMessage): unknown {
    const code = codeOf(error);
    if (code === undefined || !NEVER_MENDS.has(code)) return error;
    let notice: Message | undefined;
    if (code === CODE.missingAccess || code === CODE.missingPermissions) {
      const channel = this.client.channels.cache.get(channelId);
      const guild = channel && 'guild' in channel ? channel.guild : undefined;
      const lacking =
        code === CODE.missingAccess
          ? ['View Channel']
          : (missingInChannel(channel, guild?.members.me ?? null, Boolean(message?.files.length)) ?? [
              'Send Messages',
              ...(message?.files.length ? ['Attach Files'] : []),
            ]);
      const where = channel && 'name' in channel ? `#${channel.name} (${channelId})` : channelId;
      notice = msg('discord.cannotPost', { where, missing: lacking.join(', ') });
      this.o.entry.log.warn(
        { channel: channelId, code, missing: lacking },
        `discord: cannot post in channel ${where}: the bot lacks ${lacking.join(', ')} there; ${permissionFix(guild?.members.me?.roles.botRole?.name, inviteUrl(this.o.applicationId))}`,
      );
    }
    return new Undeliverable(`discord ${code}: ${(error as Error).message}`, notice);
  }
}

/** The pacer's and the budget's key of a follow's thread (a channel of its own, with its own bucket). */
function threadKey(channelId: string | undefined): string | undefined {
  return channelId && `thread:${channelId}`;
}

/** A message for a channel: the ephemeral flag means nothing there. */
function withoutFlags(message: DiscordMessage): Omit<DiscordMessage['body'], 'flags'> {
  const { flags: _ephemeralMeansNothingHere, ...body } = message.body;
  return body;
}

/** The member's role ids: a cached guild gives a role manager, an uncached one the raw list. */
function roleIds(member: Interaction['member']): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}
