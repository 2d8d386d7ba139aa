import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.js';
import { startMonitor } from '../../../src/health/monitor.js';

/** The monitor's notices, one at a time as they are sent. */
function notices() {
  const sent: Reply[] = [];
  let waiting: ((reply: Reply) => void) | undefined;
  return {
    notify: async (reply: Reply) => {
      sent.push(reply);
      waiting?.(reply);
    },
    next: (n: number) =>
      sent.length >= n ? Promise.resolve(sent[n - 1]!) : new Promise<Reply>((resolve) => (waiting = (r) => sent.length >= n && resolve(r))),
  };
}

describe('startMonitor', () => {
  it('tells the ops channel, in its language, when a service goes away and when it is back', async () => {
    let up = true;
    const ops = notices();
    const monitor = startMonitor(
      { 'Docker engine': async () => ({ ok: up, detail: up ? 'ok' : 'connect ECONNREFUSED' }) },
      5,
      ops.notify,
      'ko',
    );
    try {
      up = false;
      expect(await ops.next(1)).toEqual({ status: 'error', title: 'Docker 엔진에 연결할 수 없습니다', body: 'connect ECONNREFUSED' });
      up = true;
      const back = await ops.next(2);
      expect(back).toMatchObject({ status: 'ok', title: 'Docker 엔진에 다시 연결되었습니다' });
      expect(back.body).toMatch(/^\d+초 동안 연결할 수 없었습니다\.$/);
    } finally {
      monitor.stop();
    }
  });

  it('speaks English by default', async () => {
    const ops = notices();
    const monitor = startMonitor({ Redis: async () => ({ ok: false, detail: 'down' }) }, 5, ops.notify);
    try {
      expect((await ops.next(1)).title).toBe('Redis is unreachable');
    } finally {
      monitor.stop();
    }
  });
});
