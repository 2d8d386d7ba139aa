import { PermissionFlagsBits, Routes, type Client, type REST } from 'discord.js';
import type { ShortLivedStoreApi } from '../../core/queue-ports.js';
import type { DiscordMessage } from './render.js';

/** What a follow's thread needs of the bot in the channel: to start a public thread and to post in it. */
const NEEDED = [PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads];

/** A follow's thread, once started: its channel and the one message its output is shown in. */
interface Thread {
  thread: string;
  message?: string;
}

/**
 * `logs -f` on Discord: the output goes to one message in a thread started on the job's message, where the channel
 * allows threads and the bot has the thread permissions; elsewhere (undefined) it stays in the job's message.
 */
export class FollowThreads {
  constructor(
    private readonly rest: REST,
    private readonly client: Client,
    private readonly store: ShortLivedStoreApi,
    private readonly ttlMs: number,
  ) {}

  private key(jobId: string): string {
    return `discord:thread:${jobId}`;
  }

  /** The job's message (its id), once an edit of it answered: a thread starts on it. */
  async original(jobId: string, messageId: string): Promise<void> {
    await this.store.put(`discord:original:${jobId}`, messageId, this.ttlMs);
  }

  /** The follow's thread: started the first time when allowed, remembered either way. */
  async of(jobId: string, channelId: string, name: string): Promise<Thread | undefined> {
    const kept = await this.store.get(this.key(jobId));
    if (kept) return kept === 'none' ? undefined : (JSON.parse(kept) as Thread);
    const messageId = await this.store.get(`discord:original:${jobId}`);
    let thread: Thread | undefined;
    if (messageId && this.allowed(channelId)) {
      const made = (await this.rest
        .post(Routes.threads(channelId, messageId), { body: { name: name.slice(0, 100), auto_archive_duration: 60 } })
        .catch(() => undefined)) as { id: string } | undefined;
      if (made) thread = { thread: made.id };
    }
    await this.store.put(this.key(jobId), thread ? JSON.stringify(thread) : 'none', this.ttlMs);
    return thread;
  }

  /** Shows the output in the thread: its one message posted the first time, edited after. */
  async show(jobId: string, thread: Thread, message: DiscordMessage): Promise<void> {
    if (thread.message) {
      await this.rest.patch(Routes.channelMessage(thread.thread, thread.message), { body: message.body });
      return;
    }
    const posted = (await this.rest.post(Routes.channelMessages(thread.thread), { body: message.body })) as { id: string };
    await this.store.put(this.key(jobId), JSON.stringify({ ...thread, message: posted.id }), this.ttlMs);
  }

  private allowed(channelId: string): boolean {
    const channel = this.client.channels.cache.get(channelId);
    if (!channel || !('guild' in channel) || !('permissionsFor' in channel)) return false;
    const me = channel.guild.members.me;
    return Boolean(me && channel.permissionsFor(me)?.has(NEEDED));
  }
}
