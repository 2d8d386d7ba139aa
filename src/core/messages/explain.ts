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
    ko: (p: S) => `Stevedore는 이 명령을 샌드박스에서 /docker ${p.s}로 실행한다. 플래그별 판정은 \`/docker explain ${p.s}\`로 본다.`,
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
});
