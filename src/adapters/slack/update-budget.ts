import type { EditBudget } from '../shared/edit-pacer.js';

/**
 * chat.update is a Web API Tier 3 method: 50+ calls a minute per workspace for an app
 * (https://docs.slack.dev/apis/web-api/rate-limits). Slack sends no remaining count, so the calls are counted here.
 */
export const UPDATES_PER_MINUTE = 50;
const WINDOW_MS = 60_000;
/** Updates of each minute left to what is not streamed (stages, final replies): those never wait. */
const RESERVE = 10;
const STREAM_LIMIT = UPDATES_PER_MINUTE - RESERVE;
/** Streamed updates are spread evenly over the minute, never spent in one burst. */
const PACE_MS = WINDOW_MS / STREAM_LIMIT;

/** The workspace's chat.update calls of the last minute, and when streamed ones may go. */
export class SlackUpdateBudget implements EditBudget {
  private readonly calls: number[] = [];
  private lastStreamed = -Infinity;

  /** Every chat.update, streamed or not, counts. */
  record(now: number): void {
    this.calls.push(now);
    while (this.calls.length && this.calls[0]! <= now - WINDOW_MS) this.calls.shift();
  }

  wait(_key: string, now: number): number {
    while (this.calls.length && this.calls[0]! <= now - WINDOW_MS) this.calls.shift();
    const full = this.calls.length >= STREAM_LIMIT ? this.calls[this.calls.length - STREAM_LIMIT]! + WINDOW_MS - now : 0;
    return Math.max(0, this.lastStreamed + PACE_MS - now, full);
  }

  spend(_key: string, now: number): void {
    this.lastStreamed = now;
    this.record(now);
  }
}
