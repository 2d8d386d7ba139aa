import { UserError } from '../../src/errors.js';
import type { ExecContext } from '../../src/core/command.js';
import { msg } from '../../src/core/messages/index.js';

/** Pulls the image when the policy says so (`missing`: only when the engine lacks it), reporting progress. */
export async function ensureImage(ctx: ExecContext<unknown>, ref: string, when: 'missing' | 'always' | 'never'): Promise<void> {
  if (when !== 'always' && (await ctx.sandbox.hasImage(ref))) return;
  if (when === 'never') {
    throw new UserError('not-found', msg('image.notHere', { ref }), msg('image.notHere.hint', { ref }));
  }
  await ctx.progress({ stage: 'pulling', detail: ref });
  let last = 0;
  await ctx.sandbox.pull(ref, (status) => {
    // At most one progress edit a second: chat platforms rate-limit edits.
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    void ctx.progress({ stage: 'pulling', detail: `${ref}: ${status}` });
  });
}
