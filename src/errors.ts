import { say, type Lang, type Message } from './core/messages/index.js';

/**
 * Errors meant for the person who typed the command carry a code and a message written for them; everything else
 * is a fault of ours, logged in full and answered with a generic line.
 */
export type UserErrorCode =
  | 'syntax'
  | 'unknown-command'
  | 'unknown-flag'
  | 'refused-flag'
  | 'bad-value'
  | 'bad-image'
  | 'image-not-allowed'
  | 'not-found'
  | 'forbidden'
  | 'conflict'
  | 'input-too-long'
  | 'quota'
  | 'unavailable';

export class UserError extends Error {
  override readonly name = 'UserError';
  /** The message as the catalogue holds it (a plain string only while a call site is not yet moved to it). */
  readonly said: Message | string;
  readonly hintSaid?: Message | string;
  constructor(
    readonly code: UserErrorCode,
    message: Message | string,
    /** What to do about it, shown under the message. */
    hint?: Message | string,
  ) {
    super(typeof message === 'string' ? message : say(message, 'en'));
    this.said = message;
    this.hintSaid = hint;
  }

  /** The message in the reader's language. */
  text(lang: Lang): string {
    return typeof this.said === 'string' ? this.said : say(this.said, lang);
  }

  /** What to do about it, in the reader's language. */
  hint(lang: Lang): string | undefined {
    const h = this.hintSaid;
    return h === undefined ? undefined : typeof h === 'string' ? h : say(h, lang);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError || (error instanceof Error && error.name === 'UserError');
}

/** A command failed because the sandbox host is in trouble (its disk is full): its owner hears why, and so do the ops. */
export class HostTrouble extends UserError {
  constructor(
    message: Message,
    hint: Message,
    /** What the ops channel hears (once in a while, not once per command). */
    readonly opsNotice: Message,
  ) {
    super('unavailable', message, hint);
  }
}

/** The same request came again (a platform's retry, or a replay): it is not acted on twice. */
export class Replayed extends Error {
  override readonly name = 'Replayed';
  constructor() {
    super('this request was received before');
  }
}

/** A platform asked us to wait (HTTP 429 with Retry-After): the delivery is tried again after `delayMs`. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
  constructor(
    readonly delayMs: number,
    message = `retry after ${delayMs} ms`,
  ) {
    super(message);
  }
}

/**
 * The platform refused a delivery in a way no retry can mend (the bot is not in the channel, a missing scope or
 * permission, a payload the platform rejects): the delivery fails at once, with the reason logged.
 */
export class Undeliverable extends Error {
  override readonly name = 'Undeliverable';
  constructor(
    readonly reason: string,
    /** What the deployment's admins should hear in the ops channel (a channel the bot cannot post in, and the fix). */
    readonly opsNotice?: Message,
  ) {
    super(`undeliverable: ${reason}`);
  }
}

/** New work taken by a worker whose host has just gone out: it goes back to the queue at once, for another host. */
export class ForAnotherHost extends Error {
  override readonly name = 'ForAnotherHost';
}

/** The sandbox host's Docker engine did not answer (socket missing, connection refused or reset). */
export class EngineUnavailable extends Error {
  override readonly name: string = 'EngineUnavailable';
  constructor(override readonly cause: unknown) {
    super(`the Docker engine is unreachable (${(cause as { code?: string })?.code ?? (cause as Error)?.message ?? cause})`);
  }
}

/**
 * The engine's host did not prove who it is, or refused to take us for who we are (a TLS certificate that does not
 * verify, an ssh host key known_hosts does not list, a login refused): as good as no engine, so it counts against
 * the host's health and the work waits or goes to another host, as for an engine away. `said` is the reason, for
 * the ops channel and the logs (it names the engine's address and files).
 */
export class EngineUntrusted extends EngineUnavailable {
  override readonly name = 'EngineUntrusted';
  constructor(
    cause: unknown,
    readonly said: Message,
  ) {
    super(cause);
    this.message = say(said, 'en');
  }
}
