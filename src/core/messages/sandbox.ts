import { catalog } from './catalog-types.js';

/** The services the monitor watches, as Korean names them. */
const SERVICE_KO: Record<string, string> = { 'Docker engine': 'Docker 엔진' };
const serviceKo = (name: string) => SERVICE_KO[name] ?? name;

/** The sandbox host's answers in the user's terms: engine refusals, pulls, files in and out. `engine` is the engine's own words. */
export const sandboxMessages = catalog({
  'sandbox.nameTaken': {
    en: (p: { name: string }) => `You already have a container named ${p.name}.`,
    ko: (p: { name: string }) => `이름이 ${p.name}인 내 컨테이너가 이미 있습니다.`,
  },
  'sandbox.nameTaken.hint': {
    en: (p: { name: string }) => `Remove it with /docker rm -f ${p.name}, or choose another --name.`,
    ko: (p: { name: string }) => `/docker rm -f ${p.name}로 삭제하거나 다른 --name을 고르세요.`,
  },
  'sandbox.createFailed': {
    en: (p: { name: string; engine: string }) => `Creating ${p.name} failed: ${p.engine}`,
    ko: (p: { name: string; engine: string }) => `${p.name} 컨테이너를 만들지 못했습니다: ${p.engine}`,
  },
  'sandbox.pullTimeout': {
    en: (p: { ref: string; seconds: number }) => `Pulling ${p.ref} took longer than ${p.seconds} s and was abandoned.`,
    ko: (p: { ref: string; seconds: number }) => `${p.ref} 이미지를 ${p.seconds}초 안에 받지 못해 그만두었습니다.`,
  },
  'sandbox.tryLater': { en: 'Try again later.', ko: '나중에 다시 시도하세요.' },
  'sandbox.pullNotFound': {
    en: (p: { ref: string }) => `Image ${p.ref} was not found in the registry.`,
    ko: (p: { ref: string }) => `레지스트리에서 ${p.ref} 이미지를 찾지 못했습니다.`,
  },
  'sandbox.pullNotFound.hint': {
    en: (p: { engine: string }) => `Check the name and tag; the engine said: ${p.engine}`,
    ko: (p: { engine: string }) => `이미지 이름과 태그를 확인하세요. 엔진의 응답: ${p.engine}`,
  },
  'sandbox.pullUnreachable': {
    en: (p: { ref: string }) => `Image ${p.ref} is not available to the sandbox host.`,
    ko: (p: { ref: string }) => `샌드박스 호스트가 ${p.ref} 이미지를 받을 수 없습니다.`,
  },
  'sandbox.pullUnreachable.hint': {
    en: (p: { engine: string }) =>
      `Its registry mirror does not hold it and the registry itself is unreachable. \`/docker images\` lists what is here; the engine said: ${p.engine}`,
    ko: (p: { engine: string }) =>
      `레지스트리 미러에 이미지가 없고, 레지스트리 자체에도 연결할 수 없습니다. 여기 있는 이미지는 \`/docker images\`에서 볼 수 있습니다. 엔진의 응답: ${p.engine}`,
  },
  'sandbox.pullFailed': {
    en: (p: { ref: string; engine: string }) => `Pulling ${p.ref} failed: ${p.engine}`,
    ko: (p: { ref: string; engine: string }) => `${p.ref} 이미지를 받지 못했습니다: ${p.engine}`,
  },
  'sandbox.removeImageFailed': {
    en: (p: { ref: string; engine: string }) => `Removing image ${p.ref} failed: ${p.engine}`,
    ko: (p: { ref: string; engine: string }) => `${p.ref} 이미지를 삭제하지 못했습니다: ${p.engine}`,
  },
  'sandbox.removeContainerFailed': {
    en: (p: { engine: string }) => `Removing the container failed: ${p.engine}`,
    ko: (p: { engine: string }) => `컨테이너를 삭제하지 못했습니다: ${p.engine}`,
  },
  'sandbox.restartFailed': {
    en: (p: { engine: string }) => `Restarting the container failed: ${p.engine}`,
    ko: (p: { engine: string }) => `컨테이너를 다시 시작하지 못했습니다: ${p.engine}`,
  },
  'sandbox.engineRefused': {
    en: (p: { engine: string }) => `The engine refused: ${p.engine}`,
    ko: (p: { engine: string }) => `Docker 엔진이 거절했습니다: ${p.engine}`,
  },
  'sandbox.removeVolumeFailed': {
    en: (p: { engine: string }) => `Removing the volume failed: ${p.engine}`,
    ko: (p: { engine: string }) => `볼륨을 삭제하지 못했습니다: ${p.engine}`,
  },
  'sandbox.execFailed': {
    en: (p: { engine: string }) => `Starting the command failed: ${p.engine}`,
    ko: (p: { engine: string }) => `명령을 시작하지 못했습니다: ${p.engine}`,
  },
  'sandbox.copyInFailed': {
    en: (p: { path: string; engine: string }) => `Copying into ${p.path} failed: ${p.engine}`,
    ko: (p: { path: string; engine: string }) => `${p.path} 경로에 복사하지 못했습니다: ${p.engine}`,
  },
  'sandbox.readOnlyRoot': {
    en: (p: { dir: string }) => `${p.dir} is on the container's read-only root.`,
    ko: (p: { dir: string }) => `${p.dir} 경로는 컨테이너의 읽기 전용 루트에 있습니다.`,
  },
  'sandbox.readOnlyRoot.hint': {
    en: 'Copy into a mounted volume instead (run with -v NAME:/path).',
    ko: '대신 마운트한 볼륨에 복사하세요 (-v NAME:/path로 실행).',
  },
  'sandbox.readFailed': {
    en: (p: { path: string; engine: string }) => `Reading ${p.path} failed: ${p.engine}`,
    ko: (p: { path: string; engine: string }) => `${p.path} 경로를 읽지 못했습니다: ${p.engine}`,
  },
  'sandbox.tooLarge': {
    en: (p: { path: string; mib: number }) => `${p.path} is larger than ${p.mib} MiB, the most a chat upload takes here.`,
    ko: (p: { path: string; mib: number }) =>
      `${p.path} 경로의 크기가 ${p.mib} MiB를 넘습니다. 여기서 채팅으로 보낼 수 있는 최대 크기입니다.`,
  },
  'sandbox.tooLarge.hint': {
    en: 'Copy a smaller file, or a part of the directory.',
    ko: '더 작은 파일이나 디렉터리의 일부를 복사하세요.',
  },
  'sandbox.link': {
    en: (p: { path: string; link: string }) => `${p.path} holds a link (${p.link}); archives with links are refused.`,
    ko: (p: { path: string; link: string }) => `${p.path} 안에 링크(${p.link})가 있습니다. 링크가 든 아카이브는 보내지 않습니다.`,
  },
  'sandbox.link.hint': { en: 'Copy the file the link points to instead.', ko: '대신 링크가 가리키는 파일을 복사하세요.' },
  'monitor.down': {
    en: (p: { name: string }) => `${p.name} is unreachable`,
    ko: (p: { name: string }) => `${serviceKo(p.name)}에 연결할 수 없습니다`,
  },
  'monitor.back': {
    en: (p: { name: string }) => `${p.name} is back`,
    ko: (p: { name: string }) => `${serviceKo(p.name)}에 다시 연결되었습니다`,
  },
  'monitor.back.body': {
    en: (p: { seconds: number }) => `It was unreachable for ${p.seconds} s.`,
    ko: (p: { seconds: number }) => `${p.seconds}초 동안 연결할 수 없었습니다.`,
  },
  'terminal.greeting': {
    en: 'Stevedore: type /docker help, or /docker run whalesay boo. Ctrl-D to leave.',
    ko: 'Stevedore: /docker help 또는 /docker run whalesay boo를 입력하세요. 끝내려면 Ctrl-D를 누르세요.',
  },
  'terminal.outputCut': { en: '… (output cut)', ko: '… (출력 잘림)' },
});
