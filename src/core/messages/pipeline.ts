import { catalog } from './catalog-types.js';

/** The bot's and the worker's own words: uploads, access, quotas, the language choice, jobs that end by themselves. */
export const pipeline = catalog({
  'upload.missing': {
    en: (p: { name: string }) => `No file named ${p.name} came with the command.`,
    ko: (p: { name: string }) => `${p.name} 파일이 명령과 함께 오지 않았습니다.`,
  },
  'upload.missing.slack': {
    en: 'Slack slash commands carry no files: use the terminal or Discord for cp into a container.',
    ko: 'Slack 슬래시 명령으로는 파일을 보낼 수 없습니다. 컨테이너로 cp 하려면 터미널이나 Discord를 쓰세요.',
  },
  'upload.missing.hint': {
    en: (p: { name: string }) => `Attach ${p.name} to the command (the file option).`,
    ko: (p: { name: string }) => `명령에 ${p.name} 파일을 첨부하세요 (file 옵션).`,
  },
  'upload.noLocalFile': {
    en: (p: { path: string }) => `There is no file ${p.path} here.`,
    ko: (p: { path: string }) => `여기에는 ${p.path} 파일이 없습니다.`,
  },
  'upload.noLocalFile.hint': { en: 'Give the path of a file on this machine.', ko: '이 컴퓨터에 있는 파일의 경로를 적으세요.' },
  'upload.download': {
    en: (p: { name: string }) => `${p.name} could not be downloaded from the platform.`,
    ko: (p: { name: string }) => `${p.name} 파일을 플랫폼에서 내려받지 못했습니다.`,
  },
  'upload.download.hint': { en: 'Attach it again.', ko: '다시 첨부하세요.' },
  'upload.tooBig': {
    en: (p: { name: string; mib: number }) => `${p.name} is larger than ${p.mib} MiB, the most cp takes in here.`,
    ko: (p: { name: string; mib: number }) => `${p.name} 파일이 ${p.mib} MiB보다 큽니다. 여기서 cp로 받을 수 있는 최대 크기입니다.`,
  },
  'upload.tooBig.hint': { en: 'Send a smaller file.', ko: '더 작은 파일을 보내세요.' },
  'upload.expired': {
    en: (p: { name: string }) => `The file ${p.name} waited too long and is gone.`,
    ko: (p: { name: string }) => `${p.name} 파일이 너무 오래 기다려 사라졌습니다.`,
  },
  'upload.expired.hint': { en: 'Send the command with the file again.', ko: '파일과 함께 명령을 다시 보내세요.' },
  'access.notHere': {
    en: "Stevedore is not enabled here: it serves its own team's server or workspace only.",
    ko: 'Stevedore는 여기서 사용할 수 없습니다. 자기 팀의 서버(또는 워크스페이스)에서만 동작합니다.',
  },
  'access.notHere.hint': {
    en: "Use it in your team's own server or workspace; an admin can add this one to the places in the policy file.",
    ko: '팀의 서버나 워크스페이스에서 사용하세요. 관리자는 정책 파일의 places에 이곳을 추가할 수 있습니다.',
  },
  'access.notInChannel': {
    en: (p: { command: string }) => `/docker ${p.command} is not enabled in this channel.`,
    ko: (p: { command: string }) => `이 채널에서는 /docker ${p.command} 명령을 쓸 수 없습니다.`,
  },
  'access.notInChannel.hint': {
    en: 'An admin can bind it to this channel in the policy file (channels), or use a channel where it is enabled.',
    ko: '관리자가 정책 파일(channels)에서 이 채널에 허용할 수 있습니다. 허용된 채널에서 사용하세요.',
  },
  'access.adminOnly': {
    en: (p: { command: string }) => `/docker ${p.command} is for admins.`,
    ko: (p: { command: string }) => `/docker ${p.command} 명령은 관리자만 쓸 수 있습니다.`,
  },
  'access.adminOnly.hint': { en: 'Ask an admin of this deployment.', ko: '이 배포의 관리자에게 요청하세요.' },
  'quota.rate': {
    en: (p: { count: number; limit: number }) => `You have sent ${p.count} commands this minute; the limit is ${p.limit}.`,
    ko: (p: { count: number; limit: number }) => `이번 1분 동안 명령을 ${p.count}개 보냈습니다. 한도는 ${p.limit}개입니다.`,
  },
  'quota.rate.hint': {
    en: (p: { seconds: number }) => `Nothing was queued. Try again in ${p.seconds} s.`,
    ko: (p: { seconds: number }) => `아무것도 대기열에 넣지 않았습니다. ${p.seconds}초 뒤에 다시 시도하세요.`,
  },
  'quota.depth': {
    en: (p: { count: number; limit: number }) => `The queue is full: ${p.count} jobs are waiting or running (the limit is ${p.limit}).`,
    ko: (p: { count: number; limit: number }) =>
      `대기열이 가득 찼습니다: ${p.count}개의 작업이 기다리거나 실행 중입니다 (한도 ${p.limit}개).`,
  },
  'quota.depth.hint': {
    en: 'Nothing was queued. Try again in a minute.',
    ko: '아무것도 대기열에 넣지 않았습니다. 1분 뒤에 다시 시도하세요.',
  },
  'quota.mine': {
    en: (p: { count: number; limit: number }) => `You already have ${p.count} jobs queued or running; the limit is ${p.limit}.`,
    ko: (p: { count: number; limit: number }) => `이미 대기 중이거나 실행 중인 작업이 ${p.count}개 있습니다. 한도는 ${p.limit}개입니다.`,
  },
  'quota.mine.hint': {
    en: 'Nothing was queued. Wait for one to finish (`/docker jobs`), then try again.',
    ko: '아무것도 대기열에 넣지 않았습니다. 작업 하나가 끝나기를 기다린 뒤(`/docker jobs`) 다시 시도하세요.',
  },
  'lang.bad': {
    en: (p: { value: string }) => `"${p.value}" is not a language Stevedore speaks.`,
    ko: (p: { value: string }) => `"${p.value}"는 Stevedore가 쓰는 언어가 아닙니다.`,
  },
  'lang.bad.hint': { en: 'Write /docker lang ko or /docker lang en.', ko: '/docker lang ko 또는 /docker lang en 이라고 쓰세요.' },
  'lang.current': {
    en: (p: { lang: string }) => `Your replies are in ${p.lang === 'ko' ? 'Korean' : 'English'}.`,
    ko: (p: { lang: string }) => `지금 답변 언어는 ${p.lang === 'ko' ? '한국어' : '영어'}입니다.`,
  },
  'lang.set': { en: 'From now on your replies are in English.', ko: '이제부터 답변은 한국어로 합니다.' },
  'expired.title': {
    en: (p: { name: string }) => `${p.name} reached its time to live`,
    ko: (p: { name: string }) => `${p.name} 컨테이너의 유효 시간이 끝났습니다`,
  },
  'expired.body': {
    en: 'It was stopped and removed. Run it again for more time.',
    ko: '컨테이너를 멈추고 삭제했습니다. 더 쓰려면 다시 실행하세요.',
  },
  'cancelled.waiting': {
    en: (p: { name: string }) => `Cancelled by ${p.name} before it started`,
    ko: (p: { name: string }) => `시작하기 전에 ${p.name} 님이 취소했습니다`,
  },
});
