import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { flagBool, flagString } from '../src/core/parse-flags.js';
import { dockerTimestamp } from '../src/core/docker-time.js';
import type { LogOptions } from '../src/core/sandbox-api.js';
import { ownContainers } from './shared/containers.js';
import { needArgs } from './shared/need-args.js';
import { ruleText } from './shared/rule-text.js';
import { followLogs } from './shared/follow.js';

export const logs = defineCommand<{ container: string; tail: number | 'all'; options: LogOptions; follow: boolean }>({
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
  flagRules: {
    follow: { verdict: 'used', why: ruleText('live.followUsed') },
    since: { verdict: 'used', why: ruleText('live.sinceUsed') },
    until: { verdict: 'used', why: ruleText('live.sinceUsed') },
  },
  chatOptions: ['tail'],
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    const [container] = needArgs(parsed, 'logs', 'container');
    const tailText = flagString(parsed, 'tail') ?? 'all';
    if (tailText !== 'all' && !/^\d+$/.test(tailText)) throw new UserError('bad-value', msg('logs.badTail', { text: tailText }));
    const now = Date.now();
    const options: LogOptions = { timestamps: flagBool(parsed, 'timestamps'), details: flagBool(parsed, 'details') };
    for (const flag of ['since', 'until'] as const) {
      const text = flagString(parsed, flag);
      if (text === undefined) continue;
      // The worker reads the command again just before it runs: a relative value counts back from then, as the CLI's does.
      const value = dockerTimestamp(text, now);
      if (value === undefined) throw new UserError('bad-value', msg('live.badTime', { flag, text }), msg('live.badTime.hint'));
      options[flag] = value;
    }
    return { container: container!, tail: tailText === 'all' ? 'all' : Number(tailText), options, follow: flagBool(parsed, 'follow') };
  },
  targets: (args) => ({ containers: [args.container] }),
  async execute(ctx) {
    const [target] = await ownContainers(ctx, [ctx.args.container]);
    if (ctx.args.follow) return followLogs(ctx, target!);
    const logs = await ctx.sandbox.containerLogs(target!.id, ctx.args.tail, ctx.settings.outputLimit, ctx.args.options);
    return {
      status: 'info',
      title: say(msg('logs.title', { name: target!.name }), ctx.lang),
      body: logs.text ? undefined : say('logs.none', ctx.lang),
      code: { text: logs.text, truncated: logs.truncated },
      fields: [{ name: say('field.state', ctx.lang), value: target!.status }],
    };
  },
});
