import type { EditBudget } from '../shared/edit-pacer.js';

/** Streamed edits, all messages together, go at most this often: a fifth of Discord's global 50 requests a second. */
const PACE_MS = 100;
/** Requests of a bucket left to what is not streamed: the final reply never waits for the bucket to reset. */
const RESERVE = 1;

/**
 * Discord publishes no fixed numbers: each response's X-RateLimit-Remaining and X-RateLimit-Reset-After say what is
 * left of its bucket (https://discord.com/developers/docs/topics/rate-limits). Interaction edits are bucketed per
 * webhook token, so each message is a bucket of its own; its state is read from the responses discord.js receives.
 */
export class DiscordEditBudget implements EditBudget {
  private readonly buckets = new Map<string, { remaining: number; resetAt: number }>();
  private lastStreamed = -Infinity;

  /** A response on the route of interaction token `token`. */
  observe(token: string, headers: { get(name: string): string | null }, now: number): void {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? NaN);
    const resetAfter = Number(headers.get('x-ratelimit-reset-after') ?? NaN);
    if (Number.isFinite(remaining) && Number.isFinite(resetAfter)) this.buckets.set(token, { remaining, resetAt: now + resetAfter * 1000 });
  }

  wait(token: string, now: number): number {
    const bucket = this.buckets.get(token);
    const empty = bucket && now < bucket.resetAt && bucket.remaining <= RESERVE ? bucket.resetAt - now : 0;
    return Math.max(0, this.lastStreamed + PACE_MS - now, empty);
  }

  spend(token: string, now: number): void {
    this.lastStreamed = now;
    const bucket = this.buckets.get(token);
    if (bucket && now < bucket.resetAt) bucket.remaining -= 1;
  }

  forget(token: string): void {
    this.buckets.delete(token);
  }
}
