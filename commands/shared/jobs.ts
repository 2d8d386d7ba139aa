import { UserError } from '../../src/errors.js';
import type { ExecContext } from '../../src/core/command.js';
import type { JobInfo } from '../../src/core/queue-ports.js';
import { ownerId } from '../../src/core/request.js';

/** The job a user means by its number (`12` or `#12`), if it is theirs (or they are an admin, where `admins` allows). */
export async function ownJob(ctx: ExecContext<unknown>, typed: string, admins: boolean): Promise<JobInfo> {
  const id = typed.replace(/^#/, '');
  const job = await ctx.jobs.job(id);
  if (!job || (ownerId(job.who) !== ownerId(ctx.who) && !(admins && ctx.who.admin))) {
    throw new UserError(
      'not-found',
      `No job #${id} of yours is remembered.`,
      '`/docker jobs` lists your jobs; finished ones are kept for a while.',
    );
  }
  return job;
}
