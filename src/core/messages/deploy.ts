import { catalog } from './catalog-types.js';

/** Words of deployment and operations: payload versions across an upgrade, draining for maintenance. */
export const deployMessages = catalog({
  'job.version.refused': {
    en: (p: { job: string; version: number; supported: string }) =>
      `Job #${p.job} was not run: it was queued by a Stevedore whose jobs are of version ${p.version}, and this worker runs versions ${p.supported}.`,
    ko: (p: { job: string; version: number; supported: string }) =>
      `#${p.job} 작업을 실행하지 않았습니다. 이 작업은 버전 ${p.version} 형식으로 대기열에 들어갔는데, 이 워커는 버전 ${p.supported}만 실행합니다.`,
  },
  'job.version.refused.hint': {
    en: 'Send the command again once the upgrade has finished.',
    ko: '업그레이드가 끝난 뒤 명령을 다시 보내 주세요.',
  },
  'drain.started': {
    en: 'Draining: workers take no new jobs and finish the ones they run. Commands sent now wait in the queue.',
    ko: '작업 중단을 시작합니다. 워커는 새 작업을 받지 않고 실행 중인 작업만 마칩니다. 지금 보내는 명령은 대기열에서 기다립니다.',
  },
  'drain.already': {
    en: 'Already draining: workers take no new jobs.',
    ko: '이미 작업 중단 중입니다. 워커는 새 작업을 받지 않습니다.',
  },
  'drain.hint': {
    en: 'The ops channel hears when the deployment is idle; `/docker undrain` resumes.',
    ko: '배포가 유휴 상태가 되면 운영 채널에 알립니다. 다시 시작하려면 `/docker undrain`을 입력하세요.',
  },
  'drain.idle': {
    en: 'Drained: no job is running, and workers take no new ones. Safe to upgrade or stop the workers.',
    ko: '작업 중단이 끝났습니다. 실행 중인 작업이 없고 워커는 새 작업을 받지 않습니다. 이제 워커를 업그레이드하거나 멈춰도 안전합니다.',
  },
  'drain.idle.body': {
    en: (p: { waiting: number }) =>
      p.waiting === 1 ? 'One command waits in the queue.' : p.waiting ? `${p.waiting} commands wait in the queue.` : 'The queue is empty.',
    ko: (p: { waiting: number }) => (p.waiting ? `대기열에서 명령 ${p.waiting}개가 기다립니다.` : '대기열이 비어 있습니다.'),
  },
  'undrain.done': {
    en: 'Resumed: workers take jobs again.',
    ko: '작업을 다시 시작합니다. 워커가 다시 작업을 받습니다.',
  },
});
