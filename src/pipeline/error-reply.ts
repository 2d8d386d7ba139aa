import { isUserError } from '../errors.js';
import type { Reply } from '../core/reply.js';

/** The reply for a failure: a user's error in its own words with what to do; ours as one generic line. */
export function errorReply(error: unknown, jobId?: string): Reply {
  if (isUserError(error)) {
    const refused = error.code === 'refused-flag' || error.code === 'forbidden' || error.code === 'image-not-allowed';
    return { status: refused ? 'refused' : 'error', title: error.message, body: error.hint, ephemeral: true };
  }
  return {
    status: 'error',
    title: 'Something went wrong on our side',
    body: `The command did not complete${jobId ? ` (job #${jobId})` : ''}. It has been logged; try again in a moment.`,
    ephemeral: true,
  };
}
