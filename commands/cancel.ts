import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { ownJob } from './shared/jobs.js';
import { needArgs } from './shared/need-args.js';

export const cancel = defineCommand<{ jobId: string }>({
  name: 'cancel',
  aliases: [],
  summary: {
    en: 'Cancel one of your jobs: a waiting one is dropped, a running one stopped',
    ko: '내 작업을 취소한다: 대기 중이면 빼고, 실행 중이면 멈춘다',
  },
  usage: 'cancel JOB',
  flags: [],
  positionals: [{ name: 'job', required: true, en: 'The job number, from "queued #ID"', ko: '"queued #ID"의 작업 번호' }],
  interspersed: true,
  access: 'write',
  runsOn: 'bot',
  build: (parsed) => ({ jobId: needArgs(parsed, 'cancel', 'job')[0]! }),
  async execute(ctx) {
    const job = await ownJob(ctx, ctx.args.jobId, true);
    const outcome = await ctx.jobs.cancel(job.id, ctx.who);
    const title = say(msg(`cancel.${outcome}`, { id: job.id }), ctx.lang);
    return { status: outcome === 'finished' ? 'info' : 'ok', title, body: job.shownText };
  },
});
