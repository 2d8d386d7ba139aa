import { UserError } from '../../src/errors.js';
import type { ExecContext } from '../../src/core/command.js';
import { msg, say, type Message } from '../../src/core/messages/index.js';
import type { Reply, ReplyButton } from '../../src/core/reply.js';
import { ownerId } from '../../src/core/request.js';
import type { ContainerInfo, LogOptions } from '../../src/core/sandbox-api.js';
import { formatDuration } from '../../src/core/units.js';
import { streamOutput } from './stream-output.js';

/** How often a follow checks that it is still its owner's one (a newer follow ends it). */
const CURRENT_CHECK_MS = 1000;

/** What a follow shows when it ends: everything it saw, within the output limit. */
export interface Followed {
  text: string;
  truncated: boolean;
}

/**
 * A follow (`logs -f`, `stats --no-stream=false`): `watch` streams into the job's message, with a Stop button (the
 * job's `cancel`), until what it watches ends, Stop is pressed, FOLLOW_MAX passes or its owner starts another
 * follow (`signal` aborts then). A job that began following before (its worker died) is not followed again: it ends
 * at once, saying so.
 */
export async function follow(
  ctx: ExecContext<unknown>,
  name: string,
  title: string,
  watch: (signal: AbortSignal, stop: ReplyButton) => Promise<Followed>,
): Promise<Reply> {
  const { lang, jobId } = ctx;
  const owner = ownerId(ctx.who);
  const follows = ctx.follows!;
  const verdict = await follows.begin(owner, jobId);
  if (verdict === 'again') return { status: 'info', title, body: say(msg('follow.lost', { name }), lang) };
  if (verdict === 'full') throw new UserError('quota', msg('follow.full', { slots: ctx.settings.followSlots }), msg('follow.full.hint'));
  const ended = new AbortController();
  const end = (why: Message) => ended.signal.aborted || ended.abort(why);
  const onCancel = () => end(msg('follow.stopped', { by: String(ctx.signal?.reason ?? '') }));
  ctx.signal?.addEventListener('abort', onCancel);
  if (ctx.signal?.aborted) onCancel();
  const timer = setTimeout(() => end(msg('follow.timeUp', { time: formatDuration(ctx.settings.followMax, lang) })), ctx.settings.followMax);
  const current = setInterval(() => {
    follows.current(owner, jobId).then(
      (still) => still || end(msg('follow.replaced')),
      () => {},
    );
  }, CURRENT_CHECK_MS);
  const stop: ReplyButton = { id: 'stop', label: say('button.stop', lang), command: `cancel ${jobId}` };
  let result: Followed;
  try {
    await ctx.progress({ stage: 'running', detail: name, buttons: [stop] });
    result = await watch(ended.signal, stop);
  } finally {
    clearTimeout(timer);
    clearInterval(current);
    ctx.signal?.removeEventListener('abort', onCancel);
    await follows.end(owner, jobId).catch(() => {});
  }
  const why = ended.signal.aborted ? (ended.signal.reason as Message) : msg('follow.containerStopped');
  return { status: 'info', title, body: say(why, lang), code: { text: result.text, truncated: result.truncated } };
}

/** `logs -f`: the container's output as it comes. */
export function followLogs(ctx: ExecContext<{ tail: number | 'all'; options: LogOptions }>, target: ContainerInfo): Promise<Reply> {
  const title = say(msg('follow.title', { name: target.name }), ctx.lang);
  return follow(ctx, target.name, title, async (signal, stop) => {
    const stream = streamOutput(ctx, target.name, { buttons: [stop] });
    try {
      const options = { ...ctx.args.options, onOutput: stream.onOutput };
      return await ctx.sandbox.followLogs(target.id, ctx.args.tail, ctx.settings.outputLimit, options, signal);
    } finally {
      await stream.done();
    }
  });
}
