import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { formatBytes } from '../src/core/units.js';
import { checkContainerPath } from '../src/policy/volumes.js';
import { ownContainers } from './shared/containers.js';
import { needArgs } from './shared/need-args.js';

type CpArgs = { direction: 'in'; file: string; container: string; path: string } | { direction: 'out'; container: string; path: string };

/** `CONTAINER:PATH`, or nothing when the word is a plain file name. */
function containerPath(word: string): { container: string; path: string } | undefined {
  const m = /^([a-zA-Z0-9][a-zA-Z0-9_.-]*):(\/.*)$/.exec(word);
  return m ? { container: m[1]!, path: checkContainerPath(m[2]!) } : undefined;
}

export const cp = defineCommand<CpArgs>({
  name: 'cp',
  aliases: ['container cp'],
  summary: {
    en: 'Copy a file into a container (attach it) or out of one (it comes back attached)',
    ko: '파일을 컨테이너에 넣거나(첨부) 꺼낸다(첨부로 돌아온다)',
  },
  usage: 'cp FILE CONTAINER:PATH | cp CONTAINER:PATH [-]',
  flags: [
    {
      long: 'archive',
      short: 'a',
      type: 'bool',
      en: 'Archive mode (copy all uid/gid information)',
      ko: '아카이브 모드 (uid/gid 정보를 모두 복사)',
    },
    {
      long: 'follow-link',
      short: 'L',
      type: 'bool',
      en: 'Always follow symbol link in SRC_PATH',
      ko: 'SRC_PATH의 심볼릭 링크를 항상 따라간다',
    },
    { long: 'quiet', short: 'q', type: 'bool', en: 'Suppress progress output during copy', ko: '복사 중 진행 출력을 숨긴다' },
  ],
  flagRules: {
    archive: { verdict: 'refused', why: { en: 'files go in as the sandbox user.', ko: '파일은 샌드박스 사용자의 것으로 들어간다.' } },
    'follow-link': {
      verdict: 'refused',
      why: {
        en: 'links are resolved inside the container only, as the engine does.',
        ko: '링크는 엔진이 하듯 컨테이너 안에서만 따라간다.',
      },
    },
  },
  positionals: [
    {
      name: 'source',
      required: true,
      en: 'The file (attached) or CONTAINER:PATH to copy out',
      ko: '넣을 파일(첨부) 또는 꺼낼 CONTAINER:PATH',
    },
    { name: 'destination', en: 'CONTAINER:PATH to copy into, or - to get the file back', ko: '넣을 CONTAINER:PATH, 또는 꺼낼 때 -' },
  ],
  interspersed: true,
  access: 'write',
  runsOn: 'worker',
  build(parsed) {
    const [source, destination] = needArgs(parsed, 'cp', 'source');
    const from = containerPath(source!);
    if (from) {
      if (destination !== undefined && destination !== '-') throw new UserError('bad-value', msg('cp.outNeedsDash'));
      return { direction: 'out', ...from };
    }
    const to = destination === undefined ? undefined : containerPath(destination);
    if (!to) throw new UserError('bad-value', msg('cp.needsContainerPath'));
    const path = to.path.endsWith('/') ? `${to.path}${source}` : to.path;
    return { direction: 'in', file: source!, container: to.container, path };
  },
  targets: (args) => ({ containers: [args.container] }),
  uploadFrom: (args) => (args.direction === 'in' ? args.file : undefined),
  async execute(ctx) {
    const [target] = await ownContainers(ctx, [ctx.args.container]);
    if (ctx.args.direction === 'in') {
      const data = await ctx.upload!.read();
      await ctx.sandbox.copyIn(target!.id, ctx.args.path, data, ctx.settings.user);
      const title = say(msg('cp.copiedIn', { file: ctx.upload!.name, target: `${target!.name}:${ctx.args.path}` }), ctx.lang);
      return { status: 'ok', title, body: formatBytes(data.length) };
    }
    const file = await ctx.sandbox.copyOut(target!.id, ctx.args.path, ctx.settings.uploadLimit);
    return {
      status: 'ok',
      title: say(msg('cp.copiedOut', { source: `${target!.name}:${ctx.args.path}`, archive: file.archive ? 1 : 0 }), ctx.lang),
      body: `${file.name}, ${formatBytes(file.data.length)}`,
      files: [
        {
          name: file.name,
          contentType: file.archive ? 'application/x-tar' : 'application/octet-stream',
          base64: file.data.toString('base64'),
          description: `${target!.name}:${ctx.args.path}`,
        },
      ],
    };
  },
});
