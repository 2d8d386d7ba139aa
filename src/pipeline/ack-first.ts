/** A burst of commands counts as over once none has been admitted for this long. */
const SETTLE_MS = 10;

interface Waiter {
  resolve(): void;
  /** performance.now() after which it goes anyway. */
  until: number;
  maxMs: number;
}

/**
 * The commands this bot process is admitting. Slack and Discord drop a command that is not acknowledged
 * within 3 s, while a reply that goes out a moment later loses nothing: so deliveries wait, a bounded time,
 * for a burst of commands to be acknowledged before they take the process's time.
 */
export class AckFirst {
  private inFlight = 0;
  private lastAt = 0;
  private waiters: Waiter[] = [];
  /** One timer for all waiters (a burst of a thousand commands leaves a thousand notices waiting). */
  private timer?: NodeJS.Timeout;
  /** After a wait ran out, deliveries go freely as long again: commands that never stop cannot starve replies. */
  private freeUntil = 0;

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
  quiet(maxMs: number): Promise<void> {
    const now = performance.now();
    if (maxMs <= 0 || now < this.freeUntil || this.settled(now)) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ resolve, until: now + maxMs, maxMs });
      this.schedule();
    });
  }

  private settled(now: number): boolean {
    return this.inFlight === 0 && now - this.lastAt >= SETTLE_MS;
  }

  private schedule(): void {
    if (this.timer || !this.waiters.length) return;
    const now = performance.now();
    const next = Math.min(Math.max(this.lastAt + SETTLE_MS, now + 1), ...this.waiters.map((w) => w.until));
    this.timer = setTimeout(() => this.wake(), Math.max(1, next - now));
  }

  private wake(): void {
    this.timer = undefined;
    const now = performance.now();
    const settled = this.settled(now);
    const going = settled ? this.waiters : this.waiters.filter((w) => w.until <= now);
    this.waiters = settled ? [] : this.waiters.filter((w) => w.until > now);
    if (!settled && going.length) {
      this.freeUntil = now + Math.max(...going.map((w) => w.maxMs));
      this.waiters.splice(0).forEach((w) => going.push(w)); // the ones still waiting go now too
    }
    for (const w of going) w.resolve();
    this.schedule();
  }
}
