import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { formatTable } from '../src/core/table.js';
import { ownContainers } from './shared/containers.js';
import { listing } from './shared/replies.js';
import { needArgs } from './shared/need-args.js';

/** `docker top CONTAINER`: the processes of one of the user's running containers, as the engine lists them. */
export const top = defineCommand<{ container: string }>({
  name: 'top',
  aliases: ['container top'],
  summary: { en: 'Show the running processes of one of your containers', ko: '내 컨테이너에서 실행 중인 프로세스를 보여 준다' },
  usage: 'top CONTAINER',
  flags: [],
  positionals: [
    { name: 'container', required: true, en: 'Container name or ID (yours)', ko: '컨테이너 이름 또는 ID (내 것)' },
    { name: 'ps-options', variadic: true, en: 'ps options (not offered)', ko: 'ps 옵션 (제공하지 않음)' },
  ],
  // Everything after the container is ps's, as in the Docker CLI; the engine would run ps with it on the host.
  interspersed: false,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    const [container, ...psOptions] = needArgs(parsed, 'top', 'container');
    if (psOptions.length) throw new UserError('bad-value', msg('top.psOptions', { text: psOptions.join(' ') }));
    return { container: container! };
  },
  targets: (args) => ({ containers: [args.container] }),
  async execute(ctx) {
    const [target] = await ownContainers(ctx, [ctx.args.container]);
    if (target!.state !== 'running') throw new UserError('conflict', msg('top.notRunning', { name: target!.name }));
    const { titles, processes } = await ctx.sandbox.containerTop(target!.id);
    return listing(say(msg('top.title', { name: target!.name }), ctx.lang), formatTable(titles, processes), say('top.none', ctx.lang));
  },
});
