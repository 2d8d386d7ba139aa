import { defineCommand } from '../src/core/command.js';
import { say } from '../src/core/messages/index.js';
import type { ParsedFlags } from '../src/core/parse-flags.js';
import { flagBool } from '../src/core/parse-flags.js';
import { formatTable } from '../src/core/table.js';
import { formatAge, formatBytes } from '../src/core/units.js';
import { hostColumn, listing } from './shared/replies.js';

export const images = defineCommand<{ quiet: boolean; noTrunc: boolean }>({
  name: 'images',
  aliases: ['image ls', 'image list'],
  summary: { en: 'List images on the sandbox host', ko: '샌드박스 호스트의 이미지 목록을 보여 준다' },
  usage: 'images [OPTIONS]',
  flags: [
    {
      long: 'all',
      short: 'a',
      type: 'bool',
      en: 'Show all images (default hides intermediate images)',
      ko: '중간 이미지까지 모두 보여 준다',
    },
    { long: 'digests', type: 'bool', en: 'Show digests', ko: '다이제스트를 보여 준다' },
    { long: 'filter', short: 'f', type: 'list', en: 'Filter output based on conditions provided', ko: '조건으로 목록을 거른다' },
    { long: 'format', type: 'string', en: 'Format output using a custom template', ko: '출력 형식을 템플릿으로 정한다' },
    { long: 'no-trunc', type: 'bool', en: "Don't truncate output", ko: '출력을 줄이지 않는다' },
    { long: 'quiet', short: 'q', type: 'bool', en: 'Only show image IDs', ko: '이미지 ID만 보여 준다' },
    { long: 'tree', type: 'bool', en: 'List multi-platform images as a tree', ko: '멀티 플랫폼 이미지를 트리로 보여 준다' },
  ],
  positionals: [],
  flagRules: {
    filter: { verdict: 'refused', why: { en: 'filters are not offered yet.', ko: '필터는 아직 제공하지 않는다.' } },
    format: { verdict: 'refused', why: { en: 'output is always the table.', ko: '출력은 언제나 표로 보여 준다.' } },
    digests: { verdict: 'refused', why: { en: 'digests are shown by /docker inspect.', ko: '다이제스트는 /docker inspect가 보여 준다.' } },
    tree: { verdict: 'refused', why: { en: 'output is always the table.', ko: '출력은 언제나 표로 보여 준다.' } },
  },
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed: ParsedFlags) {
    return { quiet: flagBool(parsed, 'quiet'), noTrunc: flagBool(parsed, 'no-trunc') };
  },
  async execute(ctx) {
    const list = await ctx.sandbox.listImages();
    const id = (full: string) => (ctx.args.noTrunc ? full : full.replace(/^sha256:/, '').slice(0, 12));
    const { lang } = ctx;
    if (ctx.args.quiet) return { status: 'info', title: say('images.ids', lang), code: { text: list.map((i) => id(i.id)).join('\n') } };
    const tagged = list.flatMap((image) =>
      (image.tags.length ? image.tags : ['<none>:<none>']).map((tag) => ({ image, tag, host: image.host })),
    );
    const rows = tagged.map(({ image, tag }) => {
      const colon = tag.lastIndexOf(':');
      return [
        tag.slice(0, colon),
        tag.slice(colon + 1),
        id(image.id),
        formatAge(image.createdMs, undefined, lang),
        formatBytes(image.sizeBytes),
      ];
    });
    const table = formatTable(...hostColumn(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], rows, tagged, lang));
    return listing(say('images.title', lang), table, say('images.none', lang));
  },
});
