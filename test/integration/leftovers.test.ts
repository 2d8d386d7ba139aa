import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startStack } from '../../src/stack.js';
import { cleanUp, isolatedConfig, testLog } from '../helpers/test-stack.js';

const config = isolatedConfig({}, 'channels: [{ channel: "terminal:*", commands: [all] }]\n');
afterAll(() => cleanUp(config));

describe('a one-shot terminal', () => {
  it('leaves no route of its own in Redis once it stops', async () => {
    const redis = new Redis(config.redisUrl);
    try {
      const stack = await startStack(config, { roles: new Set(['bot', 'worker']), log: testLog(), terminalOut: new PassThrough() });
      const route = stack.terminal!.route;
      expect((await stack.terminal!.submit('/docker run busybox true')).exitCode).toBe(0);
      expect(await redis.keys(`${config.queuePrefix}:deliveries-${route}:*`)).not.toEqual([]);
      await stack.close();
      expect(await redis.keys(`${config.queuePrefix}:deliveries-${route}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
