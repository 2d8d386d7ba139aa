import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinRepo } from '../../src/sandbox/image-pins.js';
import { parseImageRef } from '../../src/core/image-ref.js';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/** An image an admin brings in offline: a `docker save` tarball, loaded and pinned by a script. */
const repo = `sv-tar-${randomBytes(3).toString('hex')}`;
const tarball = join(tmpdir(), `${repo}.tar`);
const ROOT = resolve(import.meta.dirname, '../..');
let t: TestStack;

const addImage = (file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/image-add.ts'), file], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, STEVEDORE_DEPLOYMENT: t.config.deployment, POLICY_FILE: t.config.policyFile!, LOG_LEVEL: 'silent' },
  });

beforeAll(async () => {
  t = await startTestStack({
    policy: `channels: [{ channel: "terminal:*", commands: [all] }]\nimages: ["docker.io/library/busybox", "docker.io/library/${repo}"]\n`,
  });
  // The image exists only as a file: saved under its name, then gone from the engine.
  await t.docker.getImage('busybox:latest').tag({ repo, tag: '1' });
  expect(spawnSync('docker', ['save', `${repo}:1`, '-o', tarball]).status).toBe(0);
  await t.docker.getImage(`${repo}:1`).remove();
});
afterAll(async () => {
  for (const ref of [`${repo}:1`, `${pinRepo(t.config.deployment, parseImageRef(`${repo}:1`))}:1`])
    await t?.docker
      .getImage(ref)
      .remove()
      .catch(() => {});
  rmSync(tarball, { force: true });
  await t?.close();
});

describe('an image added offline by an admin', () => {
  it('is loaded, pinned for the deployment, and runs', async () => {
    const added = addImage(tarball);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(
      new RegExp(`^${repo}:1: loaded and pinned as sha256:[0-9a-f]{64} for deployment ${t.config.deployment}\\.$`, 'm'),
    );
    const pin = await t.docker.getImage(`${pinRepo(t.config.deployment, parseImageRef(`${repo}:1`))}:1`).inspect();
    expect(pin.Id).toBe((await t.docker.getImage(`${repo}:1`).inspect()).Id);
    const reply = await t.alice.submit(`run --rm ${repo}:1 echo from-the-tarball`);
    expect(reply.code?.text.trim(), t.printed()).toBe('from-the-tarball');
  });

  it('refuses a file that is not there, saying how to make one', () => {
    const missing = addImage(join(tmpdir(), `${repo}-missing.tar`));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('docker save IMAGE:TAG -o FILE.tar');
  });
});
