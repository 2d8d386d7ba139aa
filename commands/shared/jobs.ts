import { UserError } from '../../src/errors.js';
import type { ExecContext } from '../../src/core/command.js';
import { msg } from '../../src/core/messages/index.js';
import type { JobInfo } from '../../src/core/queue-ports.js';
import { ownerId } from '../../src/core/request.js';

/** The job a user means by its number (`12` or `#12`), if it is theirs (or they are an admin, where `admins` allows). */
export async function ownJob(ctx: ExecContext<unknown>, typed: string, admins: boolean): Promise<JobInfo> {
  const id = typed.replace(/^#/, '');
  const job = await ctx.jobs.job(id);
  if (!job || (ownerId(job.who) !== ownerId(ctx.who) && !(admins && ctx.who.admin))) {
    throw new UserError('not-found', msg('job.notYours', { id }), msg('job.notYours.hint'));
  }
  return job;
}
