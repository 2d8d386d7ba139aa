import type { PlacedKind } from '../fleet.js';
import { catalog } from './catalog-types.js';

/** A container or volume and the host it lives on, as the two-hosts refusals list them. */
export interface Placed {
  kind: PlacedKind;
  name: string;
  host: string;
}
const placedEn = (list: Placed[]) =>
  [list]
    .flat()
    .map((p) => `${p.kind} ${p.name} → ${p.host}`)
    .join(', ');
const placedKo = (list: Placed[]) =>
  [list]
    .flat()
    .map((p) => `${p.kind === 'container' ? '컨테이너' : '볼륨'} ${p.name} → ${p.host}`)
    .join(', ');

/** A fleet of sandbox hosts (SANDBOX_HOSTS): where things live, hosts taken out and put back. */
export const fleetMessages = catalog({
  'fleet.twoHosts': {
    en: (p: { where: Placed[] }) =>
      `What this command uses lives on different sandbox hosts (${placedEn(p.where)}); one container cannot reach both.`,
    ko: (p: { where: Placed[] }) =>
      `이 명령이 쓰는 것들이 서로 다른 샌드박스 호스트에 있습니다 (${placedKo(p.where)}). 컨테이너 하나가 둘 다 쓸 수는 없습니다.`,
  },
  'fleet.twoHosts.hint': {
    en: "Use volumes that live on one host (`/docker volume ls` shows each one's HOST), or copy the data into a new volume with cp.",
    ko: '한 호스트에 있는 볼륨들만 쓰세요 (`/docker volume ls`의 HOST 열). 아니면 cp로 데이터를 새 볼륨에 옮기세요.',
  },
  'fleet.twoHostsSplit': {
    en: (p: { where: Placed[] }) => `What this command names lives on different sandbox hosts (${placedEn(p.where)}); nothing was done.`,
    ko: (p: { where: Placed[] }) =>
      `이 명령이 가리키는 것들이 서로 다른 샌드박스 호스트에 있습니다 (${placedKo(p.where)}). 아무것도 하지 않았습니다.`,
  },
  'fleet.twoHostsSplit.hint': {
    en: 'Send one command per host, naming only what lives there (`/docker ps -a` shows each one’s HOST).',
    ko: '호스트마다 그곳에 있는 것만 적어 명령을 따로 보내세요 (`/docker ps -a`의 HOST 열).',
  },
  'fleet.hostOut': {
    en: (p: { host: string; seconds: number }) =>
      `Sandbox host ${p.host}, where this lives, is not answering and is out for a cool-down (about ${p.seconds} s more).`,
    ko: (p: { host: string; seconds: number }) =>
      `이것이 있는 샌드박스 호스트 ${p.host}가 응답하지 않아 잠시 쉬는 중입니다 (약 ${p.seconds}초 남음).`,
  },
  'fleet.hostOut.hint': {
    en: 'Try again once it is back; the ops channel is told when it is.',
    ko: '호스트가 돌아오면 다시 시도하세요. 돌아오면 운영 채널에 알립니다.',
  },
  'fleet.unserved': {
    en: (p: { host: string }) => `No worker serves sandbox host ${p.host}, where this lives, at the moment.`,
    ko: (p: { host: string }) => `이것이 있는 샌드박스 호스트 ${p.host}를 맡은 워커가 지금은 없습니다.`,
  },
  'fleet.unserved.hint': {
    en: 'Nothing was queued. Start a worker for that host (WORKER_HOSTS), or try again in a moment if one is restarting.',
    ko: '아무것도 큐에 넣지 않았습니다. 그 호스트를 맡을 워커를 시작하거나 (WORKER_HOSTS), 재시작 중이라면 잠시 뒤 다시 시도하세요.',
  },
  'fleet.madeElsewhere': {
    en: (p: Placed) =>
      `The ${p.kind} ${p.name} is already on sandbox host ${p.host} (another command made it there a moment ago); this command was not run.`,
    ko: (p: Placed) =>
      `${p.kind === 'container' ? '컨테이너' : '볼륨'} ${p.name}은(는) 이미 샌드박스 호스트 ${p.host}에 있습니다 (방금 다른 명령이 그곳에 만들었습니다). 이 명령은 실행하지 않았습니다.`,
  },
  'fleet.madeElsewhere.hint': {
    en: 'Run it again: it now goes to that host.',
    ko: '다시 실행하세요. 이제 그 호스트로 갑니다.',
  },
  'fleet.noneInService': {
    en: 'No sandbox host is taking work at the moment; nothing was queued.',
    ko: '지금은 작업을 받는 샌드박스 호스트가 없습니다. 아무것도 큐에 넣지 않았습니다.',
  },
  'fleet.noneInService.hint': {
    en: 'The workers serving the hosts may be stopped or restarting: try again in a moment, or ask the ops team.',
    ko: '호스트를 맡은 워커가 멈췄거나 재시작 중일 수 있습니다. 잠시 뒤 다시 시도하거나 운영팀에 문의하세요.',
  },
  'fleet.noneInService.soon': {
    en: (p: { seconds: number }) =>
      `Every host is out for a cool-down; the first may be back in about ${p.seconds} s (the ops channel is told). Try again then.`,
    ko: (p: { seconds: number }) =>
      `모든 호스트가 잠시 쉬는 중입니다. 가장 빠른 호스트가 약 ${p.seconds}초 뒤 돌아올 수 있습니다 (운영 채널에 알립니다). 그때 다시 시도하세요.`,
  },
  'fleet.hostLost': {
    en: (p: { host: string }) => `Sandbox host ${p.host} stopped answering while this command ran on it; it was not run again elsewhere.`,
    ko: (p: { host: string }) => `이 명령을 실행하던 샌드박스 호스트 ${p.host}가 응답을 멈췄습니다. 다른 곳에서 다시 실행하지 않았습니다.`,
  },
  'fleet.hostLost.hint': {
    en: 'It may have partly run. Check with /docker ps -a once the host is back, then run it again if needed.',
    ko: '일부만 실행됐을 수 있습니다. 호스트가 돌아온 뒤 /docker ps -a로 확인하고 필요하면 다시 실행하세요.',
  },
  'fleet.out.title': {
    en: (p: { host: string; seconds: number }) => `Sandbox host ${p.host} taken out for ${p.seconds} s`,
    ko: (p: { host: string; seconds: number }) => `샌드박스 호스트 ${p.host}를 ${p.seconds}초 동안 제외했습니다`,
  },
  'fleet.out.body': {
    en: (p: { failures: number; error: string }) =>
      `It failed ${p.failures} calls in a row (last: ${p.error}). New work goes to the other hosts; work on what lives there is refused until it is back.`,
    ko: (p: { failures: number; error: string }) =>
      `연속 ${p.failures}번 호출에 실패했습니다 (마지막: ${p.error}). 새 작업은 다른 호스트로 가고, 이 호스트에 있는 것에 대한 작업은 돌아올 때까지 거절합니다.`,
  },
  'fleet.back.title': {
    en: (p: { host: string }) => `Sandbox host ${p.host} is back`,
    ko: (p: { host: string }) => `샌드박스 호스트 ${p.host}가 돌아왔습니다`,
  },
  'fleet.back.body': {
    en: (p: { seconds: number }) => `It was out for ${p.seconds} s and takes work again.`,
    ko: (p: { seconds: number }) => `${p.seconds}초 동안 제외됐고, 이제 다시 작업을 받습니다.`,
  },
  'fleet.leftOut.out': {
    en: (p: { host: string; seconds: number }) =>
      `Sandbox host ${p.host} was not asked: it is out for a cool-down (about ${p.seconds} s more).`,
    ko: (p: { host: string; seconds: number }) => `샌드박스 호스트 ${p.host}는 잠시 쉬는 중이라 묻지 않았습니다 (약 ${p.seconds}초 남음).`,
  },
  'fleet.leftOut.failed': {
    en: (p: { host: string }) => `Sandbox host ${p.host} was asked but failed, so it is left out here.`,
    ko: (p: { host: string }) => `샌드박스 호스트 ${p.host}에도 물었지만 실패해서 여기서는 빠졌습니다.`,
  },
  'column.host': { en: 'HOST', ko: '호스트' },
  // A remote engine (tcp:// with TLS, ssh://) that does not prove who it is: for the ops channel and the logs.
  'engine.untrusted.tls': {
    en: (p: { engine: string; code: string }) =>
      `Sandbox engine ${p.engine} is not trusted: its TLS certificate does not verify with the CA Stevedore was given (${p.code}).`,
    ko: (p: { engine: string; code: string }) =>
      `샌드박스 엔진 ${p.engine}를 믿을 수 없습니다: 엔진의 TLS 인증서가 Stevedore에 주어진 CA로 검증되지 않습니다 (${p.code}).`,
  },
  'engine.untrusted.tlsRefused': {
    en: (p: { engine: string; code: string }) =>
      `Sandbox engine ${p.engine} ended the TLS handshake (${p.code}): it does not accept Stevedore's certificate (cert= and key=).`,
    ko: (p: { engine: string; code: string }) =>
      `샌드박스 엔진 ${p.engine}가 TLS 연결을 끊었습니다 (${p.code}): Stevedore의 인증서(cert=, key=)를 받아들이지 않습니다.`,
  },
  'engine.untrusted.hostKey': {
    en: (p: { engine: string; file: string; name: string }) =>
      `Sandbox engine ${p.engine} is not trusted: its ssh host key is not one ${p.file} lists for ${p.name}.`,
    ko: (p: { engine: string; file: string; name: string }) =>
      `샌드박스 엔진 ${p.engine}를 믿을 수 없습니다: ssh 호스트 키가 ${p.file}에 ${p.name}의 키로 올라 있지 않습니다.`,
  },
  'engine.untrusted.sshLogin': {
    en: (p: { engine: string }) => `Sandbox engine ${p.engine} refused the ssh login: it accepts none of the keys SSH_AUTH_SOCK offers.`,
    ko: (p: { engine: string }) =>
      `샌드박스 엔진 ${p.engine}가 ssh 로그인을 거절했습니다: SSH_AUTH_SOCK이 내놓는 키를 하나도 받아들이지 않습니다.`,
  },
  /** The user's reply when their command waited in vain for an engine that did not prove who it is. */
  'engine.untrusted.gaveUp': {
    en: (p: { seconds: number }) =>
      `The sandbox engine could not be verified for ${p.seconds} s (its TLS certificate or ssh host key was refused); the command was not run.`,
    ko: (p: { seconds: number }) =>
      `샌드박스 엔진을 ${p.seconds}초 동안 확인하지 못해(TLS 인증서나 ssh 호스트 키를 거절) 명령을 실행하지 않았습니다.`,
  },
  'engine.untrusted.gaveUp.hint': {
    en: "An admin can see why in Stevedore's logs and its ops channel.",
    ko: '관리자는 Stevedore의 로그와 운영 채널에서 이유를 볼 수 있습니다.',
  },
});
