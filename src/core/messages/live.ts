import { catalog } from './catalog-types.js';

/** Words for what a container is doing now: logs by time, stats, top. */
export const liveMessages = catalog({
  'live.badTime': {
    en: (p: { flag: string; text: string }) =>
      `--${p.flag} takes a duration (10m, 1h30m), an RFC 3339 time (2024-05-01T13:04:05Z) or a Unix timestamp, not "${p.text}".`,
    ko: (p: { flag: string; text: string }) =>
      `--${p.flag}에는 기간(10m, 1h30m), RFC 3339 시각(2024-05-01T13:04:05Z) 또는 Unix 타임스탬프를 씁니다 (입력한 값: "${p.text}").`,
  },
  'live.badTime.hint': {
    en: 'A duration counts back from now; a time without a zone is read as UTC.',
    ko: '기간은 지금부터 거꾸로 셉니다. 시간대를 적지 않은 시각은 UTC로 읽습니다.',
  },
  'live.sinceUsed': {
    en: 'honoured as Docker reads it: a duration, an RFC 3339 time (UTC when no zone is given) or a Unix timestamp.',
    ko: 'Docker와 같이 읽는다: 기간, RFC 3339 시각(시간대가 없으면 UTC) 또는 Unix 타임스탬프.',
  },
  'live.streamRefused': {
    en: 'a chat message shows one snapshot (--no-stream); run stats again for a newer one.',
    ko: '채팅 메시지는 한 번의 측정값(--no-stream)만 보여 준다. 새 값은 stats를 다시 실행한다.',
  },
  'live.formatRefused': { en: 'output is always the table.', ko: '출력은 언제나 표로 보여 준다.' },
  'live.noStreamUsed': {
    en: 'one snapshot by default here; --no-stream=false refreshes the table in one message, as logs -f follows (Stop, FOLLOW_MAX, one follow per user).',
    ko: '여기서는 기본이 한 번의 측정값이다. --no-stream=false는 logs -f처럼 하나의 메시지에서 표를 계속 갱신한다 (중지 버튼, FOLLOW_MAX, 사용자당 하나).',
  },
  'stats.title': { en: 'Container resource usage', ko: '컨테이너 자원 사용량' },
  'stats.none': { en: 'No running containers of yours.', ko: '실행 중인 내 컨테이너가 없습니다.' },
  'top.title': {
    en: (p: { name: string }) => `Processes in ${p.name}`,
    ko: (p: { name: string }) => `${p.name} 컨테이너의 프로세스`,
  },
  'top.notRunning': {
    en: (p: { name: string }) => `${p.name} is not running; top shows the processes of a running container.`,
    ko: (p: { name: string }) => `${p.name} 컨테이너가 실행 중이 아닙니다. top은 실행 중인 컨테이너의 프로세스를 보여 줍니다.`,
  },
  'top.psOptions': {
    en: (p: { text: string }) => `ps options ("${p.text}") are not offered: top shows the engine's default columns.`,
    ko: (p: { text: string }) => `ps 옵션("${p.text}")은 제공하지 않습니다. top은 엔진의 기본 열을 보여 줍니다.`,
  },
  'top.none': { en: 'No processes.', ko: '프로세스가 없습니다.' },
  'live.followUsed': {
    en: 'follows into one message, with a Stop button, until the container stops, FOLLOW_MAX passes or you start another follow.',
    ko: '하나의 메시지로 따라가며 중지 버튼을 단다. 컨테이너가 멈추거나, FOLLOW_MAX가 지나거나, 다른 follow를 시작하면 끝난다.',
  },
  'follow.title': {
    en: (p: { name: string }) => `Followed logs of ${p.name}`,
    ko: (p: { name: string }) => `${p.name} 컨테이너의 로그 따라가기`,
  },
  'follow.containerStopped': { en: 'Ended: the container stopped.', ko: '끝남: 컨테이너가 멈췄습니다.' },
  'follow.stopped': {
    en: (p: { by: string }) => `Stopped by ${p.by}.`,
    ko: (p: { by: string }) => `${p.by} 님이 중지했습니다.`,
  },
  'follow.timeUp': {
    en: (p: { time: string }) => `Ended after ${p.time}, the longest a follow lasts; run logs -f again to go on.`,
    ko: (p: { time: string }) => `따라가기는 최대 ${p.time}까지라 끝났습니다. 계속 보려면 logs -f를 다시 실행합니다.`,
  },
  'follow.replaced': {
    en: 'Ended: you started another follow (one at a time).',
    ko: '끝남: 다른 따라가기를 시작했습니다 (한 번에 하나).',
  },
  'follow.lost': {
    en: (p: { name: string }) => `Follow ended: the worker following it stopped. Run logs -f ${p.name} again to go on.`,
    ko: (p: { name: string }) => `따라가기가 끝났습니다: 따라가던 워커가 멈췄습니다. 계속 보려면 logs -f ${p.name}를 다시 실행합니다.`,
  },
  'follow.full': {
    en: (p: { slots: number }) => `All ${p.slots} follows of this deployment are in use.`,
    ko: (p: { slots: number }) => `이 배포의 따라가기 ${p.slots}개가 모두 쓰이고 있습니다.`,
  },
  'follow.full.hint': {
    en: 'Try again when one ends, or run logs without -f for the lines so far.',
    ko: '하나가 끝나면 다시 시도하거나, -f 없이 logs로 지금까지의 줄을 봅니다.',
  },
  'button.stop': { en: 'Stop', ko: '중지' },
});
