import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { flagString } from '../src/core/parse-flags.js';
import { ownContainers } from './shared/containers.js';
import { needArgs } from './shared/refuse.js';

export const logs = defineCommand<{ container: string; tail: number | 'all' }>({
  name: 'logs',
  aliases: ['container logs'],
  summary: { en: 'Show the output of one of your containers', ko: '내 컨테이너의 출력(로그)을 보여 준다' },
  usage: 'logs [OPTIONS] CONTAINER',
  flags: [
    { long: 'details', type: 'bool', en: 'Show extra details provided to logs', ko: '로그에 담긴 추가 정보를 보여 준다' },
    { long: 'follow', short: 'f', type: 'bool', en: 'Follow log output', ko: '새 로그를 계속 따라가며 보여 준다' },
    {
      long: 'since',
      type: 'string',
      en: 'Show logs since timestamp or relative (e.g. 42m)',
      ko: '지정한 시각(또는 42m 전) 이후의 로그만 보여 준다',
    },
    {
      long: 'tail',
      short: 'n',
      type: 'string',
      en: 'Number of lines to show from the end of the logs',
      ko: '로그 끝에서부터 보여 줄 줄 수 (기본 all)',
    },
    { long: 'timestamps', short: 't', type: 'bool', en: 'Show timestamps', ko: '타임스탬프를 함께 보여 준다' },
    {
      long: 'until',
      type: 'string',
      en: 'Show logs before a timestamp or relative (e.g. 42m)',
      ko: '지정한 시각(또는 42m 전) 이전의 로그만 보여 준다',
    },
  ],
  positionals: [{ name: 'container', required: true, en: 'Container name or ID (yours)', ko: '컨테이너 이름 또는 ID (내 것)' }],
  refused: {
    follow: 'a chat message cannot follow; run logs again for newer lines.',
    since: 'use --tail.',
    until: 'use --tail.',
    timestamps: 'not offered yet.',
    details: 'not offered yet.',
  },
  chatOptions: ['tail'],
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    const [container] = needArgs(parsed, 'logs', 'a container');
    const tailText = flagString(parsed, 'tail') ?? 'all';
    if (tailText !== 'all' && !/^\d+$/.test(tailText))
      throw new UserError('bad-value', `--tail takes a number of lines or "all", not "${tailText}".`);
    return { container: container!, tail: tailText === 'all' ? 'all' : Number(tailText) };
  },
  async execute(ctx) {
    const [target] = await ownContainers(ctx, [ctx.args.container]);
    const logs = await ctx.sandbox.containerLogs(target!.id, ctx.args.tail, ctx.settings.outputLimit);
    return {
      status: 'info',
      title: `Logs of ${target!.name}`,
      body: logs.text ? undefined : 'No output yet.',
      code: { text: logs.text, truncated: logs.truncated },
      fields: [{ name: 'State', value: target!.status }],
    };
  },
});
