import { lifecycleCommand } from './shared/lifecycle.js';

export const start = lifecycleCommand({
  name: 'start',
  summary: { en: 'Start one or more of your stopped containers', ko: '멈춘 내 컨테이너를 다시 실행한다' },
  flags: [
    {
      long: 'attach',
      short: 'a',
      type: 'bool',
      en: 'Attach STDOUT/STDERR and forward signals',
      ko: '표준 출력/에러에 연결하고 시그널을 전달한다',
    },
    {
      long: 'detach-keys',
      type: 'string',
      en: 'Override the key sequence for detaching a container',
      ko: '컨테이너에서 빠져나오는 키 조합을 바꾼다',
    },
    { long: 'interactive', short: 'i', type: 'bool', en: "Attach container's STDIN", ko: '컨테이너의 표준 입력에 연결한다' },
  ],
  flagRules: {
    attach: {
      verdict: 'refused',
      why: { en: 'chat cannot attach; use /docker logs.', ko: '채팅에서는 연결할 수 없다. 대신 /docker logs를 쓴다.' },
    },
    interactive: { verdict: 'refused', why: { en: 'chat has no keyboard to attach.', ko: '채팅에는 연결할 키보드가 없다.' } },
    'detach-keys': { verdict: 'refused', why: { en: 'chat cannot attach.', ko: '채팅에서는 컨테이너에 연결할 수 없다.' } },
  },
  done: 'lifecycle.start',
  act: (sandbox, c) => sandbox.startContainer(c.id),
});
