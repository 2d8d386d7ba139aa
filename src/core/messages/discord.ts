import { catalog } from './catalog-types.js';

/** What the Discord adapter shows around a reply: notes under an output that did not fit. */
export const discordMessages = catalog({
  'discord.output.cut': {
    en: (p: { lines: number }) => `${p.lines} lines not shown: the whole output is attached as output.txt.`,
    ko: (p: { lines: number }) => `${p.lines}줄은 보이지 않습니다. 전체 출력은 output.txt로 첨부했습니다.`,
  },
  'discord.output.limit': {
    en: 'Output was cut at the sandbox limit.',
    ko: '출력이 샌드박스 한도에서 잘렸습니다.',
  },
});
