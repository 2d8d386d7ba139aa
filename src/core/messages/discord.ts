import { catalog } from './catalog-types.js';

/** What the Discord adapter shows around a reply: notes under an output that did not fit. */
export const discordMessages = catalog({
  'discord.output.limit': {
    en: 'Output was cut at the sandbox limit.',
    ko: '출력이 샌드박스 한도에서 잘렸습니다.',
  },
  'discord.cannotPost': {
    en: (p: { where: string; missing: string }) =>
      `Stevedore cannot post in Discord channel ${p.where}: it lacks ${p.missing} there. Give its role those permissions in the channel (or the server), or use another channel.`,
    ko: (p: { where: string; missing: string }) =>
      `Stevedore가 Discord 채널 ${p.where}에 글을 쓸 수 없습니다. 그 채널에서 ${p.missing} 권한이 없습니다. 채널(또는 서버)에서 봇 역할에 이 권한을 주거나 다른 채널을 쓰세요.`,
  },
});
