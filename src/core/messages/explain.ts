import { catalog } from './catalog-types.js';

type S = { s: string };
type P = { a: string; b: string };

/** What explain says around the Docker CLI's own knowledge: roles, values, the shell, typos, "here" lines. 한다체. */
export const explainMessages = catalog({
  'explain.title': { en: (p: S) => `Explain: ${p.s}`, ko: (p: S) => `설명: ${p.s}` },
  'explain.docker': { en: 'the Docker command-line client', ko: '도커 명령줄 클라이언트' },
  'explain.longForm': { en: 'Long form', ko: '정식 형태' },
  'explain.here': { en: 'Here', ko: '여기서는' },
  'explain.shell': { en: 'Shell', ko: '셸' },
  'explain.global': { en: (p: S) => `option of docker itself: ${p.s}`, ko: (p: S) => `docker 자체의 옵션: ${p.s}` },
  'explain.value': { en: (p: S) => `value: ${p.s}`, ko: (p: S) => `값: ${p.s}` },
  'explain.unknownFlag': {
    en: (p: S) => `not a flag of docker ${p.s}`,
    ko: (p: S) => `docker ${p.s}에는 이런 플래그가 없다`,
  },
  'explain.didYouMean': { en: (p: S) => `did you mean ${p.s}?`, ko: (p: S) => `${p.s}을(를) 말한 것인가?` },
  'explain.unknownCommand': {
    en: (p: S) => `"${p.s}" is not a Docker command`,
    ko: (p: S) => `"${p.s}"은(는) 도커 명령이 아니다`,
  },
  'explain.notRunHere': {
    en: 'Stevedore does not run this command; it only explains it. Run it on your own machine, or see `/docker help` for what runs here.',
    ko: 'Stevedore는 이 명령을 실행하지 않고 설명만 한다. 직접 컴퓨터에서 실행하거나, 여기서 실행되는 명령은 `/docker help`로 확인한다.',
  },
  'explain.runsHere': {
    en: (p: S) => `Stevedore runs this as /docker ${p.s}, in its sandbox: \`/docker explain ${p.s}\` shows its flags and verdicts.`,
    ko: (p: S) => `Stevedore는 이 명령을 샌드박스에서 실행한다 (/docker ${p.s}). 플래그별 판정은 \`/docker explain ${p.s}\`에서 본다.`,
  },
  'explain.plugin': {
    en: (p: S) => `docker ${p.s} is a CLI plugin that is not installed with this client (described from Docker's documentation).`,
    ko: (p: S) => `docker ${p.s}는 이 클라이언트에 설치되지 않은 CLI 플러그인이다 (도커 문서를 바탕으로 설명한다).`,
  },
  'explain.otherTool': {
    en: (p: S) => `${p.s} is a separate program, not part of the Docker CLI.`,
    ko: (p: S) => `${p.s}는 도커 CLI가 아닌 별도 프로그램이다.`,
  },
  'explain.subcommands': { en: (p: S) => `subcommands: ${p.s}`, ko: (p: S) => `하위 명령: ${p.s}` },
  'explain.flagsHeader': { en: 'FLAG', ko: '플래그' },
  'explain.meaningHeader': { en: 'MEANING', ko: '의미' },
  'explain.usage': { en: (p: S) => `Usage: ${p.s}`, ko: (p: S) => `사용법: ${p.s}` },
  'explain.flagOf': { en: (p: P) => `${p.a} of docker ${p.b}`, ko: (p: P) => `docker ${p.b}의 ${p.a}` },
  'explain.flagInMany': {
    en: (p: S) => `a flag of several Docker commands: ${p.s}`,
    ko: (p: S) => `여러 도커 명령의 플래그: ${p.s}`,
  },
  // Positional arguments, by the placeholder the usage line gives them.
  'explain.arg.image': { en: 'the image', ko: '이미지' },
  'explain.arg.container': { en: 'the container (its name or ID)', ko: '컨테이너 (이름 또는 ID)' },
  'explain.arg.command': {
    en: "the command to run in the container (the image's default when absent)",
    ko: '컨테이너에서 실행할 명령 (없으면 이미지의 기본 명령)',
  },
  'explain.arg.args': { en: "an argument of the container's command", ko: '컨테이너 명령의 인자' },
  'explain.arg.path': { en: 'a path', ko: '경로' },
  'explain.arg.other': { en: (p: S) => `argument ${p.s}`, ko: (p: S) => `인자 ${p.s}` },
  'explain.arg.extra': { en: 'an extra argument this command does not take', ko: '이 명령이 받지 않는 남는 인자' },
  'explain.arg.stdin': { en: '"-": standard input or output instead of a file', ko: '"-": 파일 대신 표준 입력이나 표준 출력' },
  'explain.image.id': {
    en: (p: S) => `an image ID (${p.s}), not a repository name`,
    ko: (p: S) => `이미지 ID(${p.s})이며 저장소 이름이 아니다`,
  },
  'explain.image.ref': {
    en: (p: { registry: string; repo: string; tag: string }) => `registry ${p.registry}, repository ${p.repo}, ${p.tag}`,
    ko: (p: { registry: string; repo: string; tag: string }) => `레지스트리 ${p.registry}, 저장소 ${p.repo}, ${p.tag}`,
  },
  'explain.image.tag': { en: (p: S) => `tag ${p.s}`, ko: (p: S) => `태그 ${p.s}` },
  'explain.image.latest': { en: 'tag latest (the default)', ko: '태그 latest (기본값)' },
  'explain.image.digest': {
    en: (p: S) => `digest ${p.s} (always the same image, whatever tags move)`,
    ko: (p: S) => `다이제스트 ${p.s} (태그가 옮겨져도 늘 같은 이미지)`,
  },
  'explain.hub': { en: 'docker.io (Docker Hub, the default)', ko: 'docker.io (도커 허브, 기본값)' },
  'explain.cpContainer': { en: (p: P) => `path ${p.b} inside container ${p.a}`, ko: (p: P) => `컨테이너 ${p.a} 안의 경로 ${p.b}` },
  'explain.cpHost': { en: (p: S) => `path ${p.s} on this host`, ko: (p: S) => `이 호스트의 경로 ${p.s}` },
  'explain.endOfOptions': { en: 'end of options: what follows are arguments', ko: '옵션의 끝: 뒤는 모두 인자다' },
  'explain.arg.service': { en: 'a service of the Compose file', ko: 'Compose 파일의 서비스' },

  // The shell around a docker line.
  'explain.shell.and': { en: 'runs the next command only if this one succeeded', ko: '앞 명령이 성공했을 때만 다음 명령을 실행한다' },
  'explain.shell.or': { en: 'runs the next command only if this one failed', ko: '앞 명령이 실패했을 때만 다음 명령을 실행한다' },
  'explain.shell.then': { en: 'then runs the next command', ko: '이어서 다음 명령을 실행한다' },
  'explain.shell.pipe': {
    en: "pipe: this command's output becomes the next one's input",
    ko: '파이프: 앞 명령의 출력을 다음 명령의 입력으로 넘긴다',
  },
  'explain.shell.out': { en: 'redirects the output into a file (overwriting it)', ko: '출력을 파일로 보낸다 (덮어쓴다)' },
  'explain.shell.append': { en: 'appends the output to a file', ko: '출력을 파일 끝에 덧붙인다' },
  'explain.shell.in': { en: 'reads the input from a file', ko: '입력을 파일에서 읽는다' },
  'explain.shell.dup': {
    en: 'sends one output stream into another (2>&1: errors with the output)',
    ko: '출력 스트림을 다른 스트림으로 보낸다 (2>&1: 오류를 출력과 함께)',
  },
  'explain.shell.background': { en: 'runs the command in the background of the shell', ko: '셸의 백그라운드에서 명령을 실행한다' },
  'explain.shell.operator': { en: (p: S) => `shell operator ${p.s}`, ko: (p: S) => `셸 연산자 ${p.s}` },
  'explain.shell.sudo': {
    en: 'sudo: runs the command as root (the docker group is the usual alternative)',
    ko: 'sudo: 명령을 root 권한으로 실행한다 (보통은 docker 그룹에 들면 필요 없다)',
  },
  'explain.shell.xargs': {
    en: 'xargs: adds the words it reads from the pipe as arguments',
    ko: 'xargs: 파이프로 받은 단어들을 인자로 덧붙인다',
  },
  'explain.shell.time': { en: 'time: measures how long the command takes', ko: 'time: 명령에 걸린 시간을 잰다' },
  'explain.shell.other': {
    en: (p: S) => `${p.s}: another program or its argument, not Docker`,
    ko: (p: S) => `${p.s}: 도커가 아닌 다른 프로그램이나 그 인자`,
  },
  'explain.shell.pwd': { en: (p: S) => `${p.s}: the current directory of the shell`, ko: (p: S) => `${p.s}: 셸의 현재 디렉터리` },
  'explain.shell.output': {
    en: (p: S) => `${p.s}: replaced by the output of the command inside`,
    ko: (p: S) => `${p.s}: 안쪽 명령의 출력으로 바뀐다`,
  },
  'explain.shell.variable': { en: (p: S) => `${p.s}: the value of the shell variable`, ko: (p: S) => `${p.s}: 셸 변수의 값` },

  // A flag alone, and `explain COMMAND`: every flag with its verdict here.
  'explain.loneFlag.none': { en: 'not a flag of any Docker command', ko: '어느 도커 명령에도 없는 플래그다' },
  'explain.verdictHeader': { en: 'VERDICT', ko: '판정' },
  'explain.commandTitle': { en: (p: P) => `Explain: /docker ${p.a} — ${p.b}`, ko: (p: P) => `설명: /docker ${p.a} — ${p.b}` },
  'explain.overview': {
    en: 'Explains without running anything: a command line (`/docker explain run --rm whalesay boo`), an image name (`/docker explain nginx`), a job (`/docker explain job 12`), or one of these concepts.',
    ko: '아무것도 실행하지 않고 설명한다: 명령줄(`/docker explain run --rm whalesay boo`), 이미지 이름(`/docker explain nginx`), 작업(`/docker explain job 12`), 또는 아래 개념.',
  },
  'explain.badLang': {
    en: (p: S) => `--lang takes ko or en, not "${p.s}".`,
    ko: (p: S) => `--lang에는 ko나 en을 쓴다 ("${p.s}"는 쓸 수 없다).`,
  },

  // A command line with Stevedore's verdict: fields, verdict words, the image's parts.
  'explain.notFound': {
    en: (p: S) => `"${p.s}" is neither a /docker command nor a concept I can explain.`,
    ko: (p: S) => `"${p.s}"은(는) /docker 명령도 아니고 설명할 수 있는 개념도 아니다.`,
  },
  'explain.notFound.hint': {
    en: 'Try `/docker explain container`, or `/docker explain run whalesay boo`.',
    ko: '`/docker explain container`나 `/docker explain run whalesay boo`를 해 본다.',
  },
  'explain.field.lifecycle': { en: 'Lifecycle', ko: '생명주기' },
  'explain.field.engineApi': { en: 'Engine API', ko: '엔진 API 호출' },
  'explain.field.verdict': { en: 'Stevedore', ko: 'Stevedore 판정' },
  'explain.field.sandbox': { en: 'Sandbox', ko: '샌드박스' },
  'explain.field.try': { en: 'Try', ko: '해 보기' },
  'explain.allowed': { en: 'allowed', ko: '허용' },
  'explain.verdict.used': { en: 'used', ko: '사용' },
  'explain.verdict.bounded': { en: 'allowed within limits', ko: '한도 안에서 허용' },
  'explain.verdict.ignored': { en: 'accepted, no effect here', ko: '받아들이지만 여기서는 효과가 없다' },
  'explain.verdict.refused': { en: 'refused', ko: '거부' },
  'explain.unknownFlagHere': {
    en: 'unknown flag: Docker has no such flag for this command (not guessed)',
    ko: '알 수 없는 플래그: 이 명령에 이런 플래그는 없다 (추측하지 않음)',
  },
  'explain.containerCommand': {
    en: "the container's command and its arguments (the image's default when absent)",
    ko: '컨테이너에서 실행할 명령과 인자 (없으면 이미지의 기본 명령)',
  },
  'explain.none': { en: '(none)', ko: '(없음)' },
  'explain.part.registry': { en: 'registry', ko: '레지스트리' },
  'explain.part.account': { en: 'account', ko: '계정' },
  'explain.part.repository': { en: 'repository', ko: '저장소' },
  'explain.part.tag': { en: 'tag', ko: '태그' },
  'explain.part.digest': { en: 'digest', ko: '다이제스트' },
  'explain.part.default': { en: 'default', ko: '기본값' },
  'explain.part.official': { en: 'official images live under library/', ko: '공식 이미지는 library/ 아래에 있다' },
  'explain.missingPulled': {
    en: 'If the sandbox host lacks it, it is pulled from the registry (through the local mirror) first.',
    ko: '샌드박스 호스트에 없으면 먼저 레지스트리에서 (로컬 미러를 거쳐) 받아 온다.',
  },
  'explain.path.readsOnly': { en: 'reads only', ko: '읽기만 한다' },
  'explain.path.detached': {
    en: 'detached: stopped and removed when its time to live runs out',
    ko: '백그라운드 실행: 유효 시간이 끝나면 멈추고 삭제한다',
  },
  'explain.state.registry': { en: 'registry', ko: '레지스트리' },
  'explain.state.image': { en: 'image', ko: '이미지' },
  'explain.state.created': { en: 'created', ko: '생성됨(created)' },
  'explain.state.running': { en: 'running', ko: '실행 중(running)' },
  'explain.state.exited': { en: 'exited', ko: '종료됨(exited)' },
  'explain.state.removed': { en: 'removed', ko: '삭제됨(removed)' },
  'explain.sandbox': {
    en: (p: { memory: string; cpus: number; pids: number; tmpfs: string; output: string; user: string }) =>
      [
        `memory ${p.memory}, swap none`,
        `CPU ${p.cpus}, processes ${p.pids}`,
        'network none (loopback only)',
        `read-only root, /tmp tmpfs ${p.tmpfs} noexec`,
        'all capabilities dropped, no-new-privileges, default seccomp',
        `user ${p.user}, init`,
        `output cap ${p.output}`,
      ].join('\n'),
    ko: (p: { memory: string; cpus: number; pids: number; tmpfs: string; output: string; user: string }) =>
      [
        `메모리 ${p.memory}, 스왑 없음`,
        `CPU ${p.cpus}, 프로세스 ${p.pids}개`,
        '네트워크 none (루프백만)',
        `읽기 전용 루트, /tmp tmpfs ${p.tmpfs} noexec`,
        '모든 capability 제거, no-new-privileges, 기본 seccomp',
        `사용자 ${p.user}, init`,
        `출력 한도 ${p.output}`,
      ].join('\n'),
  },
  'explain.sandbox.ttl': { en: (p: S) => `time to live ${p.s}`, ko: (p: S) => `유효 시간 ${p.s}` },
  'explain.sandbox.timeout': { en: (p: S) => `timeout ${p.s}`, ko: (p: S) => `제한 시간 ${p.s}` },
  'explain.runtime': { en: (p: S) => `runtime ${p.s}`, ko: (p: S) => `런타임 ${p.s}` },

  // help's table (help's sentences are the commands' catalogue entries).
  'explain.help.command': { en: 'COMMAND', ko: '명령' },
  'explain.help.what': { en: 'WHAT IT DOES', ko: '설명' },
});
