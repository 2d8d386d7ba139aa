import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { HostHealth } from '../../src/health/host-health.js';
import { HostStates } from '../../src/queue/fleet-records.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox.js';
import { watchCalls, withEngineErrors } from '../../src/sandbox/engine-errors.js';

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

  it('takes out a host that takes connections but never answers (a hung engine): its pings run out of time', async () => {
    // An engine's socket that accepts and then says nothing, as a wedged dockerd or a half-open link does.
    const dir = join(process.cwd(), '.data', `hung-engine-${randomBytes(3).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    const held: Socket[] = [];
    const hung = createServer((socket) => void held.push(socket));
    await new Promise<void>((r) => hung.listen(join(dir, 'docker.sock'), r));
    try {
      const notices: Reply[] = [];
      const health = healthOf(notices, []);
      const client = dockerClient({
        dockerHost: `unix://${join(dir, 'docker.sock')}`,
        dockerTlsVerify: '',
        dockerCertPath: '',
        sshAuthSock: '',
      });
      let counted = Promise.resolve();
      const engine = watchCalls(
        withEngineErrors(new DockerSandbox(client, { deployment: 'hung', pullTimeoutMs: 60_000 })),
        () => health.succeeded(),
        (error) => void (counted = health.failed(error)),
      );
      for (let i = 0; i < 2; i++) {
        await health.check(() => engine.ping());
        await counted;
      }
      expect(health.out).toBe(true);
      expect(notices[0]!.body).toContain('It failed 2 calls in a row (last: the Docker engine is unreachable (ETIMEDOUT))');
    } finally {
      held.forEach((s) => s.destroy());
      hung.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
