import { catalog } from './catalog-types.js';

/** Words for jobs the queue gave up by itself, and for a queue that cannot take more: what faults leave a user with. */
export const chaosMessages = catalog({
  'lost.stalled': {
    en: (p: { job: string; times: number }) =>
      `Job #${p.job} did not finish: the worker running it stopped ${p.times === 2 ? 'twice' : `${p.times} times`}; it was not run again.`,
    ko: (p: { job: string; times: number }) =>
      `#${p.job} 작업이 끝나지 않았습니다. 작업을 실행하던 워커가 ${p.times === 2 ? '두 번' : `${p.times}번`} 멈춰서 다시 실행하지 않았습니다.`,
  },
  'lost.gaveUp': {
    en: (p: { job: string }) => `Job #${p.job} did not finish: the queue gave it up before it could end; it was not run again.`,
    ko: (p: { job: string }) => `#${p.job} 작업이 끝나지 않았습니다. 작업이 끝나기 전에 대기열이 작업을 포기해서 다시 실행하지 않았습니다.`,
  },
  'lost.retry': {
    en: (p: { job: string }) => `Run it again: \`/docker retry ${p.job}\``,
    ko: (p: { job: string }) => `다시 실행하려면: \`/docker retry ${p.job}\``,
  },
  'lost.removed': {
    en: 'Its container was removed, as --rm asked.',
    ko: '--rm을 지정했으므로 컨테이너는 삭제했습니다.',
  },
  'lost.stopped': {
    en: 'Its container was stopped; the scheduled cleanup removes it later.',
    ko: '컨테이너는 멈춰 두었습니다. 정기 정리 작업이 나중에 삭제합니다.',
  },
  'queue.full': {
    en: "The command could not be queued: the queue's memory is full.",
    ko: '명령을 대기열에 넣지 못했습니다. 대기열의 메모리가 가득 찼습니다.',
  },
  'queue.full.hint': {
    en: 'Nothing was started. Try again in a few minutes, once running jobs have ended.',
    ko: '아무것도 시작하지 않았습니다. 실행 중인 작업이 끝난 뒤 몇 분 후에 다시 시도하세요.',
  },
  'engine.diskFull': {
    en: "The sandbox host's disk is full (the engine answered: no space left on device); the command was not run.",
    ko: '샌드박스 호스트의 디스크가 가득 차서(엔진 응답: no space left on device) 명령을 실행하지 않았습니다.',
  },
  'engine.diskFull.hint': {
    en: 'Try again once space is freed: an admin can run `/docker cleanup`, which removes expired and exited containers and unused volumes first.',
    ko: '공간이 확보된 뒤 다시 시도하세요. 관리자는 `/docker cleanup`으로 만료되거나 종료된 컨테이너와 쓰지 않는 볼륨부터 정리할 수 있습니다.',
  },
  'engine.diskFull.ops': {
    en: "The sandbox host's disk is full: containers cannot be created. Run `/docker cleanup` or free space on the host.",
    ko: '샌드박스 호스트의 디스크가 가득 차서 컨테이너를 만들 수 없습니다. `/docker cleanup`을 실행하거나 호스트의 공간을 확보하세요.',
  },
  'delivery.unacknowledged': {
    en: 'This answers a command that seemed to fail (the platform said the app did not respond): Stevedore had received it and ran it once.',
    ko: '응답이 없다고 표시된 명령에 대한 결과입니다. Stevedore는 그 명령을 받았고 한 번 실행했습니다.',
  },
});
