import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { resolveAlias } from '../src/core/catalog.js';
import { parseImageRef } from '../src/core/image-ref.js';
import { allowedImagePatterns, checkImageAllowed } from '../src/policy/images.js';
import { needArgs } from './shared/need-args.js';

export const pull = defineCommand<{ image: string }>({
  name: 'pull',
  aliases: ['image pull'],
  summary: { en: 'Download an image from a registry', ko: '레지스트리에서 이미지를 내려받는다' },
  usage: 'pull [OPTIONS] NAME[:TAG|@DIGEST]',
  flags: [
    {
      long: 'all-tags',
      short: 'a',
      type: 'bool',
      en: 'Download all tagged images in the repository',
      ko: '저장소의 모든 태그 이미지를 내려받는다',
    },
    { long: 'disable-content-trust', type: 'bool', en: 'Skip image verification', ko: '이미지 서명 검증을 건너뛴다' },
    {
      long: 'platform',
      type: 'string',
      en: 'Set platform if server is multi-platform capable',
      ko: '여러 플랫폼을 지원하는 이미지에서 받을 플랫폼',
    },
    { long: 'quiet', short: 'q', type: 'bool', en: 'Suppress verbose output', ko: '자세한 진행 출력을 숨긴다' },
  ],
  positionals: [
    { name: 'image', required: true, en: 'The image, e.g. docker/whalesay:latest', ko: '받을 이미지 (예: docker/whalesay:latest)' },
  ],
  flagRules: {
    'all-tags': { verdict: 'refused', why: { en: 'one tag is pulled at a time.', ko: '한 번에 태그 하나만 받는다.' } },
    platform: {
      verdict: 'refused',
      why: { en: 'the sandbox host pulls its own platform.', ko: '샌드박스 호스트는 자기 플랫폼의 이미지만 받는다.' },
    },
  },
  interspersed: true,
  access: 'write',
  runsOn: 'worker',
  build(parsed, env) {
    const [word] = needArgs(parsed, 'pull', 'image');
    const image = parseImageRef(resolveAlias(word!, []).image);
    checkImageAllowed(image, allowedImagePatterns(env.settings.policy.images));
    return { image: image.familiar };
  },
  async execute(ctx) {
    await ctx.progress({ stage: 'pulling', detail: ctx.args.image });
    // In a fleet every host in service pulls (each through its own mirror), so the next run finds it wherever it lands.
    const results = ctx.sandbox.pullEverywhere
      ? await ctx.sandbox.pullEverywhere(ctx.args.image)
      : [await ctx.sandbox.pull(ctx.args.image)];
    // An admin's pull moves what the deployment runs for this image (on every host that pulled); anyone else's
    // only refreshes the tag.
    if (ctx.who.admin && !parseImageRef(ctx.args.image).digest) await ctx.sandbox.pinImage?.(ctx.args.image);
    const lines = results.flatMap((r) =>
      [r.digest ? `Digest: ${r.digest}` : '', r.status].filter(Boolean).map((line) => (r.host ? `${r.host}: ${line}` : line)),
    );
    return {
      status: 'ok',
      title: say(msg('pull.done', { image: ctx.args.image }), ctx.lang),
      code: { text: [...lines, parseImageRef(ctx.args.image).canonical].join('\n') },
    };
  },
});
