import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { LABEL } from '../../src/policy/labels.js';
import type { Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, startPrintingStack } from '../helpers/test-stack.js';
import { OwnEngine } from './own-engine.js';

let engine: OwnEngine;
let stack: Stack;
let config: Config;
let printed: () => string = () => '';

beforeAll(async () => {
  engine = new OwnEngine(join(tmpdir(), `sv-disk-${process.pid}`), { diskSize: '96m' });
  await engine.start();
  engine.seed('busybox:latest');
  // Exited containers and unused volumes are expired at once: the cleanup may take them.
  config = loadConfig(
    // Volume images on the engine's own disk, as with dind (docs/security.md), so a volume fills it.
    isolatedEnv({
      DOCKER_HOST: engine.host,
      OPS_CHANNEL: 'terminal',
      CLEANUP_EXITED_AGE: '0s',
      CLEANUP_VOLUME_AGE: '0s',
      VOLUME_DIR: `${engine.dataRoot}/stevedore-volumes`,
    }),
  );
  ({ stack, printed } = await startPrintingStack(config));
});
afterAll(async () => {
  await stack?.close();
  if (config) await cleanUp(config).catch(() => {});
  await engine?.destroy();
});

describe("the engine's disk full", () => {
  it('refuses new containers with a clear reason, tells the ops channel once, and the cleanup frees the space', async () => {
    const submit = (text: string) => stack.terminal!.submit(text);
    // A user's volume takes most of the disk; a file on the host takes the rest.
    const filled = await submit("run -v hoard:/data busybox sh -c 'dd if=/dev/zero of=/data/big bs=1M count=64 2>&1 | tail -n 1'");
    expect(filled.status).toBe('ok');
    spawnSync('sh', ['-c', `dd if=/dev/zero of=${engine.dataRoot}/filler bs=64k 2>/dev/null`]);

    const refused = [await submit('run --rm busybox echo one'), await submit('run --rm busybox echo two')];
    for (const reply of refused) {
      expect(reply.status).toBe('error');
      expect(reply.title).toBe("The sandbox host's disk is full (the engine answered: no space left on device); the command was not run.");
      expect(reply.body).toContain('/docker cleanup');
    }
    expect(printed().match(/disk is full: containers cannot be created/g)).toHaveLength(1);

    const cleanup = await submit('cleanup');
    expect(cleanup.status).toBe('ok');
    expect(engine.docker('volume', 'ls', '-q').stdout.trim()).toBe('');
    const after = await submit('run --rm busybox echo room-again');
    expect(after.code!.text.trim()).toBe('room-again');
    // The deployment's containers: the engine also keeps the container that checks volumes' loop devices.
    const mine = () => engine.docker('ps', '-aq', '--filter', `label=${LABEL.deployment}=${config.deployment}`).stdout.trim();
    await until(() => mine() === '', 30_000, 'the --rm container to be removed');
  });
});
