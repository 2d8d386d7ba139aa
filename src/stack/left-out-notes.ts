import type { Lang } from '../core/flag-spec.js';
import { msg, say } from '../core/messages/index.js';
import type { Reply } from '../core/reply.js';
import { UserError } from '../errors.js';
import type { LeftOut } from '../sandbox/fleet-sandbox.js';

/** A line for each host a job's lists, pulls or lookups did not hear from, saying why. */
function leftOutNotes(leftOut: ReadonlyMap<string, LeftOut>, lang: Lang): string[] {
  return [...leftOut.values()].map((l) =>
    say(
      l.why === 'out' ? msg('fleet.leftOut.out', { host: l.host, seconds: l.seconds }) : msg('fleet.leftOut.failed', { host: l.host }),
      lang,
    ),
  );
}

/** The notes under a reply that covers every host. */
export function withLeftOutNote(reply: Reply, leftOut: ReadonlyMap<string, LeftOut>, lang: Lang): Reply {
  if (!leftOut.size) return reply;
  return { ...reply, body: [reply.body, ...leftOutNotes(leftOut, lang)].filter(Boolean).join('\n') };
}

/** "No such container" while a host was not asked: it may be there, so the reply says which host and why. */
export function withLeftOutHint(error: UserError, leftOut: ReadonlyMap<string, LeftOut>, lang: Lang): UserError {
  if (error.code !== 'not-found' || !leftOut.size) return error;
  const hint = error.hintSaid && (typeof error.hintSaid === 'string' ? error.hintSaid : say(error.hintSaid, lang));
  return new UserError(error.code, error.text(lang), [...leftOutNotes(leftOut, lang), hint].filter(Boolean).join('\n'));
}
