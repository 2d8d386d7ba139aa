import { isUserError, type UserError } from '../errors.js';
import type { Lang } from '../core/flag-spec.js';
import { msg, say } from '../core/messages/index.js';
import type { Reply } from '../core/reply.js';

/** The reply for a failure: a user's error in its own words with what to do; ours as one generic line. */
export function errorReply(error: unknown, lang: Lang, jobId?: string): Reply {
  if (isUserError(error)) {
    const e = error as UserError;
    const refused = e.code === 'refused-flag' || e.code === 'forbidden' || e.code === 'image-not-allowed';
    return { status: refused ? 'refused' : 'error', title: e.text(lang), body: e.hint(lang), ephemeral: true };
  }
  return {
    status: 'error',
    title: say('error.internal', lang),
    body: say(msg('error.internal.hint', { job: jobId }), lang),
    ephemeral: true,
  };
}
