import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { DRAIN_LOCK, DRAIN_MAX_MS } from '../src/queue/drain.js';

/**
 * `/docker drain`: maintenance. Every worker stops taking new jobs and lets its running ones finish; the ops channel
 * hears when the deployment is idle (src/queue/drain.ts). Commands are still accepted and wait in the queue.
 */
export const drain = defineCommand<Record<string, never>>({
  name: 'drain',
  aliases: ['admin drain'],
  summary: {
    en: 'Stop workers taking new jobs for maintenance; running ones finish (admins)',
    ko: '유지 보수를 위해 워커가 새 작업을 받지 않게 한다. 실행 중인 작업은 마친다 (관리자)',
  },
  usage: 'drain',
  flags: [],
  positionals: [],
  interspersed: true,
  access: 'admin',
  runsOn: 'bot',
  build: () => ({}),
  async execute(ctx) {
    const started = await ctx.locks.lock(DRAIN_LOCK, DRAIN_MAX_MS);
    return {
      status: started ? 'ok' : 'info',
      title: say(msg(started ? 'drain.started' : 'drain.already'), ctx.lang),
      body: say('drain.hint', ctx.lang),
    };
  },
});

/** `/docker undrain`: workers take jobs again. */
export const undrain = defineCommand<Record<string, never>>({
  name: 'undrain',
  aliases: ['admin undrain'],
  summary: { en: 'Let workers take jobs again after a drain (admins)', ko: '작업 중단 뒤 워커가 다시 작업을 받게 한다 (관리자)' },
  usage: 'undrain',
  flags: [],
  positionals: [],
  interspersed: true,
  access: 'admin',
  runsOn: 'bot',
  build: () => ({}),
  async execute(ctx) {
    await ctx.locks.unlock(DRAIN_LOCK);
    return { status: 'ok', title: say('undrain.done', ctx.lang) };
  },
});
