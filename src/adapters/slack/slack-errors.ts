import { webApi } from '@slack/bolt';
import { RetryLater, Undeliverable } from '../../errors.js';

/** The bot is not in the channel (or cannot see it): the command's response_url is the way left to the user. */
export const NOT_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** Slack's refusals that no retry can mend: the delivery fails at once, with the code logged. */
const FINAL = new Set([
  ...NOT_MEMBER,
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'missing_scope',
  'not_allowed_token_type',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
  'cant_update_message',
  'edit_window_closed',
  'user_not_in_channel',
  'invalid_arguments',
  'team_access_not_granted',
]);

/** Slack's error code of a refused Web API call (`not_in_channel`, `invalid_blocks`…), if it was one. */
export function slackError(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** A 429's wait in ms, if the error is one. */
export function rateLimitedMs(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: number };
  return e?.code === webApi.ErrorCode.RateLimitedError ? Math.max(1, e.retryAfter ?? 1) * 1000 : undefined;
}

/**
 * The error as the delivery queue understands it: a 429 is RetryLater (every lane of the platform pauses), a
 * refusal no retry can mend is Undeliverable (failed at once, its reason logged); anything else is retried.
 */
export function forDeliveries(error: unknown): unknown {
  const wait = rateLimitedMs(error);
  if (wait !== undefined) return new RetryLater(wait);
  const code = slackError(error);
  if (code && FINAL.has(code)) {
    const needed = (error as { data?: { needed?: string } }).data?.needed;
    return new Undeliverable(needed ? `${code} (needed: ${needed})` : code);
  }
  return error;
}

/**
 * Runs a Web API call on the acknowledgement path (a button's answer, an upload), where no delivery queue waits out
 * a 429: it waits Retry-After itself and tries again, a few times.
 */
export async function afterRateLimits<T>(call: () => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = rateLimitedMs(error);
      if (wait === undefined || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
