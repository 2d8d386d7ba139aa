import type { Logger } from 'pino';
import type { AuditApi, AuditEntry } from '../core/queue-ports.js';
import { requestsRefused } from '../health/metrics.js';

/** A window of refusals of one kind becomes one audit entry. */
const WINDOW_MS = 60_000;

/** What the audit keeps of one refused request: who it claimed to be, where from. */
export type RefusalSample = Pick<AuditEntry, 'platform' | 'userId' | 'userName' | 'channelId'> & { from?: string };

/**
 * Requests refused before they became commands (a forged or stale signature, a replayed request): counted in the
 * metrics, and sampled into the audit, one entry per kind per minute with the count and the first request's
 * particulars, never one entry per request of a flood. What is still counted is written when the process stops.
 */
export class RefusalTally {
  private readonly open = new Map<string, { count: number; since: number; sample: RefusalSample }>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditApi,
    private readonly log: Logger,
  ) {}

  note(kind: string, sample: RefusalSample): void {
    requestsRefused.inc({ kind });
    const window = this.open.get(kind);
    if (window) window.count += 1;
    else this.open.set(kind, { count: 1, since: Date.now(), sample });
    this.timer ??= setTimeout(() => void this.flush(), WINDOW_MS).unref();
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const windows = [...this.open.entries()];
    this.open.clear();
    for (const [kind, { count, since, sample }] of windows) {
      const { from, ...who } = sample;
      const seconds = Math.max(1, Math.round((Date.now() - since) / 1000));
      const entry: AuditEntry = {
        ...who,
        at: since,
        verdict: 'refused-request',
        code: kind,
        command: `${count} refused in ${seconds} s${from ? `; the first from ${from}` : ''}`,
      };
      await this.audit.record(entry).catch((error) => this.log.warn({ err: error, kind }, 'audit of refused requests failed'));
    }
  }
}
