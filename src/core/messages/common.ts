import { catalog } from './catalog-types.js';

/** Messages every part of Stevedore uses: generic failures, progress stages, the queued notice. */
export const common = catalog({
  'error.internal': {
    en: 'Something went wrong on our side',
    ko: '서버 쪽에서 문제가 생겼습니다',
  },
  'error.internal.hint': {
    en: (p: { job?: string }) =>
      `The command did not complete${p.job ? ` (job #${p.job})` : ''}. It has been logged; try again in a moment.`,
    ko: (p: { job?: string }) => `명령이 끝나지 않았습니다${p.job ? ` (작업 #${p.job})` : ''}. 기록해 두었으니 잠시 후 다시 시도하세요.`,
  },
  'queue.unreachable': {
    en: 'The command could not be queued: the queue is unreachable.',
    ko: '명령을 대기열에 넣지 못했습니다: 대기열(Redis)에 연결할 수 없습니다.',
  },
  'queue.unreachable.hint': {
    en: 'Nothing was started. Try again in a minute.',
    ko: '아무것도 시작되지 않았습니다. 1분 뒤에 다시 시도하세요.',
  },
  'request.replayed': {
    en: 'This request was received before; it is not run twice.',
    ko: '이미 받은 요청입니다. 두 번 실행하지 않습니다.',
  },
  'stage.queued': { en: 'Queued', ko: '대기 중' },
  'stage.pulling': { en: 'Pulling', ko: '이미지 받는 중' },
  'stage.running': { en: 'Running', ko: '실행 중' },
  'stage.done': { en: 'Done', ko: '완료' },
  'queued.line': {
    en: (p: { job: string; position: number }) => `Queued as #${p.job} (position ${p.position})`,
    ko: (p: { job: string; position: number }) => `#${p.job} 작업으로 대기열에 넣었습니다 (${p.position}번째)`,
  },
  'queued.position': {
    en: (p: { position: number }) => `position ${p.position}`,
    ko: (p: { position: number }) => `${p.position}번째`,
  },
  'engine.waiting': {
    en: 'waiting for the Docker engine, which does not answer',
    ko: 'Docker 엔진이 응답하지 않아 기다리는 중',
  },
  'engine.gaveUp': {
    en: (p: { seconds: number }) => `The Docker engine did not answer for ${p.seconds} s; the command was not run.`,
    ko: (p: { seconds: number }) => `Docker 엔진이 ${p.seconds}초 동안 응답하지 않아 명령을 실행하지 않았습니다.`,
  },
  'engine.gaveUp.hint': {
    en: 'Try again later; an admin can check the health endpoint.',
    ko: '나중에 다시 시도하세요. 관리자는 상태 확인 엔드포인트(/healthz)를 볼 수 있습니다.',
  },
  /** Under output cut to fit a platform's message: what is not shown, and where the whole is. */
  'output.cut': {
    en: (p: { lines: number; chars: number }) =>
      p.lines > 1
        ? `${p.lines} lines are not shown here: the whole output is attached as output.txt.`
        : `${p.chars} characters of a long line are not shown here: the whole output is attached as output.txt.`,
    ko: (p: { lines: number; chars: number }) =>
      p.lines > 1
        ? `${p.lines}줄은 여기에 보이지 않습니다. 전체 출력은 output.txt 파일로 첨부했습니다.`
        : `긴 줄의 ${p.chars}자는 여기에 보이지 않습니다. 전체 출력은 output.txt 파일로 첨부했습니다.`,
  },
});
