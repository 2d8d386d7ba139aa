import { catalog } from './catalog-types.js';

/** The Slack adapter's words: notes under clipped output, replies sent without channel membership, missing scopes. */
export const slackMessages = catalog({
  'slack.output.sandboxCut': {
    en: 'The output was cut at the sandbox limit.',
    ko: '출력이 샌드박스 한도에서 잘렸습니다.',
  },
  'slack.answeredPrivately': {
    en: (p: { job: string }) => `#${p.job}: answered privately.`,
    ko: (p: { job: string }) => `#${p.job}: 요청한 사람에게만 답했습니다.`,
  },
  'slack.notMember.cut': {
    en: (p: { bot: string; logs: string }) =>
      `Only the head and tail of the output fit here, and files cannot come this way: \`${p.logs}\` shows the rest, or invite me with \`/invite @${p.bot}\` to get the whole output as a file.`,
    ko: (p: { bot: string; logs: string }) =>
      `여기에는 출력의 앞뒤만 보이고 파일도 보낼 수 없습니다. 나머지는 \`${p.logs}\`로 볼 수 있고, \`/invite @${p.bot}\`로 봇을 초대하면 전체 출력을 파일로 받을 수 있습니다.`,
  },
  'slack.notMember.invite': {
    en: (p: { bot: string }) =>
      `I am not a member of this channel, so this reply reaches you through the command itself: invite me with \`/invite @${p.bot}\` to get channel messages and files.`,
    ko: (p: { bot: string }) =>
      `봇이 이 채널의 멤버가 아니어서 명령의 응답 주소로 답했습니다. \`/invite @${p.bot}\`로 초대하면 채널 메시지와 파일로 받을 수 있습니다.`,
  },
  'slack.notMember.files': {
    en: (p: { bot: string }) =>
      `Files cannot be attached in a channel I am not a member of: invite me with \`/invite @${p.bot}\` to get them.`,
    ko: (p: { bot: string }) =>
      `봇이 멤버가 아닌 채널에는 파일을 첨부할 수 없습니다. \`/invite @${p.bot}\`로 초대하면 파일도 받을 수 있습니다.`,
  },
  'slack.scopes.missing': {
    en: (p: { missing: string; granted: string }) =>
      `The Slack token lacks the scope(s) ${p.missing} (granted: ${p.granted || 'none'}). Add them under OAuth & Permissions → Bot Token Scopes, reinstall the app to the workspace, and set the new SLACK_BOT_TOKEN.`,
    ko: (p: { missing: string; granted: string }) =>
      `Slack 토큰에 ${p.missing} 권한(scope)이 없습니다 (부여된 권한: ${p.granted || '없음'}). OAuth & Permissions → Bot Token Scopes에서 추가하고, 앱을 워크스페이스에 다시 설치한 다음 새 SLACK_BOT_TOKEN을 설정하세요.`,
  },
});
