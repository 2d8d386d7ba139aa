import { catalog } from './catalog-types.js';

/**
 * Hostile tenants: what a shared sandbox host refuses to one user so that it stays safe for the others (removing
 * images, limits past the deployment's range, time and disk bounds, images by digest).
 */
export const tenantMessages = catalog({
  'limits.outOfRange': {
    en: (p: { flag: string; typed: string; min: string; max: string }) =>
      `${p.flag} ${p.typed} is outside this deployment's range (${p.min} to ${p.max}); it is refused, not passed to Docker.`,
    ko: (p: { flag: string; typed: string; min: string; max: string }) =>
      `${p.flag} ${p.typed}: 이 배포에서 허용하는 범위(${p.min}~${p.max})를 벗어나므로 Docker에 넘기지 않고 거부합니다.`,
  },
  'limits.outOfRange.hint': {
    en: 'Docker reads 0 or -1 as "no limit" for several limits; here a limit can only be set within the range.',
    ko: 'Docker는 여러 제한에서 0이나 -1을 "제한 없음"으로 읽습니다. 여기서는 범위 안의 값만 쓸 수 있습니다.',
  },
  'stop.grace.hint': {
    en: (p: { max: number }) => `A container gets at most ${p.max} s to stop by itself here; then it is killed.`,
    ko: (p: { max: number }) => `여기서는 컨테이너가 스스로 멈출 시간을 최대 ${p.max}초까지 주고, 그 뒤에는 강제로 종료합니다.`,
  },
  'exec.deadline': {
    en: (p: { seconds: number; name: string }) =>
      `The command ran past ${p.seconds} s. A command started with exec cannot be stopped on its own from outside the container, so ${p.name} was stopped (start it again with /docker start ${p.name}).`,
    ko: (p: { seconds: number; name: string }) =>
      `명령이 ${p.seconds}초를 넘겼습니다. exec로 시작한 명령은 컨테이너 밖에서 따로 멈출 수 없어서 ${p.name} 컨테이너를 멈췄습니다 (/docker start ${p.name}로 다시 시작할 수 있습니다).`,
  },
  'pin.missing': {
    en: (p: { image: string }) => `${p.image} is not on the sandbox host, so there is nothing to pin.`,
    ko: (p: { image: string }) => `${p.image} 이미지가 샌드박스 호스트에 없어서 고정할 대상이 없습니다.`,
  },
  'pin.unknownDigest': {
    en: (p: { image: string }) => `${p.image} is not the digest this deployment runs for that image; it is refused.`,
    ko: (p: { image: string }) => `${p.image}는 이 배포가 그 이미지로 실행하는 다이제스트가 아니므로 거부합니다.`,
  },
  'pin.unknownDigest.hint': {
    en: 'Run it by its tag (or alias). An admin changes the pinned digest by pulling the tag.',
    ko: '태그(또는 별칭)로 실행하세요. 고정된 다이제스트는 관리자가 태그를 다시 받아(pull) 바꿀 수 있습니다.',
  },
  'pin.moved': {
    en: (p: { image: string }) => `${p.image} was being pulled at the same moment, so the container was not started.`,
    ko: (p: { image: string }) => `${p.image} 이미지를 동시에 받는 중이어서 컨테이너를 시작하지 않았습니다.`,
  },
  'pin.moved.hint': { en: 'Run it again.', ko: '다시 실행하세요.' },
  'rmi.notAdmin': {
    en: (p: { images: string }) =>
      `docker rmi ${p.images} would untag ${p.images} and delete its layers from the sandbox host, for everyone who runs it. That is not done here: removing images is for admins.`,
    ko: (p: { images: string }) =>
      `docker rmi ${p.images} 명령은 ${p.images}의 태그를 떼고 샌드박스 호스트에서 이미지 레이어를 삭제합니다. 이 이미지를 쓰는 모든 사용자에게 영향을 주므로, 여기서는 관리자만 이미지를 삭제할 수 있습니다.`,
  },
  'rmi.notAdmin.hint': {
    en: 'Ask an admin of this deployment. To free space of your own, remove your containers (/docker rm) and volumes (/docker volume rm).',
    ko: '이 배포의 관리자에게 요청하세요. 내 공간을 비우려면 내 컨테이너(/docker rm)와 볼륨(/docker volume rm)을 삭제하세요.',
  },
  'rmi.aliasImage': {
    en: (p: { image: string; alias: string }) => `${p.image} is the image of the sandbox alias "${p.alias}"; it is never removed here.`,
    ko: (p: { image: string; alias: string }) => `${p.image}는 샌드박스 별칭 "${p.alias}"의 이미지이므로 여기서는 삭제하지 않습니다.`,
  },
  'rmi.aliasImage.hint': {
    en: 'Nothing was removed. Remove the other images on their own.',
    ko: '아무것도 삭제하지 않았습니다. 다른 이미지는 따로 삭제하세요.',
  },
  'volume.budget': {
    en: (p: { size: string; budget: string; used: string; names: string }) =>
      `A new volume of ${p.size} would take your volumes past your budget of ${p.budget}: yours hold ${p.used} already${p.names ? ` (${p.names})` : ''}.`,
    ko: (p: { size: string; budget: string; used: string; names: string }) =>
      `새 볼륨(${p.size})을 만들면 내 볼륨 한도 ${p.budget}를 넘습니다. 내 볼륨이 이미 ${p.used}를 차지하고 있습니다${p.names ? ` (${p.names})` : ''}.`,
  },
  'volume.budget.hint': {
    en: 'Remove one you no longer need with `/docker volume rm NAME` (`/docker volume prune` removes all of yours that no container uses), then try again.',
    ko: '더 이상 쓰지 않는 볼륨을 `/docker volume rm NAME`으로 삭제한 뒤 다시 시도하세요 (`/docker volume prune`은 어떤 컨테이너도 쓰지 않는 내 볼륨을 모두 삭제합니다).',
  },
  'volume.diskRefused': {
    en: (p: { engine: string }) =>
      `Volumes here are fixed-size disks prepared by a container with access to the loop devices of the sandbox host, and the engine would not run it: ${p.engine}`,
    ko: (p: { engine: string }) =>
      `여기서 볼륨은 샌드박스 호스트의 루프 장치를 쓸 수 있는 컨테이너가 준비하는 고정 크기 디스크인데, Docker 엔진이 그 컨테이너를 실행하지 않았습니다: ${p.engine}`,
  },
  'volume.diskRefused.hint': {
    en: 'No volume was made. An operator can allow that container (docs/security.md) or set VOLUME_SIZE=0 for unbounded volumes.',
    ko: '볼륨은 만들어지지 않았습니다. 운영자가 그 컨테이너를 허용하거나(docs/security.md 참고) VOLUME_SIZE=0으로 크기 제한 없는 볼륨을 쓰게 할 수 있습니다.',
  },
});
