import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import type { Stack } from '../../src/stack.js';
import { exited, spawnStevedore, until } from '../helpers/processes.js';
import { cleanUp, deploymentContainers, engineEvents, isolatedEnv, startPrintingStack } from '../helpers/test-stack.js';

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

describe('a worker killed with SIGKILL while its container runs', () => {
  it('leaves the job to another worker, which finishes it once, with one container and one reply', async () => {
    const docker = dockerClient(config);
    const first = spawnStevedore(env, 'worker');
    children.push(first);
    await until(async () => (await bot.commandQueue.queue.getWorkers()).length > 0, 20_000, 'the first worker');
    // A worker without the bot yields the CPU to acknowledgements (WORKER_NICE, 10 by default).
    expect(getPriority(first.pid!)).toBe(Math.min(19, getPriority() + 10));

    const events = await engineEvents(docker, config.deployment, async () => {
      const reply = bot.terminal!.submit(`run --rm busybox sh -c 'sleep 4; echo finished'`);
      await until(
        async () => (await deploymentContainers(docker, config)).some((c) => c.State === 'running'),
        20_000,
        'the container to run',
      );
      first.kill('SIGKILL');
      await exited(first);
      const second = spawnStevedore(env, 'worker');
      children.push(second);
      const final = await reply;
      expect(final.status).toBe('ok');
      expect(final.code!.text.trim()).toBe('finished');
      expect(final.body).toMatch(/Collected from the container this job had already started/);
    });
    expect(events.filter((e) => e === 'create')).toHaveLength(1);
    expect(printed().match(/✔ busybox:latest sh -c/g)).toHaveLength(1);
    expect(await deploymentContainers(docker, config)).toEqual([]);
    // How long the recovery took is measured by `npm run chaos` (bench/), not asserted here.
  });
});
