import type { Delivery } from './job.js';

/** What a platform connection reports on /healthz. */
export interface AdapterHealth {
  ok: boolean;
  detail?: string;
}

/**
 * One chat platform, transport and rendering only: it verifies and acknowledges the platform's events, turns them
 * into ChatRequests for the chat entry (pipeline/chat-entry.ts), and renders deliveries in the platform's terms.
 * It writes no user-facing text of its own: every word comes from a Reply or the message catalogue.
 * A new platform is a folder under src/adapters/ implementing this, and one line in the bot's wiring.
 */
export interface ChatAdapter {
  /** The delivery route whose replies this adapter sends (`discord`, `slack`, one terminal process). */
  readonly route: string;
  /** The guild or workspace the bot's token belongs to, where a token belongs to one (Slack), once started. */
  readonly workspace?: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends one reply, progress edit or notice; throws RetryLater when the platform asks to wait. */
  deliver(delivery: Delivery): Promise<void>;
  healthy(): Promise<AdapterHealth>;
}
