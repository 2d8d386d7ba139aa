import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { IMAGE_ALIASES, resolveAlias } from '../src/core/catalog.js';
import { parseImageRef } from '../src/core/image-ref.js';
import { flagBool } from '../src/core/parse-flags.js';
import { UserError } from '../src/errors.js';
import type { ImageInfo } from '../src/core/sandbox-api.js';
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
  access: 'admin',
  runsOn: 'worker',
  build(parsed, env) {
    // An image ID stays an ID; a name is normalised (an alias to its image).
    const images = needArgs(parsed, 'rmi', 'image').map((word) =>
      IMAGE_ID.test(word) ? word : parseImageRef(resolveAlias(word, []).image).familiar,
    );
    // Said before the channel's and the admins' checks: what Docker would have done, and why it is not done here.
    if (!env.who.admin) throw new UserError('forbidden', msg('rmi.notAdmin', { images: images.join(' ') }), msg('rmi.notAdmin.hint'));
    return { images, force: flagBool(parsed, 'force') };
  },
  async execute(ctx) {
    // The aliases' images are the deployment's own: never removed, by tag, by ID, or forced (all checked first).
    const present = await ctx.sandbox.listImages();
    for (const image of ctx.args.images) {
      const alias = aliasOf(image, present);
      if (alias) throw new UserError('forbidden', msg('rmi.aliasImage', { image, alias }), msg('rmi.aliasImage.hint'));
    }
    const lines: string[] = [];
    for (const image of ctx.args.images) lines.push(...(await ctx.sandbox.removeImage(image, ctx.args.force)));
    return {
      status: 'ok',
      title: say(msg('rmi.done', { images: ctx.args.images.join(', ') }), ctx.lang),
      code: { text: lines.join('\n') },
    };
  },
});

const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/;

/**
 * The sandbox alias an rmi of `typed` would take away, if any: a name that is an alias's own tag, or an ID of an
 * image an alias's tag is on (removing it deletes the image). Another tag of the same image only untags: allowed.
 */
function aliasOf(typed: string, present: readonly ImageInfo[]): string | undefined {
  const familiar = (ref: string) => {
    try {
      return parseImageRef(ref).familiar;
    } catch {
      return ref;
    }
  };
  const aliasOfTag = (tag: string) => IMAGE_ALIASES.find((a) => familiar(a.image) === familiar(tag))?.alias;
  if (!IMAGE_ID.test(typed)) return aliasOfTag(typed);
  const id = typed.replace(/^sha256:/, '');
  const target = present.find((i) => i.id.replace(/^sha256:/, '').startsWith(id));
  return target?.tags.map(aliasOfTag).find(Boolean);
}
