import { defineCommand } from '../src/core/command.js';
import { formatBinaryBytes } from '../src/core/units.js';
import { LABEL, LABEL_PREFIX } from '../src/policy/labels.js';
import { ownContainers } from './shared/containers.js';
import { needArgs } from './shared/refuse.js';

interface Inspected {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: { Status: string; ExitCode: number; OOMKilled: boolean; StartedAt: string; FinishedAt: string };
  Config: { Image: string; User: string; Labels: Record<string, string>; Env: string[] };
  HostConfig: {
    Memory: number;
    NanoCpus: number;
    PidsLimit: number;
    NetworkMode: string;
    ReadonlyRootfs: boolean;
    CapDrop: string[] | null;
    SecurityOpt: string[] | null;
  };
}

export const inspect = defineCommand<{ container: string }>({
  name: 'inspect',
  aliases: ['container inspect'],
  summary: { en: 'Show a summary of one of your containers', ko: '내 컨테이너의 요약 정보를 보여 준다' },
  usage: 'inspect [OPTIONS] CONTAINER',
  flags: [
    { long: 'format', short: 'f', type: 'string', en: 'Format output using a custom template', ko: '출력 형식을 템플릿으로 정한다' },
    {
      long: 'size',
      short: 's',
      type: 'bool',
      en: 'Display total file sizes if the type is container',
      ko: '컨테이너의 파일 크기 합계를 보여 준다',
    },
    { long: 'type', type: 'string', en: 'Return JSON for specified type', ko: '지정한 종류의 JSON을 돌려준다' },
  ],
  positionals: [{ name: 'container', required: true, en: 'Container name or ID (yours)', ko: '컨테이너 이름 또는 ID (내 것)' }],
  refused: { format: 'the summary has a fixed shape.', size: 'sizes are not computed here.', type: 'only containers are inspected.' },
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    return { container: needArgs(parsed, 'inspect', 'a container')[0]! };
  },
  async execute(ctx) {
    const [target] = await ownContainers(ctx, [ctx.args.container]);
    const info = (await ctx.sandbox.inspectContainer(target!.id)) as unknown as Inspected;
    const h = info.HostConfig;
    const userLabels = Object.entries(info.Config.Labels ?? {}).filter(([k]) => !k.startsWith(LABEL_PREFIX));
    const lines = [
      `ID:        ${info.Id}`,
      `Name:      ${target!.name}`,
      `Image:     ${info.Config.Image}`,
      `Command:   ${[info.Path, ...info.Args].join(' ')}`,
      `State:     ${info.State.Status}${info.State.Status === 'exited' ? ` (exit ${info.State.ExitCode}${info.State.OOMKilled ? ', out of memory' : ''})` : ''}`,
      `Created:   ${info.Created}`,
      `Started:   ${info.State.StartedAt}`,
      `Finished:  ${info.State.FinishedAt}`,
      `Owner:     ${info.Config.Labels[LABEL.ownerName] ?? info.Config.Labels[LABEL.owner]}`,
      `User:      ${info.Config.User}`,
      `Limits:    memory ${formatBinaryBytes(h.Memory)} (no swap), ${h.NanoCpus / 1e9} CPU, ${h.PidsLimit} processes`,
      `Network:   ${h.NetworkMode}`,
      `Root fs:   ${h.ReadonlyRootfs ? 'read-only' : 'writable'}`,
      `Security:  capabilities dropped: ${(h.CapDrop ?? []).join(',') || 'none'}; ${(h.SecurityOpt ?? []).join(', ')}`,
      ...(userLabels.length ? [`Labels:    ${userLabels.map(([k, v]) => `${k}=${v}`).join(', ')}`] : []),
    ];
    return { status: 'info', title: `Container ${target!.name}`, code: { text: lines.join('\n') } };
  },
});
