import { Replayed, UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { Quotas } from '../core/policy-schema.js';
import type { AdmissionVerdict } from '../core/queue-ports.js';

/**
 * The quota rules in words: what admission found, as the refusal a user reads (the counting is queue/'s). Returns
 * the reservation of a queued command; throws for a limit reached, Replayed for a request seen before.
 * `queued`: whether Redis being out of reach stops the command (a command for a worker cannot be queued then;
 * one the bot answers itself, help or explain, goes ahead without its rate check).
 */
export function admitted(verdict: AdmissionVerdict, quotas: Quotas, queued: boolean): string | undefined {
  switch (verdict.kind) {
    case 'ok':
      return verdict.reservation;
    case 'replayed':
      throw new Replayed();
    case 'rate':
      throw new UserError(
        'quota',
        msg('quota.rate', { count: verdict.count, limit: quotas.commandsPerMinute }),
        msg('quota.rate.hint', { seconds: verdict.retryInS }),
      );
    case 'depth':
      throw new UserError('quota', msg('quota.depth', { count: verdict.count, limit: quotas.queueDepth }), msg('quota.depth.hint'));
    case 'mine':
      throw new UserError('quota', msg('quota.mine', { count: verdict.count, limit: quotas.queuedJobs }), msg('quota.mine.hint'));
    case 'unavailable':
      if (queued) throw new UserError('unavailable', msg('queue.unreachable'), msg('queue.unreachable.hint'));
      return undefined;
    case 'full':
      if (queued) throw new UserError('unavailable', msg('queue.full'), msg('queue.full.hint'));
      return undefined;
  }
}
