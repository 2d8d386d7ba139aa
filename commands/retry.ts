import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { ownJob } from './shared/jobs.js';
import { needArgs } from './shared/refuse.js';

export const retry = defineCommand<{ jobId: string }>({
  name: 'retry',
  aliases: [],
  summary: { en: 'Run a failed job of yours again, as a new job', ko: '실패한 내 작업을 새 작업으로 다시 실행한다' },
  usage: 'retry JOB',
  flags: [],
  positionals: [{ name: 'job', required: true, en: 'The number of the failed job', ko: '실패한 작업 번호' }],
  interspersed: true,
  access: 'write',
  runsOn: 'bot',
  build: (parsed) => ({ jobId: needArgs(parsed, 'retry', 'a job')[0]! }),
  async execute(ctx) {
    const job = await ownJob(ctx, ctx.args.jobId, false);
    const failed =
      job.state === 'failed' ||
      (job.outcome !== undefined && (job.outcome.exitCode !== 0 || job.outcome.timedOut || job.outcome.oomKilled));
    if (!failed)
      throw new UserError(
        'conflict',
        `Job #${job.id} did not fail (it is ${job.state}).`,
        'Only a failed job is retried; run the command again instead.',
      );
    const queued = await ctx.jobs.requeue(job, ctx.replyTo);
    return { status: 'ok', title: `Queued as #${queued.jobId} (position ${queued.position}), a retry of #${job.id}`, body: job.text };
  },
});
