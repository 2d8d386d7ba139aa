import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, startPrintingStack } from '../helpers/test-stack.js';
import { OwnEngine } from './own-engine.js';

let engine: OwnEngine;
let stack: Stack;
let config: Config;
let printed: () => string = () => '';

beforeAll(async () => {
  engine = new OwnEngine(join(tmpdir(), `sv-live-${process.pid}`), { liveRestore: true });
  await engine.start();
  engine.seed('busybox:latest');
  config = loadConfig(isolatedEnv({ DOCKER_HOST: engine.host, ENGINE_WAIT: '60s' }));
  ({ stack, printed } = await startPrintingStack(config));
});
afterAll(async () => {
  await stack?.close();
  if (config) await cleanUp(config).catch(() => {});
  await engine?.destroy();
});

describe('the engine restarted (live-restore) while a container runs', () => {
  it('keeps the container, hears it end, and answers once with all of its output', async () => {
    const since = String(Math.floor(Date.now() / 1000) - 1);
    const reply = stack.terminal!.submit("run --rm busybox sh -c 'echo before; while [ ! -e /tmp/go ]; do sleep 0.1; done; echo after'");
    await until(() => engine.docker('ps', '-q').stdout.trim() !== '', 30_000, 'the container to run');
    const id = engine.docker('ps', '-q').stdout.trim();
    expect(engine.docker('ps', '-aq').stdout.trim()).toBe(id);
    await engine.restart();
    expect(engine.docker('inspect', '-f', '{{.State.Running}}', id).stdout.trim()).toBe('true');
    engine.docker('exec', id, 'touch', '/tmp/go');
    const final = await reply;
    expect(final.status).toBe('ok');
    expect(final.code!.text).toContain('before');
    expect(final.code!.text).toContain('after');
    await until(() => engine.docker('ps', '-aq').stdout.trim() === '', 30_000, 'the --rm container to be removed');
    expect(printed().match(/Exit code: 0/g)?.length).toBe(1);
    const until_ = String(Math.ceil(Date.now() / 1000) + 1);
    const created = engine.docker('events', '--since', since, '--until', until_, '--filter', 'event=create', '--format', '{{.ID}}');
    // The engine forgets its events when it restarts: these are the creates since then, and none is a second run.
    expect(created.stdout.trim()).toBe('');
  });
});
