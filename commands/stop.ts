import { lifecycleCommand, STOP_FLAG_RULES, STOP_FLAGS } from './shared/lifecycle.js';

export const stop = lifecycleCommand({
  name: 'stop',
  summary: { en: 'Stop one or more of your running containers', ko: '실행 중인 내 컨테이너를 멈춘다' },
  flags: STOP_FLAGS,
  flagRules: STOP_FLAG_RULES,
  done: 'lifecycle.stop',
  act: (sandbox, c, timeout) => sandbox.stopContainer(c.id, timeout),
});
