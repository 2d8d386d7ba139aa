/** How a platform's edit limits are kept: how long an edit of one message must wait, and what sending one spends. */
export interface EditBudget {
  /** Milliseconds until an edit of `key` may go without risking a 429 or delaying a reply (0: now). */
  wait(key: string, now: number): number;
  /** An edit of `key` goes now. */
  spend(key: string, now: number): void;
  /** Message `key` is finished: what was kept of it can go. */
  forget?(key: string): void;
}

/** One message is edited at most this often: faster is no easier to read, and leaves the budget to the others. */
export const MESSAGE_GAP_MS = 1000;

/**
 * Streaming edits of many messages under one platform's limits. Each message keeps only its latest edit (older ones
 * are never sent); the message whose last edit is oldest goes first, so a burst of jobs shares the budget; nothing
 * waits in line behind the platform: an edit goes only when the budget says it may. `offer` returns at once, so a
 * delivery lane never waits for an edit, and `finish` clears a message's edits before its final reply.
 */
export class EditPacer {
  private readonly pending = new Map<string, () => Promise<void>>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly lastSent = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  /** Edits sent, for the bench. */
  sent = 0;

  constructor(
    private readonly budget: EditBudget,
    /** A streaming edit that failed: it is dropped (the final reply holds everything). */
    private readonly onError: (error: unknown, key: string) => void,
  ) {}

  /** The latest edit of message `key`, replacing one not yet sent. */
  offer(key: string, send: () => Promise<void>): void {
    this.pending.set(key, send);
    this.pump();
  }

  /** Drops message `key`'s unsent edit and waits for the one on its way: what follows (the final reply) comes last. */
  async finish(key: string): Promise<void> {
    this.pending.delete(key);
    this.lastSent.delete(key);
    this.budget.forget?.(key);
    await this.inFlight.get(key);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const order = [...this.pending.keys()]
      .filter((key) => !this.inFlight.has(key))
      .sort((a, b) => (this.lastSent.get(a) ?? 0) - (this.lastSent.get(b) ?? 0));
    let soonest = Infinity;
    for (const key of order) {
      const wait = Math.max(this.budget.wait(key, now), (this.lastSent.get(key) ?? -Infinity) + MESSAGE_GAP_MS - now);
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
      const send = this.pending.get(key)!;
      this.pending.delete(key);
      this.budget.spend(key, now);
      this.lastSent.set(key, now);
      this.sent += 1;
      const done = send()
        .catch((error) => this.onError(error, key))
        .finally(() => {
          this.inFlight.delete(key);
          if (this.pending.size) this.pump();
        });
      this.inFlight.set(key, done);
    }
    if (soonest !== Infinity) this.timer = setTimeout(() => this.pump(), soonest).unref();
  }
}
