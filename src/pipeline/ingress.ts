/** A burst of commands counts as over once none has been admitted for this long. */
const SETTLE_MS = 10;

/**
 * The commands this bot process is admitting. Slack and Discord drop a command that is not acknowledged
 * within 3 s, while a reply that goes out a moment later loses nothing: so deliveries wait, a bounded time,
 * for a burst of commands to be acknowledged before they take the process's time.
 */
export class Ingress {
  private inFlight = 0;
  private lastAt = 0;

  /** Runs one command's admission, counted. */
  async admitting<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.lastAt = performance.now();
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.lastAt = performance.now();
    }
  }

  /** True while commands are being admitted. */
  busy(): boolean {
    return this.inFlight > 0;
  }

  /** Resolves once no command has been admitted for a moment, or after `maxMs` at the latest (replies never starve). */
  async quiet(maxMs: number): Promise<void> {
    const until = performance.now() + maxMs;
    for (;;) {
      const now = performance.now();
      const settled = this.inFlight === 0 && now - this.lastAt >= SETTLE_MS;
      if (settled || now >= until) return;
      await new Promise((r) => setTimeout(r, Math.min(until - now, Math.max(1, this.lastAt + SETTLE_MS - now))));
    }
  }
}
