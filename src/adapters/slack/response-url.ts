import type { ShortLivedStoreApi } from '../../core/queue-ports.js';
import { RetryLater, Undeliverable } from '../../errors.js';

/** Slack lets a command's response_url be used 5 times within 30 minutes of the command. */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_MS = 30 * 60_000;
/** Of those uses, progress updates may take at most this many: the final reply always keeps one. */
export const RESPONSE_URL_PROGRESS = 2;

/** A job's response_url and what has been spent of it. Kept in the short-lived store, never in the job. */
interface Spent {
  url: string;
  uses: number;
  progress: number;
  /** When Slack stops taking it (ms since the epoch): the store keeps it no longer. */
  expires: number;
}

/** A message as a response_url takes it: JSON, no files. */
export interface ResponseMessage {
  response_type: 'ephemeral' | 'in_channel';
  replace_original: boolean;
  text: string;
  blocks?: unknown[];
}

/**
 * The response_url of each job's command, for where the bot is not a member of the channel: kept for its 30
 * minutes, its 5 uses counted so that the final reply always has one and progress takes at most two.
 */
export class ResponseUrls {
  constructor(
    private readonly store: ShortLivedStoreApi,
    /** Origins a response_url may point at: Slack's hooks, or the Web API's own (a local stand-in). */
    private readonly origins: string[],
  ) {}

  private key(jobId: string): string {
    return `slack:response-url:${jobId}`;
  }

  /** Keeps the command's response_url for the job it queued, if it points at Slack. */
  async keep(jobId: string, url: string | undefined): Promise<void> {
    if (!url || !this.origins.some((o) => url.startsWith(o))) return;
    const spent: Spent = { url, uses: 0, progress: 0, expires: Date.now() + RESPONSE_URL_MS };
    await this.store.put(this.key(jobId), JSON.stringify(spent), RESPONSE_URL_MS);
  }

  async has(jobId: string): Promise<boolean> {
    return (await this.store.get(this.key(jobId))) !== undefined;
  }

  /**
   * Sends a message through the job's response_url. A progress update is skipped (false) when it would take a use
   * the final reply needs; a final reply with no use left, or no response_url, is Undeliverable (`reason`).
   */
  async send(jobId: string, kind: 'progress' | 'final', message: ResponseMessage, reason: string): Promise<boolean> {
    const raw = await this.store.get(this.key(jobId));
    if (!raw) {
      if (kind === 'progress') return false;
      throw new Undeliverable(`${reason}; no response_url left for job ${jobId}`);
    }
    const spent = JSON.parse(raw) as Spent;
    if (kind === 'progress' && (spent.progress >= RESPONSE_URL_PROGRESS || spent.uses >= RESPONSE_URL_USES - 1)) return false;
    if (spent.uses >= RESPONSE_URL_USES) throw new Undeliverable(`${reason}; the response_url of job ${jobId} is used up`);
    const response = await fetch(spent.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
    });
    const body = await response.text();
    if (response.status === 429) throw new RetryLater(Math.max(1, Number(response.headers.get('retry-after')) || 1) * 1000);
    if (response.status >= 500) throw new Error(`response_url answered ${response.status}: ${body}`);
    if (!response.ok) {
      await this.store.remove(this.key(jobId));
      throw new Undeliverable(`${reason}; response_url refused: ${response.status} ${body}`);
    }
    spent.uses += 1;
    if (kind === 'progress') spent.progress += 1;
    const left = spent.expires - Date.now();
    if (left > 0) await this.store.put(this.key(jobId), JSON.stringify(spent), left);
    else await this.store.remove(this.key(jobId));
    return true;
  }
}
