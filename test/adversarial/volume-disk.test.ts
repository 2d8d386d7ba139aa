import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src/policy/labels.js';
import { loopsOf, onEngineHost } from '../helpers/engine-host.js';
import { cleanUp, isolatedConfig, startTestStack, testLog, type TestStack } from '../helpers/test-stack.js';
import { startStack } from '../../src/stack.js';
import { ensureVolume, removeVolume } from '../../src/sandbox/volumes.js';

/**
 * Volumes with a hard bound on the engine host's disk: a fixed-size filesystem each (VOLUME_SIZE), mounted
 * noexec,nosuid,nodev, an owner's volumes within VOLUME_BUDGET; data kept across containers and across the loop
 * device going away; nothing left on the host when a volume is removed.
 */
const MiB = 1024 * 1024;
let t: TestStack;
let dir: string;

beforeAll(async () => {
  t = await startTestStack({
    policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { commandsPerMinute: 1000, queuedJobs: 10 }\n',
    env: { VOLUME_SIZE: '16m', VOLUME_BUDGET: '32m' },
  });
  dir = t.config.volumeDir;
});
afterAll(() => t?.close());

/** The engine's name of one of this deployment's volumes, by the name its owner gave it. */
async function engineName(owner: string, name: string): Promise<string> {
  const { Volumes } = await t.docker.listVolumes({
    filters: { label: [`${LABEL.deployment}=${t.config.deployment}`, `${LABEL.name}=${name}`, `${LABEL.owner}=${owner}`] },
  });
  expect(Volumes, name).toHaveLength(1);
  return Volumes[0]!.Name;
}

describe('a volume is bounded', () => {
  it('fails a write past its size inside the container, and its image on the host stays at that size', async () => {
    const reply = await t.alice.submit(`run --rm -v fill:/data busybox sh -c 'dd if=/dev/zero of=/data/big bs=1M count=64; df -k /data'`);
    expect(reply.exitCode, t.printed()).toBe(0);
    expect(reply.code!.text).toMatch(/No space left on device/);
    const volume = await engineName('terminal:alice', 'fill');
    // Apparent size and the 512-byte blocks the host gave it.
    const [size, blocks] = (await onEngineHost(t.docker, dir, `stat -c '%s %b' /disks/${volume}.img`)).trim().split(' ').map(Number);
    expect(size).toBe(16 * MiB);
    expect(blocks! * 512).toBeLessThanOrEqual(16 * MiB);
  });

  it('is mounted noexec,nosuid,nodev: a static binary copied into it does not run', async () => {
    const reply = await t.alice.submit(
      `run --rm -v fill:/data busybox sh -c 'rm -f /data/big; cp /bin/busybox /data/busybox && chmod 755 /data/busybox; /data/busybox echo ran; grep " /data " /proc/mounts'`,
    );
    expect(reply.code!.text).not.toMatch(/^ran$/m);
    expect(reply.code!.text).toMatch(/Permission denied/);
    expect(reply.code!.text).toMatch(/ nosuid,nodev,noexec|noexec/);
    expect(reply.code!.text).toMatch(/\bnosuid\b/);
    expect(reply.code!.text).toMatch(/\bnodev\b/);
  });
});

describe("an owner's budget", () => {
  it('refuses the volume past it, saying which volumes to remove', async () => {
    expect((await t.alice.submit('volume create second')).title).toBe('Created second');
    const refused = await t.alice.submit('volume create third');
    expect(refused.status).toBe('error');
    expect(refused.title).toBe(
      'A new volume of 16MiB would take your volumes past your budget of 32MiB: yours hold 32MiB already (fill, second).',
    );
    expect(refused.body).toMatch(/\/docker volume rm NAME/);
    const byRun = await t.alice.submit('run --rm -v fourth:/data busybox true');
    expect(byRun.title).toMatch(/past your budget of 32MiB/);
    expect((await t.alice.submit('volume ls')).code!.text).not.toMatch(/third|fourth/);
    // Someone else's budget is their own.
    expect((await t.bob.submit('volume create third')).title).toBe('Created third');
  });

  it('holds when one owner asks for several volumes at once', async () => {
    const carol = await t.user('carol');
    const replies = await Promise.all(['a', 'b', 'c', 'd'].map((n) => carol.submit(`volume create v${n}`)));
    const kept = replies.filter((r) => r.status === 'ok').length;
    // Made within the same second, volumes past the budget may all go (the engine's times are whole seconds):
    // never more than the budget stays.
    expect(kept).toBeLessThanOrEqual(2);
    for (const r of replies.filter((r) => r.status !== 'ok')) expect(r.title).toMatch(/past your budget of 32MiB/);
    // One at a time, the budget is filled exactly.
    const after: string[] = [];
    for (const n of ['e', 'f', 'g']) after.push((await carol.submit(`volume create v${n}`)).status);
    expect(after.filter((s) => s === 'ok')).toHaveLength(2 - kept);
    const { Volumes } = await t.docker.listVolumes({
      filters: { label: [`${LABEL.deployment}=${t.config.deployment}`, `${LABEL.owner}=terminal:carol`] },
    });
    expect(Volumes).toHaveLength(2);
  });
});

/** busybox with a `sh` first on its PATH that leaves `mark` in /disks (where the helper mounts its images). */
async function markedImage(mark: string): Promise<string> {
  const context = await mkdtemp(join(tmpdir(), 'marked-'));
  try {
    await mkdir(join(context, 'marked'));
    await writeFile(join(context, 'marked', 'sh'), `#!/bin/busybox sh\ntouch /disks/${mark}\nexec /bin/busybox sh "$@"\n`, { mode: 0o755 });
    await writeFile(
      join(context, 'Dockerfile'),
      'FROM busybox:latest\nCOPY marked/sh /marked/sh\nENV PATH=/marked:/usr/sbin:/usr/bin:/sbin:/bin\n',
    );
    const stream = (await t.docker.buildImage({ context, src: ['Dockerfile', 'marked/sh'] }, {
      version: '1',
      t: `${mark}:1`,
    } as never)) as unknown as NodeJS.ReadableStream;
    await new Promise((resolve, reject) =>
      t.docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve(undefined))),
    );
    return (await t.docker.getImage(`${mark}:1`).inspect()).Id;
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

describe('the disk helper', () => {
  it("runs the deployment's pinned image, not what busybox:latest was moved to", async () => {
    // An image whose shell leaves a mark in the directory of disk images before doing its work.
    const mark = `${t.config.deployment}-retagged`.toLowerCase();
    // The deployment has run busybox, so it holds a pin of it.
    const dave = await t.user('dave');
    expect((await dave.submit('run --rm busybox true')).exitCode, t.printed()).toBe(0);
    const original = (await t.docker.getImage('busybox:latest').inspect()).Id;
    const retagged = await markedImage(mark);
    try {
      await t.docker.getImage(retagged).tag({ repo: 'busybox', tag: 'latest' });
      expect((await dave.submit('volume create marked')).title, t.printed()).toBe('Created marked');
    } finally {
      await t.docker.getImage(original).tag({ repo: 'busybox', tag: 'latest' });
      await t.docker.getImage(retagged).remove({ force: true });
    }
    expect(await onEngineHost(t.docker, dir, `ls -a /disks; rm -f /disks/${mark}`)).not.toContain(mark);
    const keepers = await t.docker.listContainers({ all: true, filters: { label: [`${LABEL.name}=volume-keeper`] } });
    for (const keeper of keepers) expect(keeper.ImageID).not.toBe(retagged);
  });
});

describe('the one-shot that prepares a disk', () => {
  it("carries no deployment label, so none of the deployment's commands can reach it while it runs", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    expect((await t.bob.submit('volume create labelled')).title, t.printed()).toBe('Created labelled');
    const until = Math.floor(Date.now() / 1000) + 1;
    const stream = (await t.docker.getEvents({
      since,
      until,
      filters: { type: ['container'], event: ['create'], label: [`${LABEL.name}=volume-setup`] },
    })) as NodeJS.ReadableStream;
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    const created = text
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { Actor: { Attributes: Record<string, string> } }).Actor.Attributes);
    // Other deployments on this engine make theirs too: ours is among them, and none says it is ours.
    expect(created.length).toBeGreaterThan(0);
    for (const attributes of created) expect(attributes[LABEL.deployment]).not.toBe(t.config.deployment);
    expect((await t.bob.submit('volume rm labelled')).title).toBe('Removed labelled');
  });
});

describe('a budget across a fleet', () => {
  it("counts the owner's volumes on the fleet's other hosts, and names them when it refuses", async () => {
    const labels = (name: string) => ({ [LABEL.deployment]: t.config.deployment, [LABEL.owner]: 'terminal:erin', [LABEL.name]: name });
    const engine = (name: string) => `${t.config.deployment}-erin-${name}`;
    // What FleetSandbox gathers from the other hosts in service: one 16MiB volume there.
    const disk = { dir, sizeBytes: 16 * MiB, budgetBytes: 32 * MiB, heldElsewhere: [{ name: 'far', sizeBytes: 16 * MiB, createdMs: 0 }] };
    try {
      expect(await ensureVolume(t.docker, engine('near'), labels('near'), '1000:1000', disk)).toBe(true);
      await expect(ensureVolume(t.docker, engine('next'), labels('next'), '1000:1000', disk)).rejects.toThrow(
        'A new volume of 16MiB would take your volumes past your budget of 32MiB: yours hold 32MiB already (far, near).',
      );
      await expect(t.docker.getVolume(engine('next')).inspect()).rejects.toThrow(/no such volume/i);
    } finally {
      await removeVolume(t.docker, engine('near'));
    }
  });
});

describe('data in a volume', () => {
  it('survives the container, and the loop device being detached and its number given to another file', async () => {
    expect((await t.bob.submit(`run --rm -v keep:/data busybox sh -c 'echo kept > /data/note'`)).exitCode).toBe(0);
    expect((await t.bob.submit('run --rm -v keep:/data busybox cat /data/note')).code!.text.trim()).toBe('kept');
    const volume = await engineName('terminal:bob', 'keep');
    // As root on the engine's host: detach the volume's loop device and give its number to a decoy filesystem.
    const decoy = `${t.config.deployment}-decoy.img`;
    await onEngineHost(
      t.docker,
      dir,
      `set -e; n=$(stat -c %T /disks/${volume}.dev); n=$((0x$n)); mknod /dev/loop$n b 7 $n
      losetup -d /dev/loop$n; truncate -s 1M /disks/${decoy}; mke2fs -q -F /disks/${decoy} >/dev/null; losetup /dev/loop$n /disks/${decoy}`,
    );
    try {
      expect(await loopsOf(t.docker, dir, volume)).toEqual([]);
      expect((await t.bob.submit('run --rm -v keep:/data busybox cat /data/note')).code!.text.trim()).toBe('kept');
      expect(await loopsOf(t.docker, dir, volume)).toHaveLength(1);
    } finally {
      await onEngineHost(
        t.docker,
        dir,
        `for n in $(ls /sys/block | sed -n 's/^loop//p'); do f=/sys/block/loop$n/loop/backing_file
        [ -e $f ] && grep -qF '${decoy}' $f && mknod /dev/loop$n b 7 $n && losetup -d /dev/loop$n; done; rm -f /disks/${decoy}`,
      );
    }
  });

  it('is there for a stopped container started again after its loop device was detached', async () => {
    await t.bob.submit(`run -d --name reader -v keep:/data busybox cat /data/note`);
    await expect.poll(async () => (await t.bob.submit('ps -a')).code?.text ?? '').toMatch(/Exited \(0\).*reader/);
    const volume = await engineName('terminal:bob', 'keep');
    await onEngineHost(
      t.docker,
      dir,
      `n=$(stat -c %T /disks/${volume}.dev); n=$((0x$n)); mknod /dev/loop$n b 7 $n; losetup -d /dev/loop$n`,
    );
    expect(await loopsOf(t.docker, dir, volume)).toEqual([]);
    // As after a reboot, the container that checks loop devices is down too: it is started again.
    for (const keeper of await t.docker.listContainers({ filters: { label: [`${LABEL.name}=volume-keeper`] } }))
      await t.docker.getContainer(keeper.Id).kill();
    expect((await t.bob.submit('start reader')).status).toBe('ok');
    await expect.poll(async () => (await t.bob.submit('logs reader')).code?.text ?? '').toMatch(/kept\s+kept/);
  });
});

describe('removing a volume', () => {
  it('leaves no loop device and no file on the host', async () => {
    await t.bob.submit('rm -f reader');
    const volume = await engineName('terminal:bob', 'keep');
    expect(await loopsOf(t.docker, dir, volume)).toHaveLength(1);
    expect((await t.bob.submit('volume rm keep')).title).toBe('Removed keep');
    expect(await loopsOf(t.docker, dir, volume)).toEqual([]);
    expect(await onEngineHost(t.docker, dir, `ls -a /disks | grep -F '${volume}' || true`)).toBe('');
  });
});

describe('/healthz', () => {
  it('says how volumes are bounded, and warns when VOLUME_SIZE=0 leaves them unbounded', async () => {
    expect(await t.main.healthChecks.volumes!()).toEqual({ ok: true, detail: '16MiB disk each, 32MiB per user' });
    const config = isolatedConfig({ VOLUME_SIZE: '0' });
    const stack = await startStack(config, { roles: new Set(['worker']), log: testLog() });
    try {
      expect((await stack.healthChecks.volumes!()).detail).toMatch(
        /^VOLUME_SIZE=0: volumes are .* one user can fill the engine host's disk$/,
      );
    } finally {
      await stack.close();
      await cleanUp(config);
    }
  });
});

describe('an engine that will not run the disk helper', () => {
  it('refuses the volume with the reason and what an operator can do, and makes nothing', async () => {
    // A directory the engine cannot bind-mount (its parent is a file) stands in for an engine that refuses.
    const other = await startTestStack({
      policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\n',
      env: { VOLUME_DIR: '/etc/hostname/volumes' },
    });
    try {
      const reply = await other.alice.submit('volume create data');
      expect(reply.status).toBe('error');
      expect(reply.title).toMatch(
        /^Volumes here are fixed-size disks prepared by a container with access to the loop devices of the sandbox host, and the engine would not run it: /,
      );
      expect(reply.body).toMatch(/VOLUME_SIZE=0/);
      const { Volumes } = await other.docker.listVolumes({ filters: { label: [`${LABEL.deployment}=${other.config.deployment}`] } });
      expect(Volumes).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
