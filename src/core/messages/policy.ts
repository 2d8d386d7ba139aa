import { catalog } from './catalog-types.js';

/** docker.io as the glossary says it in Korean: 도커 허브 beside its host name. */
const registryKo = (registry: string) => (registry === 'docker.io' ? '도커 허브(docker.io)' : registry);

/** A container's state as the engine names it, in Korean. */
const STATE_KO: Record<string, string> = {
  created: '생성됨',
  exited: '종료됨',
  dead: '중단됨',
  paused: '일시 정지됨',
  removing: '삭제 중',
  running: '실행 중',
  restarting: '재시작 중',
};

/** Where a path is checked: a path of cp, or the target of a mount. */
export type PathWhat = 'path' | 'target';
const PATH_WHAT = { path: { en: 'path', ko: '경로' }, target: { en: 'mount target', ko: '마운트 대상 경로' } } as const;

/** The sandbox's rules in words: whose container, which images, which volumes and mounts, the limits of a run. */
export const policyMessages = catalog({
  'owner.ambiguous': {
    en: (p: { reference: string; count: number }) => `The ID prefix "${p.reference}" matches ${p.count} containers.`,
    ko: (p: { reference: string; count: number }) => `ID 접두사 "${p.reference}"에 맞는 컨테이너가 ${p.count}개입니다.`,
  },
  'owner.ambiguous.hint': { en: 'Give more characters of the ID.', ko: 'ID를 더 길게 적으세요.' },
  'owner.notFound': {
    en: (p: { reference: string }) => `No container of yours is named or has the ID "${p.reference}".`,
    ko: (p: { reference: string }) => `이름이나 ID가 "${p.reference}"인 내 컨테이너가 없습니다.`,
  },
  'owner.notFound.hint': { en: '`/docker ps -a` lists your containers.', ko: '내 컨테이너 목록은 `/docker ps -a`에서 볼 수 있습니다.' },
  'owner.forbidden': {
    en: (p: { id: string; owner?: string }) =>
      `Container ${p.id} belongs to ${p.owner ?? 'another user'}; you can act only on your own containers.`,
    ko: (p: { id: string; owner?: string }) =>
      `컨테이너 ${p.id}의 소유자는 ${p.owner ?? '다른 사용자'}입니다. 내 컨테이너에만 명령할 수 있습니다.`,
  },
  'image.registryNotAllowed': {
    en: (p: { registry: string }) => `Registry ${p.registry} is not allowed here.`,
    ko: (p: { registry: string }) => `여기서는 ${registryKo(p.registry)} 레지스트리를 쓸 수 없습니다.`,
  },
  'image.registryNotAllowed.hint': {
    en: (p: { registries: string }) => `Images come from ${p.registries}.`,
    ko: (p: { registries: string }) => `이미지는 ${p.registries.split(', ').map(registryKo).join(', ')}에서만 받습니다.`,
  },
  'image.notAllowed': {
    en: (p: { image: string }) => `Image ${p.image} is not on this deployment's allowlist.`,
    ko: (p: { image: string }) => `${p.image} 이미지는 이 배포의 허용 목록에 없습니다.`,
  },
  'image.notAllowed.hint': {
    en: (p: { examples: string; more: number }) =>
      `Allowed: ${p.examples}${p.more ? ', …' : ''}. An admin can add images in the policy file (images).`,
    ko: (p: { examples: string; more: number }) =>
      `허용된 이미지: ${p.examples}${p.more ? ', …' : ''}. 관리자는 정책 파일(images)에 이미지를 더할 수 있습니다.`,
  },
  'name.rules': {
    en: 'Use letters, digits, _ . - (up to 63), starting with a letter or digit.',
    ko: '영문자, 숫자, _ . - 로 63자까지 쓸 수 있고, 영문자나 숫자로 시작해야 합니다.',
  },
  'volume.badName': {
    en: (p: { name: string }) => `"${p.name}" is not a valid volume name.`,
    ko: (p: { name: string }) => `볼륨 이름으로 쓸 수 없습니다: "${p.name}"`,
  },
  'path.notAbsolute': {
    en: (p: { what: PathWhat; path: string }) =>
      `The ${PATH_WHAT[p.what].en} "${p.path}" must be absolute inside the container, like /data.`,
    ko: (p: { what: PathWhat; path: string }) => `${PATH_WHAT[p.what].ko} "${p.path}": 컨테이너 안의 절대 경로여야 합니다 (예: /data).`,
  },
  'path.climbs': {
    en: (p: { what: PathWhat; path: string }) =>
      `The ${PATH_WHAT[p.what].en} "${p.path}" climbs with "..": paths are taken inside the container only.`,
    ko: (p: { what: PathWhat; path: string }) =>
      `${PATH_WHAT[p.what].ko} "${p.path}"에 ".."가 있습니다. 경로는 컨테이너 안에서만 해석합니다.`,
  },
  'path.overKernel': {
    en: (p: { what: PathWhat; path: string }) => `The ${PATH_WHAT[p.what].en} ${p.path} cannot be mounted over.`,
    ko: (p: { what: PathWhat; path: string }) => `${PATH_WHAT[p.what].ko} ${p.path} 위에는 마운트할 수 없습니다.`,
  },
  'volume.anonymous': {
    en: (p: { value: string }) => `-v ${p.value}: anonymous volumes are not offered; give it a name, e.g. -v data:${p.value}.`,
    ko: (p: { value: string }) => `-v ${p.value}: 이름 없는 볼륨은 쓸 수 없습니다. 이름을 붙이세요. 예: -v data:${p.value}`,
  },
  'volume.hostPath': {
    en: (p: { value: string; name: string }) => `-v ${p.value}: "${p.name}" is a host path; bind mounts of host paths are refused.`,
    ko: (p: { value: string; name: string }) => `-v ${p.value}: "${p.name}" 같은 호스트 경로는 바인드 마운트할 수 없습니다.`,
  },
  'volume.hostPath.hint': { en: 'Use a named volume instead: -v data:/data.', ko: '대신 이름 있는 볼륨을 쓰세요: -v data:/data' },
  'volume.badSyntax': {
    en: (p: { value: string }) => `-v ${p.value}: write it as NAME:/path or NAME:/path:ro.`,
    ko: (p: { value: string }) => `-v ${p.value}: 이름:/경로 또는 이름:/경로:ro 형식으로 적으세요.`,
  },
  'mount.type': {
    en: (p: { type: string }) =>
      `--mount type=${p.type} is refused: only named volumes (type=volume) are offered; ${p.type === 'bind' ? 'bind mounts expose host paths' : 'each container already has a small /tmp'}.`,
    ko: (p: { type: string }) =>
      `--mount type=${p.type} 마운트는 쓸 수 없습니다. 이름 있는 볼륨(type=volume)만 쓸 수 있습니다. ${p.type === 'bind' ? '바인드 마운트는 호스트 경로를 드러냅니다' : '모든 컨테이너에는 이미 작은 /tmp가 있습니다'}.`,
  },
  'mount.option': {
    en: (p: { key: string }) =>
      `--mount ${p.key}= is refused: volumes are made by this deployment, with the driver options it sets itself.`,
    ko: (p: { key: string }) => `--mount ${p.key}= 옵션은 쓸 수 없습니다. 볼륨은 이 배포가 직접 정한 드라이버 옵션으로 만듭니다.`,
  },
  'mount.noSource': {
    en: '--mount without a source would be an anonymous volume; name it: source=data.',
    ko: 'source가 없는 --mount는 이름 없는 볼륨이 됩니다. 이름을 붙이세요: source=data',
  },
  'run.badName': {
    en: (p: { name: string }) => `--name "${p.name}" is not a valid container name.`,
    ko: (p: { name: string }) => `컨테이너 이름으로 쓸 수 없습니다: --name "${p.name}"`,
  },
  'run.memoryMin': { en: '--memory must be at least 6m, as Docker requires.', ko: 'Docker 규칙에 따라 --memory는 6m 이상이어야 합니다.' },
  'run.pidsMin': { en: '--pids-limit must be at least 1 here.', ko: '여기서 --pids-limit는 1 이상이어야 합니다.' },
  'run.network': {
    en: (p: { network: string }) => `--network ${p.network} is refused: sandbox containers have no network.`,
    ko: (p: { network: string }) => `--network ${p.network} 설정은 쓸 수 없습니다. 샌드박스 컨테이너에는 네트워크가 없습니다.`,
  },
  'run.network.hint': { en: 'Leave --network out, or use --network none.', ko: '--network를 빼거나 --network none을 쓰세요.' },
  'run.user': {
    en: (p: { user: string }) => `--user ${p.user} is refused: containers run as a non-root numeric uid[:gid].`,
    ko: (p: { user: string }) => `--user ${p.user} 설정은 쓸 수 없습니다. 컨테이너는 root가 아닌 숫자 uid[:gid]로 실행됩니다.`,
  },
  'run.user.hint': {
    en: (p: { user: string }) => `Leave it out (the default is ${p.user}) or give a uid above 0.`,
    ko: (p: { user: string }) => `빼면 기본값 ${p.user}로 실행됩니다. 아니면 0보다 큰 uid를 적으세요.`,
  },
  'run.label': {
    en: (p: { key: string; prefix: string }) => `--label ${p.key} is refused: labels starting with "${p.prefix}" are Stevedore's own.`,
    ko: (p: { key: string; prefix: string }) =>
      `--label ${p.key} 라벨은 쓸 수 없습니다. "${p.prefix}"로 시작하는 라벨은 Stevedore 전용입니다.`,
  },
  'run.sameTarget': { en: 'Two volumes are mounted at the same path.', ko: '두 볼륨이 같은 경로에 마운트되어 있습니다.' },
  'run.pull': {
    en: (p: { pull: string }) => `--pull takes missing, always or never, not "${p.pull}".`,
    ko: (p: { pull: string }) => `--pull에는 missing, always, never 중 하나만 쓸 수 있습니다 (입력한 값: "${p.pull}").`,
  },
  'run.overLimit': {
    en: (p: { flag: string; typed: string }) => `${p.flag} ${p.typed} is over this deployment's limit.`,
    ko: (p: { flag: string; typed: string }) => `${p.flag} ${p.typed}: 이 배포의 한도를 넘습니다.`,
  },
  'run.overLimit.hint': {
    en: (p: { max: string }) => `The most allowed is ${p.max}.`,
    ko: (p: { max: string }) => `허용되는 최대값은 ${p.max}입니다.`,
  },
  'cleanup.reason.ttl': { en: 'past its time to live', ko: '유효 시간이 지남' },
  'cleanup.reason.exited': {
    en: (p: { state: string }) => `${p.state} for long enough`,
    ko: (p: { state: string }) => `${STATE_KO[p.state] ?? p.state} 상태로 충분히 오래 있었음`,
  },
  'cleanup.reason.unused': { en: 'unused for long enough', ko: '충분히 오래 쓰이지 않음' },
  'cleanup.reason.dangling': { en: 'dangling', ko: '태그 없는 이미지(dangling)' },
});
