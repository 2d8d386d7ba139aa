import type { CliCommand, CliFlag } from './types.js';

/**
 * The CLI plugins this client lacks (`docker compose`, `docker buildx`), described from Docker's documentation so
 * that a line using them is still explained; each answer says the plugin is not installed here.
 */
const f = (long: string, short: string | undefined, type: string | undefined, en: string, ko: string): CliFlag => ({
  long,
  ...(short ? { short } : {}),
  ...(type ? { type } : {}),
  en,
  ko,
});
const HELP = f('help', undefined, undefined, 'Print usage', '사용법을 출력한다');
const ARGS: Record<string, string> = {
  compose: ' [SERVICE...]',
  'buildx create': ' [CONTEXT|ENDPOINT]',
  'buildx rm': ' [NAME...]',
  'buildx build': ' PATH',
};
const cmd = (plugin: string, path: string, en: string, ko: string, flags: CliFlag[], subcommands: string[] = []): CliCommand => ({
  path,
  usage: `docker ${path} [OPTIONS]${ARGS[path] ?? (path.startsWith('compose ') ? ARGS.compose : '')}`,
  en,
  ko,
  aliases: [],
  subcommands,
  flags: [...flags, HELP],
  plugin,
});

const TIMEOUT = f('timeout', 't', 'int', 'Seconds to wait for containers to stop', '컨테이너가 멈추기를 기다릴 시간 (초)');
const DRY = f('dry-run', undefined, undefined, 'Show what would be done without doing it', '실제로 하지 않고 무엇을 할지 보여 준다');
const ORPHANS = f(
  'remove-orphans',
  undefined,
  undefined,
  'Remove containers of services not in the Compose file',
  'Compose 파일에 없는 서비스의 컨테이너를 지운다',
);

const COMPOSE_SUBS: CliCommand[] = [
  cmd('compose', 'compose up', 'Create and start the containers of the services', '서비스들의 컨테이너를 만들고 시작한다', [
    f('detach', 'd', undefined, 'Run containers in the background', '컨테이너를 백그라운드에서 실행한다'),
    f('build', undefined, undefined, 'Build images before starting containers', '컨테이너를 시작하기 전에 이미지를 빌드한다'),
    f('scale', undefined, 'scale', 'Scale SERVICE to NUM instances (SERVICE=NUM)', '서비스의 인스턴스 수를 정한다 (SERVICE=NUM)'),
    f('timestamps', undefined, undefined, 'Show timestamps', '타임스탬프를 보여 준다'),
    f('force-recreate', undefined, undefined, 'Recreate containers even if nothing changed', '바뀐 것이 없어도 컨테이너를 다시 만든다'),
    f('no-deps', undefined, undefined, "Don't start linked services", '연결된 서비스는 시작하지 않는다'),
    f('wait', undefined, undefined, 'Wait for services to be running and healthy', '서비스가 실행되고 정상 상태가 될 때까지 기다린다'),
    ORPHANS,
    DRY,
    TIMEOUT,
  ]),
  cmd(
    'compose',
    'compose down',
    'Stop and remove containers and networks of the services',
    '서비스들의 컨테이너와 네트워크를 멈추고 지운다',
    [
      f('volumes', 'v', undefined, 'Also remove named and anonymous volumes', '이름 있는 볼륨과 익명 볼륨도 지운다'),
      f(
        'rmi',
        undefined,
        'string',
        'Remove images used by services: "local" or "all"',
        '서비스가 쓴 이미지도 지운다: local(태그 없는 것만) 또는 all',
      ),
      ORPHANS,
      DRY,
      TIMEOUT,
    ],
  ),
  cmd('compose', 'compose logs', 'Show the output of the services', '서비스들의 출력(로그)을 보여 준다', [
    f('follow', 'f', undefined, 'Follow log output', '로그 출력을 계속 따라간다'),
    f('tail', 'n', 'string', 'Number of lines from the end of the logs', '로그 끝에서부터 보여 줄 줄 수'),
    f('timestamps', 't', undefined, 'Show timestamps', '타임스탬프를 보여 준다'),
    f('since', undefined, 'string', 'Show logs since a timestamp or relative time', '이 시각(또는 상대 시간) 이후의 로그만 보여 준다'),
    f('until', undefined, 'string', 'Show logs before a timestamp or relative time', '이 시각(또는 상대 시간) 이전의 로그만 보여 준다'),
    DRY,
  ]),
  cmd('compose', 'compose stop', 'Stop the services without removing them', '서비스들을 지우지 않고 멈춘다', [DRY, TIMEOUT]),
  cmd('compose', 'compose start', 'Start existing containers of the services', '서비스들의 기존 컨테이너를 시작한다', [DRY]),
  cmd('compose', 'compose restart', 'Restart the services', '서비스들을 다시 시작한다', [DRY, TIMEOUT]),
  cmd('compose', 'compose ps', 'List the containers of the project', '프로젝트의 컨테이너 목록을 보여 준다', [
    f('all', 'a', undefined, 'Show all containers, stopped ones too', '멈춘 것까지 모든 컨테이너를 보여 준다'),
    f('quiet', 'q', undefined, 'Only display IDs', 'ID만 출력한다'),
  ]),
  cmd('compose', 'compose build', 'Build or rebuild the images of the services', '서비스들의 이미지를 빌드하거나 다시 빌드한다', [
    f('no-cache', undefined, undefined, 'Do not use cache when building', '빌드할 때 캐시를 쓰지 않는다'),
    f('pull', undefined, undefined, 'Always try to pull newer base images', '항상 더 새로운 기반 이미지를 받으려 한다'),
  ]),
  cmd('compose', 'compose pull', 'Pull the images of the services', '서비스들의 이미지를 받는다', [DRY]),
  cmd('compose', 'compose exec', 'Run a command in a running service container', '실행 중인 서비스 컨테이너 안에서 명령을 실행한다', [
    f('detach', 'd', undefined, 'Run the command in the background', '명령을 백그라운드에서 실행한다'),
  ]),
  cmd('compose', 'compose run', 'Run a one-off command on a service', '서비스에서 일회성 명령을 실행한다', [
    f('rm', undefined, undefined, 'Remove the container when it exits', '끝나면 컨테이너를 지운다'),
  ]),
  cmd('compose', 'compose config', 'Show the merged Compose configuration', '병합한 Compose 설정을 보여 준다', []),
];

const BUILDX_SUBS: CliCommand[] = [
  cmd('buildx', 'buildx create', 'Create a new builder instance', '새 빌더 인스턴스를 만든다', [
    f('name', undefined, 'string', 'Builder instance name', '빌더 인스턴스 이름'),
    f(
      'driver',
      undefined,
      'string',
      'Driver to use (docker-container, kubernetes, remote)',
      '쓸 드라이버 (docker-container, kubernetes, remote)',
    ),
    f('append', undefined, undefined, 'Append a node to the builder instead of changing it', '빌더를 바꾸지 않고 노드를 덧붙인다'),
    f('bootstrap', undefined, undefined, 'Start the builder after creating it', '만든 뒤 빌더를 바로 시작한다'),
    f('use', undefined, undefined, 'Set the current builder instance', '만든 빌더를 현재 빌더로 정한다'),
    f('platform', undefined, 'string', 'Fixed platforms for the current node', '현재 노드의 고정 플랫폼'),
    f('buildkitd-flags', undefined, 'string', 'Flags for the BuildKit daemon', 'BuildKit 데몬에 줄 플래그'),
  ]),
  cmd('buildx', 'buildx du', 'Show disk usage of the build cache', '빌드 캐시의 디스크 사용량을 보여 준다', [
    f('builder', undefined, 'string', 'Builder instance to use', '쓸 빌더 인스턴스'),
    f('filter', undefined, 'filter', 'Provide filter values', '조건으로 결과를 거른다'),
    f('format', undefined, 'string', 'Format the output', '출력 형식을 정한다'),
    f('verbose', undefined, undefined, 'Show more details', '자세한 정보를 보여 준다'),
  ]),
  cmd('buildx', 'buildx ls', 'List builder instances', '빌더 인스턴스 목록을 보여 준다', [
    f('format', undefined, 'string', 'Format the output', '출력 형식을 정한다'),
  ]),
  cmd('buildx', 'buildx prune', 'Remove build cache', '빌드 캐시를 지운다', [
    f('filter', undefined, 'filter', 'Provide filter values', '조건으로 결과를 거른다'),
    f('max-used-space', undefined, 'bytes', 'Maximum amount of disk space the cache may use', '캐시가 쓸 수 있는 최대 디스크 용량'),
    f('reserved-space', undefined, 'bytes', 'Amount of disk space always kept for the cache', '캐시용으로 늘 남겨 둘 디스크 용량'),
    f('all', 'a', undefined, 'Include internal and frontend images', '내부 이미지와 프런트엔드 이미지도 포함한다'),
    f('force', 'f', undefined, 'Do not prompt for confirmation', '확인을 묻지 않는다'),
  ]),
  cmd('buildx', 'buildx rm', 'Remove one or more builder instances', '빌더 인스턴스 하나 이상을 지운다', [
    f('all-inactive', undefined, undefined, 'Remove all inactive builders', '쉬고 있는 빌더를 모두 지운다'),
    f('force', 'f', undefined, 'Do not prompt for confirmation', '확인을 묻지 않는다'),
  ]),
  cmd('buildx', 'buildx version', 'Show the buildx version', 'buildx 버전을 보여 준다', []),
  cmd('buildx', 'buildx build', 'Build an image with BuildKit', 'BuildKit으로 이미지를 빌드한다', [
    f('tag', 't', 'string', 'Name and optionally a tag (name:tag)', '이름과 태그 (name:tag 형식)'),
    f('platform', undefined, 'string', 'Target platforms for the build', '빌드할 대상 플랫폼'),
    f('push', undefined, undefined, 'Push the result to a registry', '결과를 레지스트리에 올린다'),
    f('load', undefined, undefined, 'Load the result into the local images', '결과를 로컬 이미지로 불러온다'),
    f('file', 'f', 'string', 'Name of the Dockerfile', 'Dockerfile의 이름'),
  ]),
];

export const PLUGINS: CliCommand[] = [
  cmd(
    'compose',
    'compose',
    'Define and run multi-container applications (the Compose plugin)',
    '여러 컨테이너로 된 애플리케이션을 정의하고 실행한다 (Compose 플러그인)',
    [
      f('file', 'f', 'stringArray', 'Compose configuration files', 'Compose 설정 파일'),
      f('project-name', 'p', 'string', 'Project name', '프로젝트 이름'),
      f('profile', undefined, 'stringArray', 'Profile to enable', '켤 프로필'),
    ],
    COMPOSE_SUBS.map((c) => c.path.split(' ')[1]!),
  ),
  ...COMPOSE_SUBS,
  cmd(
    'buildx',
    'buildx',
    'Extended build capabilities with BuildKit (the buildx plugin)',
    'BuildKit으로 확장된 빌드 기능 (buildx 플러그인)',
    [f('builder', undefined, 'string', 'Builder instance to use', '쓸 빌더 인스턴스')],
    BUILDX_SUBS.map((c) => c.path.split(' ')[1]!),
  ),
  ...BUILDX_SUBS,
];
