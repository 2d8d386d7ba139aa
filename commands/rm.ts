import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { flagBool } from '../src/core/parse-flags.js';
import { CONTAINERS_ARG, ownContainers } from './shared/containers.js';
import { needArgs } from './shared/need-args.js';

export const rm = defineCommand<{ containers: string[]; force: boolean }>({
  name: 'rm',
  aliases: ['container rm', 'container remove'],
  summary: { en: 'Remove one or more of your containers', ko: '내 컨테이너를 하나 이상 삭제한다' },
  usage: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
  flags: [
    {
      long: 'force',
      short: 'f',
      type: 'bool',
      en: 'Force the removal of a running container (uses SIGKILL)',
      ko: '실행 중인 컨테이너도 강제로 삭제한다 (SIGKILL)',
    },
    { long: 'link', short: 'l', type: 'bool', en: 'Remove the specified link', ko: '지정한 링크를 삭제한다' },
    {
      long: 'volumes',
      short: 'v',
      type: 'bool',
      en: 'Remove anonymous volumes associated with the container',
      ko: '컨테이너의 익명 볼륨도 삭제한다',
    },
  ],
  positionals: [CONTAINERS_ARG],
  flagRules: { link: { verdict: 'refused', why: { en: 'sandbox containers have no links.', ko: '샌드박스 컨테이너에는 링크가 없다.' } } },
  chatOptions: ['force'],
  interspersed: true,
  access: 'write',
  runsOn: 'worker',
  build(parsed) {
    return { containers: needArgs(parsed, 'rm', 'container'), force: flagBool(parsed, 'force') };
  },
  targets: (args) => ({ containers: args.containers }),
  async execute(ctx) {
    const targets = await ownContainers(ctx, ctx.args.containers);
    const running = targets.filter((c) => c.state === 'running');
    if (running.length && !ctx.args.force) {
      return {
        status: 'refused',
        title: say('rm.nothing', ctx.lang),
        body: say(msg('rm.running', { names: running.map((c) => c.name).join(', '), count: running.length }), ctx.lang),
        ephemeral: true,
      };
    }
    for (const c of targets) await ctx.sandbox.removeContainer(c.id, ctx.args.force);
    return {
      status: 'ok',
      title: say(msg('rm.done', { count: targets.length }), ctx.lang),
      code: { text: targets.map((c) => c.name).join('\n') },
    };
  },
});
