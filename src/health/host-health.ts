import type { Lang } from '../core/flag-spec.js';
import type { HostStatesApi } from '../core/fleet.js';
import { msg, say, type Message } from '../core/messages/index.js';
import type { Reply } from '../core/reply.js';
import { hostCooldowns, hostFailures, hostOut } from './metrics.js';

export interface HostHealthOptions {
  host: string;
  /** Calls failed in a row that take the host out. */
  limit: number;
  cooldownMs: number;
  states: HostStatesApi;
  notify(reply: Reply): Promise<void>;
  lang: Lang;
  /** Told when this process sees the host go out or come back (its worker stops or resumes taking shared work). */
  changed(out: boolean): void;
}

/**
 * One host's health as the process serving it sees it: calls that failed in a row, and its cool-down. A host
 * failing `limit` calls in a row is taken out (recorded in Redis for every process, the ops channel told once);
 * after the cool-down a ping decides: back (told), or out for another cool-down.
 */
export class HostHealth {
  private failuresInRow = 0;
  /** The last failure: in the catalogue's words where the error has them (an engine not trusted), else its message. */
  private lastError: Message | string = '';
  private outSince?: number;
  failures = 0;
  cooldowns = 0;

  constructor(private readonly options: HostHealthOptions) {}

  get out(): boolean {
    return this.outSince !== undefined;
  }

  succeeded(): void {
    this.failuresInRow = 0;
  }

  async failed(error: unknown): Promise<void> {
    const { host, limit, cooldownMs, states } = this.options;
    this.failuresInRow += 1;
    this.failures += 1;
    const said = (error as { said?: Message })?.said;
    this.lastError = said ?? (error instanceof Error ? error.message : String(error));
    hostFailures.inc({ host });
    if (this.failuresInRow < limit || this.out) return;
    const taken = await states.takeOut(host, Date.now() + cooldownMs);
    this.setOut(true);
    if (!taken) return; // another process took it out, and told
    this.cooldowns += 1;
    hostCooldowns.inc({ host });
    const seconds = Math.round(cooldownMs / 1000);
    const { lang } = this.options;
    await this.options
      .notify({
        status: 'error',
        title: say(msg('fleet.out.title', { host, seconds }), lang),
        body: say(msg('fleet.out.body', { failures: this.failuresInRow, error: this.said(this.lastError) }), lang),
      })
      .catch(() => {});
  }

  /**
   * The periodic look: follows what Redis says (another process may have taken the host out or put it back), pings
   * a host in service (an idle host's failures count too: `ping` is a watched call) and, once a cool-down has
   * ended, decides by one ping.
   */
  async check(ping: () => Promise<void>): Promise<void> {
    const { host, states, cooldownMs, lang } = this.options;
    const until = (await states.out()).get(host);
    if (until === undefined) {
      this.setOut(false);
      await ping().catch(() => {}); // counted by the host's call watcher, as every call is
      return;
    }
    this.setOut(true);
    if (Date.now() < until) return;
    const answered = await ping().then(
      () => true,
      () => false,
    );
    if (!answered) return states.extend(host, Date.now() + cooldownMs);
    const since = this.outSince!;
    this.failuresInRow = 0;
    this.setOut(false);
    if (!(await states.bringBack(host))) return;
    await this.options
      .notify({
        status: 'ok',
        title: say(msg('fleet.back.title', { host }), lang),
        body: say(msg('fleet.back.body', { seconds: Math.round((Date.now() - since) / 1000) }), lang),
      })
      .catch(() => {});
  }

  private said(error: Message | string): string {
    return typeof error === 'string' ? error : say(error, this.options.lang);
  }

  private setOut(out: boolean): void {
    if (out === this.out) return;
    this.outSince = out ? Date.now() : undefined;
    hostOut.set({ host: this.options.host }, out ? 1 : 0);
    this.options.changed(out);
  }
}
