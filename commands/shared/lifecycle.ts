import { UserError } from '../../src/errors.js';
import { defineCommand, type CommandDefinition } from '../../src/core/command.js';
import type { FlagRule, FlagSpec, Text } from '../../src/core/flag-spec.js';
import { msg, say } from '../../src/core/messages/index.js';
import { flagString } from '../../src/core/parse-flags.js';
import type { ContainerInfo, SandboxApi } from '../../src/core/sandbox-api.js';
import { CONTAINERS_ARG, ownContainers } from './containers.js';
import { needArgs } from './need-args.js';

interface LifecycleCommand {
  name: string;
  summary: Text;
  flags: FlagSpec[];
  flagRules: Readonly<Record<string, FlagRule>>;
  /** The reply's title: "Stopped web". */
  done: 'lifecycle.stop' | 'lifecycle.start' | 'lifecycle.restart';
  act(sandbox: SandboxApi, container: ContainerInfo, timeoutSeconds?: number): Promise<void>;
}

/** stop, start and restart differ only in the engine call: one definition shape for the three. */
export function lifecycleCommand(spec: LifecycleCommand): CommandDefinition<{ containers: string[]; timeout?: number }> {
  return defineCommand({
    name: spec.name,
    aliases: [`container ${spec.name}`],
    summary: spec.summary,
    usage: `${spec.name} [OPTIONS] CONTAINER [CONTAINER...]`,
    flags: spec.flags,
    flagRules: spec.flagRules,
    positionals: [CONTAINERS_ARG],
    interspersed: true,
    access: 'write',
    runsOn: 'worker',
    build(parsed, env) {
      return {
        containers: needArgs(parsed, spec.name, 'container'),
        timeout: stopGrace(flagString(parsed, 'timeout'), env.settings.stopGraceMax),
      };
    },
    targets: (args) => ({ containers: args.containers }),
    async execute(ctx) {
      const targets = await ownContainers(ctx, ctx.args.containers);
      for (const c of targets) await spec.act(ctx.sandbox, c, ctx.args.timeout);
      return { status: 'ok', title: say(msg(spec.done, { names: targets.map((c) => c.name).join(', ') }), ctx.lang) };
    },
  });
}

/**
 * The grace before the engine kills a container that ignores its stop signal, in seconds: what the user typed
 * within 0..STOP_GRACE_MAX (Docker reads -1 as "wait for ever"), else the smaller of Docker's 10 s and the maximum.
 * Always given to the engine, so no container's own StopTimeout can stretch it either.
 */
export function stopGrace(typed: string | undefined, maxMs: number): number {
  const max = Math.floor(maxMs / 1000);
  if (typed === undefined) return Math.min(10, max);
  const value = Number(typed);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new UserError(
      'bad-value',
      msg('limits.outOfRange', { flag: '--timeout', typed, min: '0', max: String(max) }),
      msg('stop.grace.hint', { max }),
    );
  return value;
}

/** stop and restart refuse --signal: the engine stops with the container's stop signal, then kills. */
export const STOP_FLAG_RULES: Readonly<Record<string, FlagRule>> = {
  signal: {
    verdict: 'refused',
    why: {
      en: 'containers are stopped with their stop signal, then killed.',
      ko: '컨테이너는 자기 정지 시그널로 멈추고, 그래도 멈추지 않으면 강제로 종료된다.',
    },
  },
};

export const STOP_FLAGS: FlagSpec[] = [
  { long: 'signal', short: 's', type: 'string', en: 'Signal to send to the container', ko: '컨테이너에 보낼 시그널' },
  {
    long: 'timeout',
    short: 't',
    type: 'int',
    en: 'Seconds to wait before killing the container',
    ko: '강제 종료하기 전에 기다릴 시간(초)',
  },
];
