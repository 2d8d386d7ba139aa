import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { resolveAlias } from '../src/core/catalog.js';
import { parseImageRef } from '../src/core/image-ref.js';
import { flagBool } from '../src/core/parse-flags.js';
import { needArgs } from './shared/need-args.js';

export const rmi = defineCommand<{ images: string[]; force: boolean }>({
  name: 'rmi',
  aliases: ['image rm', 'image remove'],
  summary: { en: 'Remove one or more images from the sandbox host', ko: '샌드박스 호스트에서 이미지를 하나 이상 삭제한다' },
  usage: 'rmi [OPTIONS] IMAGE [IMAGE...]',
  flags: [
    { long: 'force', short: 'f', type: 'bool', en: 'Force removal of the image', ko: '이미지를 강제로 삭제한다' },
    { long: 'no-prune', type: 'bool', en: 'Do not delete untagged parents', ko: '태그 없는 부모 이미지는 지우지 않는다' },
    { long: 'platform', type: 'list', en: 'Remove only the given platform variant', ko: '지정한 플랫폼 변형만 지운다' },
  ],
  positionals: [{ name: 'image', required: true, variadic: true, en: 'Images to remove', ko: '삭제할 이미지' }],
  flagRules: {
    'no-prune': {
      verdict: 'refused',
      why: { en: 'untagged parents are always pruned.', ko: '태그 없는 부모 이미지는 언제나 함께 지운다.' },
    },
    platform: {
      verdict: 'refused',
      why: { en: 'the sandbox host keeps one platform.', ko: '샌드박스 호스트는 플랫폼 하나의 이미지만 둔다.' },
    },
  },
  interspersed: true,
  access: 'write',
  runsOn: 'worker',
  build(parsed) {
    const images = needArgs(parsed, 'rmi', 'image').map((word) => parseImageRef(resolveAlias(word, []).image).familiar);
    return { images, force: flagBool(parsed, 'force') };
  },
  async execute(ctx) {
    const lines: string[] = [];
    for (const image of ctx.args.images) lines.push(...(await ctx.sandbox.removeImage(image, ctx.args.force)));
    return {
      status: 'ok',
      title: say(msg('rmi.done', { images: ctx.args.images.join(', ') }), ctx.lang),
      code: { text: lines.join('\n') },
    };
  },
});
