import { UserError } from '../src/errors.js';
import { joinArgv } from '../src/core/argv.js';
import { defineCommand, type ExecContext } from '../src/core/command.js';
import { resolveAlias } from '../src/core/catalog.js';
import type { Reply } from '../src/core/reply.js';
import type { RunResult, RunPlan } from '../src/core/sandbox-api.js';
import { formatBinaryBytes, formatDuration } from '../src/core/units.js';
import { LABEL } from '../src/policy/labels.js';
import { planRun, type RunArgs } from '../src/policy/run-plan.js';
import { runFlags } from './flags/run.js';
import { containerButtons } from './shared/replies.js';
import { ensureImage } from './shared/images.js';

export const run = defineCommand<RunArgs>({
  name: 'run',
  aliases: ['container run'],
  summary: { en: 'Create and run a new container from an image', ko: '이미지로 새 컨테이너를 만들어 실행한다' },
  usage: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  flags: runFlags,
  positionals: [
    { name: 'image', required: true, en: 'The image to run, or an alias such as whalesay', ko: '실행할 이미지 또는 whalesay 같은 별칭' },
    { name: 'command', variadic: true, en: "The container's command and its arguments", ko: '컨테이너에서 실행할 명령과 인자' },
  ],
  chatOptions: ['detach', 'rm', 'name'],
  interspersed: false,
  access: 'write',
  runsOn: 'worker',
  build(parsed, env) {
    const [image, ...cmd] = parsed.positionals;
    if (!image)
      throw new UserError('bad-value', '"run" needs an image.', 'Write /docker run IMAGE [COMMAND], e.g. /docker run whalesay boo.');
    const resolved = resolveAlias(image, cmd);
    const args = { image: resolved.image, cmd: resolved.cmd, flags: parsed };
    planRun(args, env.who, 'check', env.settings); // refuse now, before anything is queued
    return args;
  },
  async execute(ctx) {
    const plan = planRun(ctx.args, ctx.who, ctx.jobId, ctx.settings);
    await checkRunningQuota(ctx, plan);
    await ensureImage(ctx, plan.image.familiar, plan.pull);
    await ctx.progress({ stage: 'running', detail: plan.displayName });
    const result = await ctx.sandbox.run(plan, ctx.signal);
    if (plan.detach) {
      const at = Number(plan.labels[LABEL.expires]);
      await ctx.expiry.expireAt({ containerId: result.containerId, name: plan.displayName, who: ctx.who, replyTo: ctx.replyTo }, at);
    }
    return plan.detach ? detachedReply(plan, result) : finishedReply(plan, result, ctx.argv);
  },
});

/**
 * The per-user limit on containers running in the background, counted on the engine where they are. Foreground
 * runs end within their timeout and are bounded by the queued-jobs quota instead.
 */
async function checkRunningQuota(ctx: ExecContext<RunArgs>, plan: RunPlan): Promise<void> {
  const limit = ctx.settings.policy.quotas.runningContainers;
  if (ctx.who.admin || !plan.detach) return;
  const mine = (await ctx.sandbox.listContainers({ all: false })).filter(
    (c) => c.owner === plan.labels[LABEL.owner] && c.detached && c.jobId !== ctx.jobId,
  );
  if (mine.length >= limit) {
    throw new UserError(
      'quota',
      `You have ${mine.length} containers running in the background; the limit is ${limit}.`,
      `Nothing was started. Stop one first (${mine.map((c) => c.name).join(', ')}).`,
    );
  }
}

function detachedReply(plan: RunPlan, result: RunResult): Reply {
  return {
    status: 'ok',
    title: `Started ${plan.displayName} in the background`,
    body: `It is stopped and removed after ${formatDuration(plan.limits.timeoutMs)}. \`/docker logs ${plan.displayName}\` shows its output.`,
    code: { text: result.containerId },
    fields: [
      { name: 'Image', value: plan.image.familiar },
      { name: 'Container', value: plan.displayName },
    ],
    buttons: containerButtons(plan.displayName, { exists: true }),
  };
}

function finishedReply(plan: RunPlan, result: RunResult, argv: readonly string[]): Reply {
  const notes: string[] = [];
  if (result.cancelledBy) notes.push(`Cancelled by ${result.cancelledBy}: the container was stopped.`);
  if (result.timedOut)
    notes.push(`Killed after ${formatDuration(plan.limits.timeoutMs)}: the time limit for a foreground run. Use -d for longer work.`);
  if (result.oomKilled) notes.push(`Killed for running out of memory (limit ${formatBinaryBytes(plan.limits.memoryBytes)}).`);
  if (result.truncated) notes.push(`Output cut at ${formatBinaryBytes(plan.limits.outputBytes)}; the container was stopped there.`);
  if (result.recovered) notes.push('Collected from the container this job had already started.');
  const removed = plan.autoRemove;
  return {
    status: result.exitCode === 0 && !result.timedOut && !result.oomKilled && !result.cancelledBy ? 'ok' : 'failed',
    title: `${plan.image.familiar}${plan.cmd ? ` ${joinArgv(plan.cmd)}` : ''}`.slice(0, 200),
    body: notes.length ? notes.join('\n') : undefined,
    code: { text: result.output, truncated: result.truncated },
    exitCode: result.exitCode,
    outcome: {
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      oomKilled: result.oomKilled,
      truncated: result.truncated,
      durationMs: result.durationMs,
    },
    fields: [
      { name: 'Exit code', value: String(result.exitCode) },
      { name: 'Duration', value: formatDuration(result.durationMs) },
      { name: 'Container', value: removed ? `${plan.displayName} (removed)` : plan.displayName },
    ],
    buttons: containerButtons(plan.displayName, { exists: !removed, rerun: argv, explain: argv }),
  };
}
