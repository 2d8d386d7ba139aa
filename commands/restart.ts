import { lifecycleCommand, STOP_FLAG_RULES, STOP_FLAGS } from './shared/lifecycle.js';

export const restart = lifecycleCommand({
  name: 'restart',
  summary: { en: 'Restart one or more of your containers', ko: '내 컨테이너를 다시 시작한다' },
  flags: STOP_FLAGS,
  flagRules: STOP_FLAG_RULES,
  done: 'lifecycle.restart',
  act: (sandbox, c, timeout) => sandbox.restartContainer(c.id, timeout),
});
