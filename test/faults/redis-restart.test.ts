import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { startStack, type Stack } from '../../src/stack.js';
import { RedisInstance } from '../helpers/processes.js';
import { cleanUp, engineEvents, isolatedEnv, testLog } from '../helpers/test-stack.js';

let redis: RedisInstance;
let config: Config;
let stack: Stack;
let printed = '';

beforeAll(async () => {
  redis = new RedisInstance(20_000 + Math.floor(Math.random() * 10_000), join(tmpdir(), `sv-redis-${process.pid}`));
  await redis.start();
  config = loadConfig(isolatedEnv({ REDIS_URL: redis.url, WORKER_CONCURRENCY: '2', SHUTDOWN_GRACE: '2s' }));
  const out = new PassThrough();
  out.on('data', (c: Buffer) => (printed += c.toString()));
  stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog(), terminalOut: out, terminalUser: 'alice' });
});
afterAll(async () => {
  await stack?.close();
  if (config) await cleanUp(config).catch(() => {});
  await redis?.destroy();
});

describe('Redis restarted with jobs waiting and running', () => {
  it('completes every job exactly once', async () => {
    const docker = dockerClient(config);
    const events = await engineEvents(docker, config.deployment, async () => {
      const replies = Array.from({ length: 6 }, (_, i) => stack.terminal!.submit(`run --rm busybox sh -c 'sleep 1; echo job-${i}'`));
      await new Promise((r) => setTimeout(r, 600)); // two running, four waiting
      await redis.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await redis.start();
      const finals = await Promise.all(replies);
      expect(finals.map((f) => f.code!.text.trim()).sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4', 'job-5']);
    });
    expect(events.filter((e) => e === 'create')).toHaveLength(6);
    expect(printed.match(/✔ busybox:latest sh -c/g)).toHaveLength(6);
  });
});

describe('Redis unreachable', () => {
  it('tells the user the command could not be queued, and claims nothing', async () => {
    await redis.stop();
    try {
      const reply = await stack.terminal!.submit('run --rm busybox echo never');
      expect(reply).toMatchObject({ status: 'error', title: 'The command could not be queued: the queue is unreachable.' });
      expect(reply.body).toMatch(/Nothing was started/);
      const help = await stack.terminal!.submit('help');
      expect(help.status).toBe('info'); // what the bot answers itself still works
    } finally {
      await redis.start();
    }
  });
});
