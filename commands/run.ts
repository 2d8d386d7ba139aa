import { UserError } from '../src/errors.js';
import { joinArgv } from '../src/core/argv.js';
import { defineCommand, type ExecContext } from '../src/core/command.js';
import { resolveAlias } from '../src/core/catalog.js';
import type { Lang } from '../src/core/flag-spec.js';
import { flagString } from '../src/core/parse-flags.js';
import { msg, say } from '../src/core/messages/index.js';
import type { Reply } from '../src/core/reply.js';
import type { RunResult, RunPlan } from '../src/core/sandbox-api.js';
import { formatBinaryBytes, formatDuration } from '../src/core/units.js';
import { LABEL } from '../src/policy/labels.js';
import { planRun, type RunArgs } from '../src/policy/run-plan.js';
import { RUN_FLAG_RULES, UNSUPPORTED_FLAG } from '../src/policy/run-flags.js';
import { runFlags } from './flags/run.js';
import { containerButtons } from './shared/replies.js';
import { ensureImage } from './shared/images.js';
import { streamOutput } from './shared/stream-output.js';

export const run = defineCommand<RunArgs>({
  name: 'run',
  aliases: ['container run'],
  summary: { en: 'Create and run a new container from an image', ko: '이미지로 새 컨테이너를 만들어 실행한다' },
  usage: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  flags: runFlags,
  flagRules: RUN_FLAG_RULES,
  otherFlags: UNSUPPORTED_FLAG,
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
    if (!image) throw new UserError('bad-value', msg('run.needsImage'), msg('run.needsImage.hint'));
    const resolved = resolveAlias(image, cmd);
    const args = { image: resolved.image, cmd: resolved.cmd, flags: parsed };
    planRun(args, env.who, 'check', env.settings); // refuse now, before anything is queued
    return args;
  },
  // A run is new work unless it names a container or volume that exists: then it goes where that lives.
  targets(args, env) {
    const plan = planRun(args, env.who, 'check', env.settings);
    return { containers: flagString(args.flags, 'name') ? [plan.displayName] : [], volumes: plan.mounts.map((m) => m.name) };
  },
  async execute(ctx) {
    const plan = planRun(ctx.args, ctx.who, ctx.jobId, ctx.settings);
    await checkRunningQuota(ctx, plan);
    // A digest is never fetched for a user: it runs only when it is the one the deployment pinned (checked again
    // where the container is created), so an unknown digest is refused before any pull.
    const byDigest = plan.image.digest !== undefined && !ctx.who.admin;
    if (byDigest && !(await ctx.sandbox.hasImage(plan.image.familiar)))
      throw new UserError('image-not-allowed', msg('pin.unknownDigest', { image: plan.image.familiar }), msg('pin.unknownDigest.hint'));
    await ensureImage(ctx, plan.image.familiar, byDigest ? 'never' : plan.pull);
    await ctx.progress({ stage: 'running', detail: plan.displayName });
    const stream = plan.detach ? undefined : streamOutput(ctx, plan.displayName);
    let result: RunResult;
    try {
      result = await ctx.sandbox.run({ ...plan, onOutput: stream?.onOutput }, ctx.signal);
    } finally {
      await stream?.done();
    }
    if (plan.detach) {
      const at = Number(plan.labels[LABEL.expires]);
      await ctx.expiry.expireAt({ containerId: result.containerId, name: plan.displayName, who: ctx.who, replyTo: ctx.replyTo }, at);
    }
    return plan.detach ? detachedReply(plan, result, ctx.lang) : finishedReply(plan, result, ctx.argv, ctx.lang);
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
      msg('run.quota', { count: mine.length, limit }),
      msg('run.quota.hint', { names: mine.map((c) => c.name).join(', ') }),
    );
  }
}

function detachedReply(plan: RunPlan, result: RunResult, lang: Lang): Reply {
  const name = plan.displayName;
  return {
    status: 'ok',
    title: say(msg('run.detached', { name }), lang),
    body: say(msg('run.detached.body', { name, ttl: formatDuration(plan.limits.timeoutMs, lang) }), lang),
    code: { text: result.containerId },
    fields: [
      { name: say('field.image', lang), value: plan.image.familiar },
      { name: say('field.container', lang), value: name },
    ],
    buttons: containerButtons(name, { exists: true }, lang),
  };
}

function finishedReply(plan: RunPlan, result: RunResult, argv: readonly string[], lang: Lang): Reply {
  const notes: string[] = [];
  if (result.cancelledBy) notes.push(say(msg('run.cancelled', { by: result.cancelledBy }), lang));
  if (result.timedOut) notes.push(say(msg('run.timedOut', { time: formatDuration(plan.limits.timeoutMs, lang) }), lang));
  if (result.oomKilled) notes.push(say(msg('run.oom', { limit: formatBinaryBytes(plan.limits.memoryBytes) }), lang));
  if (result.truncated) notes.push(say(msg('run.outputCut', { size: formatBinaryBytes(plan.limits.outputBytes) }), lang));
  if (result.recovered) notes.push(say('run.recovered', lang));
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
      { name: say('field.exitCode', lang), value: String(result.exitCode) },
      { name: say('field.duration', lang), value: formatDuration(result.durationMs, lang) },
      { name: say('field.container', lang), value: removed ? say(msg('run.removed', { name: plan.displayName }), lang) : plan.displayName },
    ],
    buttons: containerButtons(plan.displayName, { exists: !removed, rerun: argv, explain: argv }, lang),
  };
}
