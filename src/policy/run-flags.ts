import { flagRuleOf } from '../core/command.js';
import type { FlagRule, FlagVerdict } from '../core/flag-spec.js';

export type { FlagRule, FlagVerdict };

const rule = (verdict: FlagVerdict, en: string, ko: string): FlagRule => ({ verdict, why: { en, ko } });
const hostAccess = (what: string, ko: string) =>
  rule(
    'refused',
    `${what} would give the container access to the sandbox host.`,
    `${ko} 컨테이너가 샌드박스 호스트에 접근할 수 있게 된다.`,
  );
const namespace = (what: string, ko = what) =>
  rule(
    'refused',
    `sharing the ${what} namespace with the host or another container breaks isolation.`,
    `${ko} 네임스페이스를 호스트나 다른 컨테이너와 공유하면 격리가 깨진다.`,
  );

export const RUN_FLAG_RULES: Readonly<Record<string, FlagRule>> = {
  detach: rule(
    'used',
    'runs in the background; killed and removed after the time to live.',
    '백그라운드에서 실행되며, 유효 시간이 지나면 종료되고 삭제된다.',
  ),
  name: rule(
    'used',
    'names the container; names are yours alone, so two users may both have "web".',
    '컨테이너 이름. 이름은 사용자별로 따로 관리되어 두 사람이 모두 "web"을 가질 수 있다.',
  ),
  rm: rule('used', 'the container is removed once it exits and its output is collected.', '종료되고 출력을 모은 뒤 컨테이너를 삭제한다.'),
  env: rule('used', 'sets environment variables inside the container.', '컨테이너 안의 환경 변수를 설정한다.'),
  hostname: rule('used', 'sets the host name seen inside the container.', '컨테이너 안에서 보이는 호스트 이름을 정한다.'),
  label: rule(
    'used',
    'adds labels; labels starting with "stevedore." are Stevedore\'s own and refused.',
    '라벨을 추가한다. "stevedore."로 시작하는 라벨은 Stevedore 전용이라 거부된다.',
  ),
  pull: rule('used', 'when to pull the image: missing (default), always or never.', '이미지를 받아 올 시점: missing(기본), always, never.'),
  memory: rule(
    'bounded',
    'memory limit, up to the configured maximum; swap is always set equal (no swap).',
    '메모리 한도. 설정된 최대값까지 허용되며 스왑은 항상 같은 값(스왑 없음)이다.',
  ),
  cpus: rule('bounded', 'CPU limit, up to the configured maximum.', 'CPU 한도. 설정된 최대값까지 허용된다.'),
  'pids-limit': rule(
    'bounded',
    'process limit, up to the configured one (it stops fork bombs).',
    '프로세스 수 한도. 설정된 값까지 허용된다 (포크 폭탄을 막는다).',
  ),
  user: rule('bounded', 'any non-root uid[:gid]; root (0) is refused.', 'root(0)가 아닌 uid[:gid]만 허용된다.'),
  network: rule('bounded', 'only "none": sandbox containers have no network.', '"none"만 허용된다: 샌드박스 컨테이너에는 네트워크가 없다.'),
  interactive: rule(
    'ignored',
    'chat has no keyboard to attach; the command runs without input.',
    '채팅에는 연결할 키보드가 없어 입력 없이 실행된다.',
  ),
  tty: rule('ignored', 'chat has no terminal; output is captured as plain text.', '채팅에는 터미널이 없어 출력은 일반 텍스트로 모은다.'),
  quiet: rule(
    'ignored',
    'pull progress is shown as message edits either way.',
    '이미지 받기 진행 상황은 어차피 메시지 수정으로 보여 준다.',
  ),
  init: rule('ignored', 'every sandbox container already runs an init.', '모든 샌드박스 컨테이너는 이미 init을 실행한다.'),
  'read-only': rule(
    'ignored',
    'every sandbox container already has a read-only root.',
    '모든 샌드박스 컨테이너의 루트는 이미 읽기 전용이다.',
  ),
  'cap-drop': rule('ignored', 'every capability is already dropped.', '모든 capability가 이미 제거되어 있다.'),
  'sig-proxy': rule('ignored', 'there is no terminal to forward signals from.', '시그널을 전달할 터미널이 없다.'),
  'disable-content-trust': rule('ignored', 'images come from the allowed registries only.', '이미지는 허용된 레지스트리에서만 받는다.'),
  privileged: rule(
    'refused',
    'a privileged container has every capability and all host devices: it owns the host.',
    'privileged 컨테이너는 모든 권한과 호스트 장치를 가져 호스트를 장악할 수 있다.',
  ),
  volume: rule(
    'bounded',
    'named volumes only (NAME:/path[:ro]), yours alone; host paths are refused.',
    '이름 있는 볼륨만 (이름:/경로[:ro]), 내 것만 쓸 수 있다. 호스트 경로는 거부된다.',
  ),
  mount: rule(
    'bounded',
    'type=volume with a source only; bind and tmpfs mounts are refused.',
    'source가 있는 type=volume만 허용된다. bind와 tmpfs 마운트는 거부된다.',
  ),
  device: hostAccess('a host device', '호스트 장치를 넣으면'),
  'device-cgroup-rule': hostAccess('a device rule', '장치 규칙을 더하면'),
  gpus: hostAccess('a GPU', 'GPU를 넣으면'),
  'cap-add': rule(
    'refused',
    'added capabilities let a process do what root may (mount, trace, change the network...).',
    '추가된 capability는 root처럼 행동하게 한다 (마운트, 추적, 네트워크 변경 등).',
  ),
  'security-opt': rule(
    'refused',
    'security options could turn off seccomp, AppArmor or no-new-privileges.',
    '보안 옵션으로 seccomp, AppArmor, no-new-privileges를 끌 수 있다.',
  ),
  sysctl: rule('refused', "kernel parameters are the host's to set.", '커널 파라미터는 호스트가 정한다.'),
  'cgroup-parent': rule(
    'refused',
    'the container would escape the limits of its cgroup.',
    '컨테이너가 자신의 cgroup 한도를 벗어날 수 있다.',
  ),
  cgroupns: namespace('cgroup'),
  pid: namespace('PID'),
  ipc: namespace('IPC'),
  uts: namespace('UTS'),
  userns: namespace('user', '사용자'),
  'volumes-from': rule(
    'refused',
    "it would mount another container's data, possibly someone else's.",
    '다른 (남의 것일 수도 있는) 컨테이너의 데이터를 마운트하게 된다.',
  ),
  link: rule(
    'refused',
    'links connect containers over a network, and sandbox containers have none.',
    '링크는 네트워크로 컨테이너를 잇는데 샌드박스 컨테이너에는 네트워크가 없다.',
  ),
  runtime: rule('refused', 'the runtime is chosen by the deployment, not per command.', '런타임은 명령마다가 아니라 배포 설정으로 정한다.'),
  entrypoint: rule(
    'refused',
    'images run with their own entrypoint; give the command after the image instead.',
    '이미지는 자신의 ENTRYPOINT로 실행된다. 대신 이미지 뒤에 명령을 적는다.',
  ),
  workdir: rule('refused', "the working directory is the image's own.", '작업 디렉터리는 이미지에 정해진 것을 쓴다.'),
  'env-file': rule('refused', 'it would read a file on the sandbox host.', '샌드박스 호스트의 파일을 읽게 된다.'),
  'label-file': rule('refused', 'it would read a file on the sandbox host.', '샌드박스 호스트의 파일을 읽게 된다.'),
  cidfile: rule('refused', 'it would write a file on the sandbox host.', '샌드박스 호스트에 파일을 쓰게 된다.'),
  publish: rule(
    'refused',
    'published ports would open the sandbox host to the network.',
    '포트를 공개하면 샌드박스 호스트가 네트워크에 열린다.',
  ),
  'publish-all': rule(
    'refused',
    'published ports would open the sandbox host to the network.',
    '포트를 공개하면 샌드박스 호스트가 네트워크에 열린다.',
  ),
  restart: rule(
    'refused',
    'a container that restarts itself would outlive its time limit.',
    '스스로 재시작하는 컨테이너는 시간 제한을 넘어 살아남는다.',
  ),
  'use-api-socket': rule(
    'refused',
    'the Docker API socket is full control of the sandbox host.',
    'Docker API 소켓은 샌드박스 호스트 전체를 제어할 수 있다.',
  ),
  'oom-kill-disable': rule(
    'refused',
    'without the OOM killer a memory hog could stall the host.',
    'OOM Killer가 없으면 메모리를 먹는 프로세스가 호스트를 멈출 수 있다.',
  ),
  'oom-score-adj': rule(
    'refused',
    'it changes which host processes die first when memory runs out.',
    '메모리가 부족할 때 호스트의 어느 프로세스가 먼저 죽을지 바꾼다.',
  ),
  'memory-swap': rule(
    'refused',
    'swap is always equal to memory (no swap) so that limits hold.',
    '한도가 지켜지도록 스왑은 항상 메모리와 같다 (스왑 없음).',
  ),
  tmpfs: rule(
    'refused',
    'every container gets one small noexec tmpfs on /tmp, sized by the deployment.',
    '모든 컨테이너는 배포 설정 크기의 noexec tmpfs 하나를 /tmp에 받는다.',
  ),
  ulimit: rule(
    'refused',
    'limits are set by the deployment (the pids limit, memory and CPU).',
    '한도는 배포 설정으로 정한다 (pids, 메모리, CPU).',
  ),
};

export const UNSUPPORTED_FLAG: FlagRule = rule(
  'refused',
  'Stevedore does not offer this flag from chat.',
  'Stevedore는 채팅에서 이 플래그를 제공하지 않는다.',
);

/** run's flag rules as a command definition carries them: each listed flag's rule, and deny by default. */
export const RUN_FLAG_POLICY = { name: 'run', flagRules: RUN_FLAG_RULES, otherFlags: UNSUPPORTED_FLAG } as const;

/** What Stevedore does with one flag of run. */
export function ruleFor(long: string): FlagRule {
  return flagRuleOf(RUN_FLAG_POLICY, long);
}
