import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { HostHealth } from '../../src/health/host-health.js';
import { HostStates } from '../../src/queue/fleet-records.js';

const prefix = `{sv-test-${randomBytes(4).toString('hex')}}`;
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** One process's view of host x; a cool-down of 0 ends at once, so the next check decides. */
function healthOf(notices: Reply[], changes: boolean[]) {
  return new HostHealth({
    host: 'x',
    limit: 2,
    cooldownMs: 0,
    states: new HostStates(redis, prefix),
    notify: async (reply) => void notices.push(reply),
    lang: 'en',
    changed: (out) => changes.push(out),
  });
}

describe('a fleet host’s health', () => {
  it('takes a host out after failures in a row, keeps it out while it fails, and brings it back once it answers', async () => {
    const notices: Reply[] = [];
    const changes: boolean[] = [];
    const health = healthOf(notices, changes);
    await health.failed(new Error('connect ECONNREFUSED'));
    health.succeeded(); // an answer in between: the count starts again
    await health.failed(new Error('connect ECONNREFUSED'));
    expect(health.out).toBe(false);
    await health.failed(new Error('connect ECONNREFUSED'));
    expect(health.out).toBe(true);
    expect(changes).toEqual([true]);
    expect(notices.map((n) => n.title)).toEqual(['Sandbox host x taken out for 0 s']);
    expect(notices[0]!.body).toContain('It failed 2 calls in a row (last: connect ECONNREFUSED)');
    expect([...(await new HostStates(redis, prefix).out()).keys()]).toEqual(['x']);

    await health.check(() => Promise.reject(new Error('still down')));
    expect(health.out).toBe(true);
    await health.check(() => Promise.resolve());
    expect(health.out).toBe(false);
    expect(changes).toEqual([true, false]);
    expect(notices.map((n) => n.title)).toEqual(['Sandbox host x taken out for 0 s', 'Sandbox host x is back']);
    expect(await new HostStates(redis, prefix).out()).toEqual(new Map());
  });

  it('tells the ops channel once when two processes see the same host fail, and follows the other’s verdict', async () => {
    const first = { notices: [] as Reply[], changes: [] as boolean[] };
    const second = { notices: [] as Reply[], changes: [] as boolean[] };
    const a = healthOf(first.notices, first.changes);
    const b = healthOf(second.notices, second.changes);
    for (const h of [a, a, b, b]) await h.failed(new Error('gone'));
    expect(a.out && b.out).toBe(true);
    expect(first.notices.length + second.notices.length).toBe(1);
    await a.check(() => Promise.resolve()); // a puts it back
    await b.check(() => Promise.resolve()); // b reads that it is back: no second notice
    expect(b.out).toBe(false);
    expect([...first.notices, ...second.notices].filter((n) => n.title === 'Sandbox host x is back')).toHaveLength(1);
  });
});
