import { defineCommand, type CommandDefinition } from '../../src/core/command.js';
import type { Text } from '../../src/core/flag-spec.js';
import type { FlagSpec } from '../../src/core/flag-spec.js';
import { flagString } from '../../src/core/parse-flags.js';
import type { ContainerInfo, SandboxApi } from '../../src/core/sandbox-api.js';
import { CONTAINERS_ARG, ownContainers } from './containers.js';
import { needArgs } from './refuse.js';

interface LifecycleCommand {
  name: string;
  summary: Text;
  flags: FlagSpec[];
  refused: Record<string, string>;
  /** Past tense for the reply: "Stopped". */
  done: string;
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
    refused: spec.refused,
    positionals: [CONTAINERS_ARG],
    interspersed: true,
    access: 'write',
    runsOn: 'worker',
    build(parsed) {
      const timeout = flagString(parsed, 'timeout');
      return {
        containers: needArgs(parsed, spec.name, 'a container'),
        timeout: timeout === undefined ? undefined : Math.min(Number(timeout), 60),
      };
    },
    async execute(ctx) {
      const targets = await ownContainers(ctx, ctx.args.containers);
      for (const c of targets) await spec.act(ctx.sandbox, c, ctx.args.timeout);
      return { status: 'ok', title: `${spec.done} ${targets.map((c) => c.name).join(', ')}` };
    },
  });
}

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
