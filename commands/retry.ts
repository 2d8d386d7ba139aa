import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { ownerId } from '../src/core/request.js';
import { admitted } from '../src/policy/quotas.js';
import { ownJob } from './shared/jobs.js';
import { needArgs } from './shared/need-args.js';

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
  build: (parsed) => ({ jobId: needArgs(parsed, 'retry', 'job')[0]! }),
  async execute(ctx) {
    const job = await ownJob(ctx, ctx.args.jobId, false);
    const failed =
      job.state === 'failed' ||
      (job.outcome !== undefined && (job.outcome.exitCode !== 0 || job.outcome.timedOut || job.outcome.oomKilled));
    if (!failed) throw new UserError('conflict', msg('retry.notFailed', { id: job.id, state: job.state }), msg('retry.notFailed.hint'));
    // The same door as a typed command: a retry takes a place under the user's and the queue's limits, atomically.
    const reservation = admitted(await ctx.gate.admit(ctx.who, true), ctx.settings.policy.quotas, true);
    let queued;
    try {
      queued = await ctx.jobs.requeue(job, ctx.replyTo, reservation);
    } catch (error) {
      if (reservation) await ctx.gate.release(ownerId(ctx.who), reservation).catch(() => {});
      throw error;
    }
    const title = say(msg('retry.queued', { job: queued.jobId, position: queued.position, of: job.id }), ctx.lang);
    return { status: 'ok', title, body: job.shownText };
  },
});
