import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Stack } from '../../src/stack.js';
import { exited, spawnStevedore, until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, startPrintingStack } from '../helpers/test-stack.js';

let env: Record<string, string>;
let config: Config;
let bot: Stack;
let printed: () => string = () => '';
const children: ReturnType<typeof spawnStevedore>[] = [];

beforeAll(async () => {
  env = isolatedEnv({ JOB_LOCK: '3s' });
  config = loadConfig(env);
  ({ stack: bot, printed } = await startPrintingStack(config, { roles: ['bot'] }));
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await bot?.close();
  if (config) await cleanUp(config);
});

describe('a worker killed with SIGKILL while it follows logs', () => {
  it('leaves a final "follow ended", not a message frozen at following', async () => {
    const first = spawnStevedore(env, 'worker');
    children.push(first);
    await until(async () => (await bot.commandQueue.queue.getWorkers()).length > 0, 20_000, 'the first worker');
    const started = await bot.terminal!.submit(`run -d --name ticker busybox sh -c 'while :; do echo tick; sleep 0.3; done'`);
    expect(started.status).toBe('ok');
    const from = printed().length;
    const following = bot.terminal!.submit('logs -f ticker');
    await until(async () => /^tick$/m.test(printed().slice(from)), 20_000, 'the follow to stream');
    first.kill('SIGKILL');
    await exited(first);
    const second = spawnStevedore(env, 'worker');
    children.push(second);
    const final = await following;
    expect(final.title).toBe('Followed logs of ticker');
    expect(final.body).toBe('Follow ended: the worker following it stopped. Run logs -f ticker again to go on.');
  });
});
