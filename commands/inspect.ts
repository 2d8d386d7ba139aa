import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { formatBinaryBytes } from '../src/core/units.js';
import { LABEL, LABEL_PREFIX } from '../src/policy/labels.js';
import { ownContainers } from './shared/containers.js';
import { needArgs } from './shared/need-args.js';

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
  flagRules: {
    format: { verdict: 'refused', why: { en: 'the summary has a fixed shape.', ko: '요약은 정해진 모양으로만 보여 준다.' } },
    size: { verdict: 'refused', why: { en: 'sizes are not computed here.', ko: '여기서는 크기를 계산하지 않는다.' } },
    type: { verdict: 'refused', why: { en: 'only containers are inspected.', ko: '컨테이너만 조회한다.' } },
  },
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    return { container: needArgs(parsed, 'inspect', 'container')[0]! };
  },
  targets: (args) => ({ containers: [args.container] }),
  async execute(ctx) {
    const [target] = await ownContainers(ctx, [ctx.args.container]);
    const info = (await ctx.sandbox.inspectContainer(target!.id)) as unknown as Inspected;
    const h = info.HostConfig;
    const userLabels = Object.entries(info.Config.Labels ?? {}).filter(([k]) => !k.startsWith(LABEL_PREFIX));
    const summary = msg('inspect.summary', {
      id: info.Id,
      name: target!.name,
      image: info.Config.Image,
      command: [info.Path, ...info.Args].join(' '),
      status: info.State.Status,
      exitCode: info.State.Status === 'exited' ? info.State.ExitCode : -1,
      oom: info.State.OOMKilled ? 1 : 0,
      created: info.Created,
      started: info.State.StartedAt,
      finished: info.State.FinishedAt,
      owner: info.Config.Labels[LABEL.ownerName] ?? info.Config.Labels[LABEL.owner] ?? '',
      user: info.Config.User,
      memory: formatBinaryBytes(h.Memory),
      cpus: h.NanoCpus / 1e9,
      pids: h.PidsLimit,
      network: h.NetworkMode,
      readOnly: h.ReadonlyRootfs ? 1 : 0,
      capDrop: (h.CapDrop ?? []).join(','),
      securityOpt: (h.SecurityOpt ?? []).join(', '),
      labels: userLabels.map(([k, v]) => `${k}=${v}`).join(', '),
    });
    return { status: 'info', title: say(msg('inspect.title', { name: target!.name }), ctx.lang), code: { text: say(summary, ctx.lang) } };
  },
});
