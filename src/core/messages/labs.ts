import { catalog } from './catalog-types.js';

type Name = { name: string };

/** `/docker learn`: the labs' frame (lists, steps, progress) and what a check found missing, in the learner's terms. */
export const labMessages = catalog({
  // --- What a check found missing ---
  'labs.miss.noContainer': {
    en: (p: Name) => `You have no container named ${p.name}.`,
    ko: (p: Name) => `이름이 ${p.name}인 내 컨테이너가 없습니다.`,
  },
  'labs.miss.otherName': {
    en: (p: { name: string; other: string }) =>
      `You have no container named ${p.name}; the one you just made is named ${p.other}: --name sets the name.`,
    ko: (p: { name: string; other: string }) =>
      `이름이 ${p.name}인 컨테이너가 없습니다. 방금 만든 컨테이너의 이름은 ${p.other}입니다. 이름은 --name으로 정합니다.`,
  },
  'labs.miss.stillThere': {
    en: (p: { name: string; state: string }) => `Your container ${p.name} is still there (${p.state}).`,
    ko: (p: { name: string; state: string }) => `내 컨테이너 ${p.name}이(가) 아직 남아 있습니다 (${p.state}).`,
  },
  'labs.miss.tag': {
    en: (p: { name: string; tag: string; want: string }) => `Your container ${p.name} runs the tag ${p.tag}, not ${p.want}.`,
    ko: (p: { name: string; tag: string; want: string }) =>
      `내 컨테이너 ${p.name}은(는) ${p.want} 태그가 아니라 ${p.tag} 태그로 실행되었습니다.`,
  },
  'labs.miss.image': {
    en: (p: { name: string; image: string; want: string }) => `Your container ${p.name} runs the image ${p.image}, not ${p.want}.`,
    ko: (p: { name: string; image: string; want: string }) =>
      `내 컨테이너 ${p.name}은(는) ${p.want} 이미지가 아니라 ${p.image} 이미지로 실행되었습니다.`,
  },
  'labs.miss.notNew': {
    en: (p: Name) => `Your container ${p.name} is the old one: it was made before this step began. Remove it and run a new one.`,
    ko: (p: Name) => `내 컨테이너 ${p.name}은(는) 이 단계가 시작되기 전에 만든 예전 컨테이너입니다. 삭제하고 새로 실행하세요.`,
  },
  'labs.miss.notRestarted': {
    en: (p: Name) => `Your container ${p.name} has not been started again since this step began.`,
    ko: (p: Name) => `내 컨테이너 ${p.name}은(는) 이 단계가 시작된 뒤로 다시 시작되지 않았습니다.`,
  },
  'labs.miss.notRunning': {
    en: (p: { name: string; code: number }) => `Your container ${p.name} is not running: it exited with ${p.code}.`,
    ko: (p: { name: string; code: number }) => `내 컨테이너 ${p.name}이(가) 실행 중이 아닙니다. 종료 코드 ${p.code}로 끝났습니다.`,
  },
  'labs.miss.stillRunning': {
    en: (p: Name) => `Your container ${p.name} is still running; check again once it has exited.`,
    ko: (p: Name) => `내 컨테이너 ${p.name}이(가) 아직 실행 중입니다. 종료된 뒤에 다시 확인하세요.`,
  },
  'labs.miss.exitCode': {
    en: (p: { name: string; code: number; want: number }) => `Your container ${p.name} exited with ${p.code}, not ${p.want}.`,
    ko: (p: { name: string; code: number; want: number }) => `내 컨테이너 ${p.name}의 종료 코드가 ${p.want}이(가) 아니라 ${p.code}입니다.`,
  },
  'labs.miss.network': {
    en: (p: { name: string; network: string; want: string }) => `Your container ${p.name} is on the network ${p.network}, not ${p.want}.`,
    ko: (p: { name: string; network: string; want: string }) =>
      `내 컨테이너 ${p.name}은(는) ${p.want} 네트워크가 아니라 ${p.network} 네트워크에 있습니다.`,
  },
  'labs.miss.noLabel': {
    en: (p: { name: string; key: string; want: string }) => `Your container ${p.name} has no label ${p.key} (it should be ${p.want}).`,
    ko: (p: { name: string; key: string; want: string }) =>
      `내 컨테이너 ${p.name}에 ${p.key} 레이블이 없습니다 (값은 ${p.want}이어야 합니다).`,
  },
  'labs.miss.label': {
    en: (p: { name: string; key: string; want: string; got: string }) =>
      `Your container ${p.name} has the label ${p.key}=${p.got}, not ${p.key}=${p.want}.`,
    ko: (p: { name: string; key: string; want: string; got: string }) =>
      `내 컨테이너 ${p.name}의 레이블이 ${p.key}=${p.want}이(가) 아니라 ${p.key}=${p.got}입니다.`,
  },
  'labs.miss.output': {
    en: (p: { name: string; want: string; got: string }) =>
      `The output of ${p.name} does not hold "${p.want}"; it ended with: ${p.got || '(nothing)'}`,
    ko: (p: { name: string; want: string; got: string }) =>
      `${p.name}의 출력에 "${p.want}"이(가) 없습니다. 출력의 마지막 줄: ${p.got || '(없음)'}`,
  },
  'labs.exit.0': { en: 'Exit code 0 means it succeeded.', ko: '종료 코드 0은 성공했다는 뜻입니다.' },
  'labs.exit.1': {
    en: 'Exit code 1: the command ran and failed (a file it wanted was not there, say).',
    ko: '종료 코드 1: 명령은 실행되었지만 실패했습니다 (예를 들어 찾는 파일이 없었습니다).',
  },
  'labs.exit.2': {
    en: 'Exit code 2: the command was misused (a wrong option or argument).',
    ko: '종료 코드 2: 명령을 잘못 사용했습니다 (옵션이나 인자가 틀렸습니다).',
  },
  'labs.exit.125': {
    en: 'Exit code 125: Docker itself could not run the container.',
    ko: '종료 코드 125: 도커가 컨테이너를 실행하지 못했습니다.',
  },
  'labs.exit.126': {
    en: 'Exit code 126: the command was found but could not be executed.',
    ko: '종료 코드 126: 명령을 찾았지만 실행할 수 없었습니다.',
  },
  'labs.exit.127': {
    en: 'Exit code 127: the command was not found in the image; check its spelling.',
    ko: '종료 코드 127: 이미지 안에서 명령을 찾지 못했습니다. 철자를 확인하세요.',
  },
  'labs.exit.137': {
    en: 'Exit code 137: it was killed (out of memory, its time ran out, or it was stopped).',
    ko: '종료 코드 137: 강제로 종료되었습니다 (메모리 부족, 시간 초과, 또는 누군가 멈췄습니다).',
  },
  'labs.exit.139': {
    en: 'Exit code 139: the program crashed (segmentation fault).',
    ko: '종료 코드 139: 프로그램이 비정상 종료되었습니다 (세그멘테이션 오류).',
  },
  'labs.exit.143': { en: 'Exit code 143: it was asked to stop (SIGTERM).', ko: '종료 코드 143: 중지 요청(SIGTERM)을 받아 끝났습니다.' },
  'labs.exit.signal': {
    en: (p: { signal: number }) => `It ended on signal ${p.signal}.`,
    ko: (p: { signal: number }) => `시그널 ${p.signal}을(를) 받아 끝났습니다.`,
  },
  'labs.exit.other': { en: 'The command reported an error.', ko: '명령이 오류를 알렸습니다.' },
  'labs.miss.noVolume': {
    en: (p: { name: string; have: string }) => `You have no volume named ${p.name}${p.have ? `; yours: ${p.have}` : ''}.`,
    ko: (p: { name: string; have: string }) => `이름이 ${p.name}인 내 볼륨이 없습니다${p.have ? ` (내 볼륨: ${p.have})` : ''}.`,
  },
  'labs.miss.noFile': {
    en: (p: { path: string; where: string }) => `There is no file ${p.path} in ${p.where}.`,
    ko: (p: { path: string; where: string }) => `${p.where} 안에 ${p.path} 파일이 없습니다.`,
  },
  'labs.miss.dirHolds': {
    en: (p: { dir: string; names: string }) => `${p.dir} holds: ${p.names || '(nothing)'}`,
    ko: (p: { dir: string; names: string }) => `${p.dir}에 있는 것: ${p.names || '(없음)'}`,
  },
  'labs.miss.isDir': {
    en: (p: { path: string; where: string }) => `${p.path} in ${p.where} is a directory, not a file.`,
    ko: (p: { path: string; where: string }) => `${p.where} 안의 ${p.path}은(는) 파일이 아니라 디렉터리입니다.`,
  },
  'labs.miss.content': {
    en: (p: { path: string; where: string; want: string; got: string }) =>
      `${p.path} in ${p.where} does not hold "${p.want}"; it holds: ${p.got || '(nothing)'}`,
    ko: (p: { path: string; where: string; want: string; got: string }) =>
      `${p.where} 안의 ${p.path}에 "${p.want}"이(가) 없습니다. 지금 내용: ${p.got || '(비어 있음)'}`,
  },
  'labs.miss.notServing': {
    en: (p: Name) => `Your container ${p.name} is not running, so nothing serves pages.`,
    ko: (p: Name) => `내 컨테이너 ${p.name}이(가) 실행 중이 아니어서 페이지를 제공하지 않습니다.`,
  },
  'labs.miss.noAnswer': {
    en: (p: { name: string; port: number }) => `Nothing in ${p.name} answers HTTP on port ${p.port} yet.`,
    ko: (p: { name: string; port: number }) => `${p.name} 안에서 ${p.port} 포트로 HTTP에 응답하는 것이 아직 없습니다.`,
  },
  'labs.miss.status': {
    en: (p: { path: string; name: string; status: number; want: number }) =>
      `GET ${p.path} on ${p.name} answers ${p.status}, not ${p.want}.`,
    ko: (p: { path: string; name: string; status: number; want: number }) =>
      `${p.name}에 GET ${p.path}을(를) 요청하면 ${p.want}이(가) 아니라 ${p.status}로 응답합니다.`,
  },
  'labs.miss.body': {
    en: (p: { path: string; name: string; want: string }) => `The page ${p.path} on ${p.name} does not hold "${p.want}".`,
    ko: (p: { path: string; name: string; want: string }) => `${p.name}의 ${p.path} 페이지에 "${p.want}"이(가) 없습니다.`,
  },
  'labs.miss.notAsked': {
    en: (p: { command: string }) => `You have not run ${p.command} since this step began.`,
    ko: (p: { command: string }) => `이 단계가 시작된 뒤로 ${p.command} 명령을 실행하지 않았습니다.`,
  },
  'labs.miss.flag': {
    en: (p: { typed: string; flag: string }) => `You typed "${p.typed}" without ${p.flag}.`,
    ko: (p: { typed: string; flag: string }) => `"${p.typed}"에 ${p.flag}이(가) 빠졌습니다.`,
  },
  'labs.miss.askedTag': {
    en: (p: { typed: string; want: string }) => `You asked for ${p.typed}: the tag differs from ${p.want}.`,
    ko: (p: { typed: string; want: string }) => `${p.typed}을(를) 요청했습니다. 태그가 ${p.want}와(과) 다릅니다.`,
  },
  'labs.miss.askedImage': {
    en: (p: { typed: string; want: string }) => `You asked for ${p.typed || 'no image'}, not ${p.want}.`,
    ko: (p: { typed: string; want: string }) => `${p.want}이(가) 아니라 ${p.typed || '이미지 없이'} 요청했습니다.`,
  },
  'labs.miss.args': {
    en: (p: { typed: string; want: string }) => `You typed "${p.typed}"; the step asks for ${p.want}.`,
    ko: (p: { typed: string; want: string }) => `"${p.typed}"을(를) 입력했습니다. 이 단계에는 ${p.want}이(가) 필요합니다.`,
  },
  'labs.miss.askedFailed': {
    en: (p: { typed: string }) => `Your "${p.typed}" did not succeed; its answer says why.`,
    ko: (p: { typed: string }) => `"${p.typed}"이(가) 성공하지 못했습니다. 그 답에 이유가 있습니다.`,
  },
  'labs.miss.noImage': {
    en: (p: { image: string }) => `The sandbox host has no image ${p.image}.`,
    ko: (p: { image: string }) => `샌드박스 호스트에 ${p.image} 이미지가 없습니다.`,
  },

  // --- The frame: lists, steps, progress ---
  'labs.noSuchLab': {
    en: (p: { lab: string; count: number }) => `There is no lab ${p.lab}; the labs are 1 to ${p.count}.`,
    ko: (p: { lab: string; count: number }) => `${p.lab}번 실습은 없습니다. 실습은 1번부터 ${p.count}번까지입니다.`,
  },
  'labs.badAction': {
    en: (p: { word: string }) => `learn does not know "${p.word}".`,
    ko: (p: { word: string }) => `learn에는 "${p.word}"이(가) 없습니다.`,
  },
  'labs.usage': {
    en: '/docker learn lists the labs; learn N starts one; learn check, hint, skip, reset, progress.',
    ko: '/docker learn은 실습 목록을 보여 줍니다. learn 번호로 시작하고, learn check, hint, skip, reset, progress를 쓸 수 있습니다.',
  },
  'labs.noneUnderWay': { en: 'You have no lab under way.', ko: '진행 중인 실습이 없습니다.' },
  'labs.noneUnderWay.hint': {
    en: '/docker learn lists the labs; /docker learn 1 starts the first.',
    ko: '/docker learn으로 실습 목록을 보고, /docker learn 1로 첫 실습을 시작하세요.',
  },
  'labs.list.title': { en: 'Labs', ko: '실습' },
  'labs.list.body': {
    en: 'Labs from the team notes, checked on the engine. /docker learn N starts lab N.',
    ko: '팀 노트로 만든 실습이며, 결과는 엔진에서 확인합니다. /docker learn 번호로 실습을 시작하세요.',
  },
  'labs.col.lab': { en: 'LAB', ko: '실습' },
  'labs.col.steps': { en: 'STEPS', ko: '단계' },
  'labs.col.progress': { en: 'PROGRESS', ko: '진행' },
  'labs.col.learner': { en: 'LEARNER', ko: '학습자' },
  'labs.state.done': { en: 'finished', ko: '완료' },
  'labs.state.step': {
    en: (p: { step: number; steps: number }) => `step ${p.step} of ${p.steps}`,
    ko: (p: { step: number; steps: number }) => `${p.steps}단계 중 ${p.step}단계`,
  },
  'labs.step.title': {
    en: (p: { lab: number; title: string; step: number; steps: number }) => `Lab ${p.lab} · ${p.title}: step ${p.step} of ${p.steps}`,
    ko: (p: { lab: number; title: string; step: number; steps: number }) => `실습 ${p.lab} · ${p.title}: ${p.steps}단계 중 ${p.step}단계`,
  },
  'labs.field.why': { en: 'Why', ko: '이유' },
  'labs.field.file': { en: 'Your file', ko: '준비할 파일' },
  'labs.field.then': { en: 'Then', ko: '그다음' },
  'labs.field.hint': { en: 'Hint', ko: '힌트' },
  'labs.field.next': { en: 'Next', ko: '다음' },
  'labs.file': {
    en: (p: { name: string; content: string }) => `Make a file ${p.name} holding: ${p.content}`,
    ko: (p: { name: string; content: string }) => `${p.name} 파일을 만들고 내용으로 다음을 넣으세요: ${p.content}`,
  },
  'labs.noFiles': {
    en: 'Slack slash commands carry no files, so here the file is made inside the container instead of copied in; the check looks at the file, not at how it came.',
    ko: 'Slack 슬래시 명령으로는 파일을 보낼 수 없으므로, 여기서는 파일을 복사해 넣는 대신 컨테이너 안에서 만듭니다. 확인은 파일이 어떻게 들어왔는지가 아니라 파일 자체를 봅니다.',
  },
  'labs.field.elsewhere': { en: 'With cp, on the terminal or Discord', ko: '터미널이나 Discord에서는 cp로' },
  'labs.then': {
    en: 'Type the command, then /docker learn check (or just /docker learn). /docker learn hint if stuck.',
    ko: '명령을 입력한 뒤 /docker learn check(또는 /docker learn)를 입력하세요. 막히면 /docker learn hint를 쓰세요.',
  },
  'labs.notYet': {
    en: (p: { lab: number; step: number }) => `Not yet: lab ${p.lab}, step ${p.step}`,
    ko: (p: { lab: number; step: number }) => `아직입니다: 실습 ${p.lab}의 ${p.step}단계`,
  },
  'labs.stepDone': {
    en: (p: { step: number }) => `✔ Step ${p.step} done.`,
    ko: (p: { step: number }) => `✔ ${p.step}단계를 마쳤습니다.`,
  },
  'labs.skipped': {
    en: (p: { step: number }) => `Step ${p.step} skipped.`,
    ko: (p: { step: number }) => `${p.step}단계를 건너뛰었습니다.`,
  },
  'labs.finished': {
    en: (p: { lab: number; title: string; name: string }) => `${p.name} finished lab ${p.lab}: ${p.title}`,
    ko: (p: { lab: number; title: string; name: string }) => `${p.name} 님이 실습 ${p.lab}을(를) 마쳤습니다: ${p.title}`,
  },
  'labs.finished.skipped': {
    en: (p: { steps: string }) => `Skipped steps: ${p.steps}.`,
    ko: (p: { steps: string }) => `건너뛴 단계: ${p.steps}.`,
  },
  'labs.next': {
    en: (p: { lab: number; title: string }) => `/docker learn ${p.lab} (${p.title})`,
    ko: (p: { lab: number; title: string }) => `/docker learn ${p.lab} (${p.title})로 이어집니다`,
  },
  'labs.allDone': { en: 'That was the last lab.', ko: '마지막 실습이었습니다.' },
  'labs.hint.title': {
    en: (p: { lab: number; step: number }) => `Hint: lab ${p.lab}, step ${p.step}`,
    ko: (p: { lab: number; step: number }) => `힌트: 실습 ${p.lab}의 ${p.step}단계`,
  },
  'labs.volume': { en: (p: Name) => `volume ${p.name}`, ko: (p: Name) => `${p.name} 볼륨` },
  'labs.reset': {
    en: (p: { lab: number; removed: string }) => `Lab ${p.lab} starts again; removed: ${p.removed}.`,
    ko: (p: { lab: number; removed: string }) => `실습 ${p.lab}을(를) 처음부터 다시 시작합니다. 삭제한 것: ${p.removed}.`,
  },
  'labs.reset.nothing': {
    en: (p: { lab: number }) => `Lab ${p.lab} starts again; there was nothing of it to remove.`,
    ko: (p: { lab: number }) => `실습 ${p.lab}을(를) 처음부터 다시 시작합니다. 삭제할 것은 없었습니다.`,
  },
  'labs.progress.title': { en: 'Who finished which lab', ko: '실습별 완료 현황' },
  'labs.week.title': {
    en: (p: { finished: number; learners: number }) =>
      `Labs this week: ${p.finished} finished by ${p.learners} ${p.learners === 1 ? 'learner' : 'learners'}`,
    ko: (p: { finished: number; learners: number }) => `이번 주 실습: ${p.learners}명이 ${p.finished}개를 마쳤습니다`,
  },
  'labs.week.line': {
    en: (p: { name: string; labs: string }) => `${p.name}: ${p.labs}`,
    ko: (p: { name: string; labs: string }) => `${p.name} 님이 마친 실습: ${p.labs}`,
  },
  'labs.week.none': { en: 'Labs this week: none finished', ko: '이번 주 실습: 마친 사람이 없습니다' },
  'labs.week.noneBody': {
    en: 'Where everyone stands is below; /docker learn lists the labs.',
    ko: '각자 어디까지 했는지는 아래 표에 있습니다. /docker learn으로 실습 목록을 볼 수 있습니다.',
  },
  'labs.progress.empty': { en: 'Nobody has started a lab yet.', ko: '아직 실습을 시작한 사람이 없습니다.' },
});
