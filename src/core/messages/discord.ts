import { catalog } from './catalog-types.js';

/** What the Discord adapter shows around a reply: notes under an output that did not fit. */
export const discordMessages = catalog({
  'discord.output.limit': {
    en: 'Output was cut at the sandbox limit.',
    ko: '출력이 샌드박스 한도에서 잘렸습니다.',
  },
});
