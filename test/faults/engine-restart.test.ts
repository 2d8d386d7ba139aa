import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { OwnEngine } from './own-engine.js';
import { cleanUp, isolatedEnv, startPrintingStack } from '../helpers/test-stack.js';

let engine: OwnEngine;
const stacks: { stack: Stack; config: Config }[] = [];
let printed: () => string = () => '';

async function stackOn(env: Record<string, string>): Promise<Stack> {
  const config = loadConfig(isolatedEnv({ DOCKER_HOST: engine.host, ...env }));
  const { stack, printed: printedHere } = await startPrintingStack(config);
  printed = printedHere;
  stacks.push({ stack, config });
  return stack;
}

beforeAll(async () => {
  engine = new OwnEngine(join(tmpdir(), `sv-engine-${process.pid}`));
  await engine.start();
  engine.seed('busybox:latest');
});
afterAll(async () => {
  for (const { stack, config } of stacks) {
    await stack.close();
    await cleanUp(config).catch(() => {});
  }
  await engine?.destroy();
});

describe('the Docker engine stopped and started mid-queue', () => {
  it('lets jobs wait for it, saying so, and completes them when it is back', async () => {
    const stack = await stackOn({ ENGINE_WAIT: '60s', OPS_CHANNEL: 'terminal', HEALTH_INTERVAL: '500ms' });
    expect((await stack.terminal!.submit('run --rm busybox echo before')).code!.text.trim()).toBe('before');
    await engine.stop();
    const during = [stack.terminal!.submit('run --rm busybox echo during-1'), stack.terminal!.submit('run --rm busybox echo during-2')];
    await until(() => printed().includes('waiting for the Docker engine'), 15_000, 'the waiting notice');
    await until(() => printed().includes('Docker engine is unreachable'), 15_000, 'the ops channel to be told');
    await engine.start();
    const finals = await Promise.all(during);
    expect(finals.map((f) => f.code!.text.trim()).sort()).toEqual(['during-1', 'during-2']);
    await until(
      () => /Docker engine is back\nIt was unreachable for \d+ s\./.test(printed()),
      15_000,
      'the ops channel to hear it is back',
    );
  });

  it('fails a job with a clear reason when the engine stays away past ENGINE_WAIT', async () => {
    const stack = await stackOn({ ENGINE_WAIT: '2s' });
    await engine.stop();
    const reply = await stack.terminal!.submit('run --rm busybox echo never');
    expect(reply.status).toBe('error');
    expect(reply.title).toMatch(/The Docker engine did not answer for \d+ s; the command was not run\./);
    await engine.start();
  });
});
