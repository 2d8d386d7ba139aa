import { Client, Events, GatewayIntentBits, REST, Routes, type AutocompleteInteraction, type Interaction } from 'discord.js';
import type { Delivery } from '../../core/job.js';
import type { CommandRegistry } from '../../core/command.js';
import type { ChatRequest } from '../../core/request.js';
import type { ChatEntry } from '../../pipeline/chat-entry.js';
import type { AdapterHealth, ChatAdapter } from '../../core/chat-adapter.js';
import { registrationBody, textFromOptions } from './command-schema.js';
import { BUTTON_PREFIX, EPHEMERAL, renderProgress, renderReply, type DiscordMessage } from './render.js';

export interface DiscordOptions {
  entry: ChatEntry;
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl: string;
  /** How long an interaction token may still edit its reply. */
  tokenTtlMs: number;
  registry: CommandRegistry;
  /** The caller's container names, for autocomplete; absent where this process cannot see the engine. */
  containerNames?(platformUserId: string): Promise<string[]>;
  imageSuggestions: readonly string[];
}

/** Registers /docker (globally, or in one guild) from the command definitions; used at start and by a script. */
export async function registerCommands(
  rest: REST,
  o: Pick<DiscordOptions, 'token' | 'applicationId' | 'guildId' | 'registry'>,
): Promise<unknown[]> {
  rest.setToken(o.token);
  const route = o.guildId ? Routes.applicationGuildCommands(o.applicationId, o.guildId) : Routes.applicationCommands(o.applicationId);
  return (await rest.put(route, { body: registrationBody(o.registry) })) as unknown[];
}

/**
 * Discord as a chat platform: transport and rendering only. Slash commands and buttons become ChatRequests;
 * accepted commands are deferred, queued, then edited in place by deliveries; the interaction token is kept in
 * the short-lived store (never in the job) and, once expired, replies go to the channel with the bot token.
 */
export class DiscordAdapter implements ChatAdapter {
  readonly route = 'discord';
  readonly client: Client;
  readonly rest: REST;

  constructor(private readonly o: DiscordOptions) {
    this.client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: o.apiUrl } });
    this.rest = this.client.rest;
    this.client.on(Events.InteractionCreate, (interaction) => {
      this.onInteraction(interaction).catch((error) => o.entry.log.error({ err: error }, 'discord interaction failed'));
    });
    this.client.on(Events.Error, (error) => o.entry.log.error({ err: error }, 'discord client error'));
  }

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.o.token);
    await ready;
  }

  async healthy(): Promise<AdapterHealth> {
    return { ok: this.client.ws.status === 0, detail: `gateway status ${this.client.ws.status}` };
  }

  async stop(): Promise<void> {
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
      const definition = this.o.registry.get(i.options.getSubcommand());
      if (!definition) return;
      const values = new Map(
        i.options.data[0]?.options?.filter((o) => o.name !== 'file').map((o) => [o.name, o.value as string | number | boolean]) ?? [],
      );
      const file = i.options.getAttachment('file');
      if (file) {
        attachments = [{ name: file.name, url: file.url, size: file.size }];
        if (!values.has('source')) values.set('source', file.name);
      }
      text = textFromOptions(definition, values);
    } else if (i.isButton() && i.customId.startsWith(BUTTON_PREFIX)) {
      text = i.customId.slice(BUTTON_PREFIX.length);
    }
    if (!text || !(i.isChatInputCommand() || i.isButton())) return;
    const request: ChatRequest = {
      platform: 'discord',
      userId: i.user.id,
      userName: i.user.username,
      channelId: i.channelId ?? '',
      roles: roleIds(i.member),
      locale: i.locale?.startsWith('ko') ? 'ko' : 'en',
      text,
      replyTo: { route: this.route, channelId: i.channelId ?? '', interactionId: i.id },
      attachments,
    };
    // Acknowledge within Discord's 3 s, before any slow work (an attachment's download, the queueing); the token
    // is kept in the short-lived store, never in the job.
    let deferred = false;
    const answer = await this.o.entry.handle(request, async () => {
      await i.deferReply();
      deferred = true;
      await this.o.entry.store.put(`discord:${i.id}`, i.token, this.o.tokenTtlMs);
    });
    if (answer.kind === 'queued') return; // the chat entry announces it, editing the deferred reply
    const m = renderReply(answer.reply);
    if (deferred) return this.edit(i.id, request.replyTo.channelId, m);
    await i.reply({
      ...m.body,
      files: m.files.map((f) => ({ attachment: f.data, name: f.name })),
      flags: answer.reply.ephemeral ? EPHEMERAL : undefined,
    } as never);
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
        .map((n) => ({ name: n, value: n })),
    );
  }

  /** Sends one delivery: edits the interaction's message while its token lives, else posts to the channel. */
  readonly deliver = async (delivery: Delivery): Promise<void> => {
    const interactionId = String(delivery.replyTo.interactionId ?? '');
    if (delivery.kind === 'progress') {
      const message = renderProgress(delivery.jobId, delivery.progress);
      const token = await this.o.entry.store.get(`discord:${interactionId}`);
      if (token) await this.patchOriginal(token, message); // progress after the token expired is not worth a new message
      return;
    }
    const message = renderReply(delivery.reply);
    if (delivery.kind === 'notice') {
      await this.postToChannel(delivery.replyTo.channelId, message);
      return;
    }
    await this.edit(interactionId, delivery.replyTo.channelId, message, delivery.reply.ephemeral);
  };

  private async edit(interactionId: string, channelId: string, message: DiscordMessage, ephemeral = false): Promise<void> {
    const token = await this.o.entry.store.get(`discord:${interactionId}`);
    if (!token) return this.postToChannel(channelId, message);
    if (ephemeral) {
      // The deferral was public: say it privately, then take the public placeholder away.
      await this.rest.post(Routes.webhook(this.o.applicationId, token), {
        body: { ...message.body, flags: EPHEMERAL },
        files: message.files,
        auth: false,
      });
      await this.rest.delete(Routes.webhookMessage(this.o.applicationId, token, '@original'), { auth: false });
      return;
    }
    await this.patchOriginal(token, message);
  }

  private async patchOriginal(token: string, message: DiscordMessage): Promise<void> {
    await this.rest.patch(Routes.webhookMessage(this.o.applicationId, token, '@original'), {
      body: message.body,
      files: message.files,
      auth: false,
    });
  }

  private async postToChannel(channelId: string, message: DiscordMessage): Promise<void> {
    const { flags: _ephemeralMeansNothingHere, ...body } = message.body;
    await this.rest.post(Routes.channelMessages(channelId), { body, files: message.files });
  }
}

/** The member's role ids: a cached guild gives a role manager, an uncached one the raw list. */
function roleIds(member: Interaction['member']): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}
