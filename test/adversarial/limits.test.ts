import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src/policy/labels.js';
import { engineEvents, startTestStack, type TestStack } from '../helpers/test-stack.js';

/** Limits nobody can lift: values outside the range refused, ulimits, /dev/shm, cgroup namespace, seccomp. */
const probe = `sv-probe-${randomBytes(3).toString('hex')}`;
let t: TestStack;

/**
 * A 174-byte static x86-64 program: io_uring_setup(1, zeroed params), then exits with the errno it got (0 when
 * the call worked). Written out here so the test needs no compiler.
 */
const IO_URING_PROBE = Buffer.from(
  '7f454c4602010100000000000000000002003e0001000000780040000000000040000000000000000000000000000000000000004000380001000000' +
    '000000000100000005000000000000000000000000004000000000000000400000000000ae00000000000000ae0000000000000000100000000000' +
    '004881ec000100004889e731c0b920000000f348abbf010000004889e6b8a90100000f0548f7d84885c07f0231c089c7b83c0000000f05',
  'hex',
);

/** A one-file tar archive holding an executable. */
function tarExecutable(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (text: string, offset: number) => header.write(text, offset, 'utf8');
  const octal = (n: number, length: number) => `${n.toString(8).padStart(length - 1, '0')}\u0000`;
  field(name, 0);
  field(octal(0o755, 8), 100);
  field(octal(0, 8), 108);
  field(octal(0, 8), 116);
  field(octal(data.length, 12), 124);
  field(octal(0, 12), 136);
  field('        ', 148);
  field('0', 156);
  field('ustar\u000000', 257);
  const sum = header.reduce((a, b) => a + b, 0);
  field(octal(sum, 7), 148);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512), Buffer.alloc(1024)]);
}

beforeAll(async () => {
  t = await startTestStack({
    policy: `channels: [{ channel: "terminal:*", commands: [all] }]\nimages: ["docker.io/library/${probe}"]\n`,
  });
  // The probe's image: busybox plus /probe, committed from a container of this test's deployment.
  const c = await t.docker.createContainer({ Image: 'busybox:latest', Labels: { [LABEL.deployment]: t.config.deployment } });
  await c.putArchive(tarExecutable('probe', IO_URING_PROBE), { path: '/' });
  await c.commit({ repo: probe, tag: 'latest' });
  await c.remove({ force: true });
});
afterAll(async () => {
  await t?.close();
  await t?.docker
    .getImage(`${probe}:latest`)
    .remove({ force: true })
    .catch(() => {});
});

describe('limits outside the range', () => {
  it('refuses values Docker would read as "no limit" or that are below its floor, and creates nothing', async () => {
    const events = await engineEvents(t.docker, t.config.deployment, async () => {
      for (const [flags, flag] of [
        ['--cpus 0', '--cpus'],
        ['--cpus 0.001', '--cpus'],
        ['--memory 0', '--memory'],
        ['--pids-limit -1', '--pids-limit'],
        ['--pids-limit 0', '--pids-limit'],
      ] as const) {
        const reply = await t.alice.submit(`run ${flags} busybox true`);
        expect(reply.status, flags).toBe('error');
        expect(reply.title, flags).toMatch(new RegExp(`^${flag} \\S+ is outside this deployment's range \\(.+ to .+\\); it is refused`));
      }
      // A negative CPU count is not even a CPU count to the flag parser.
      expect((await t.alice.submit('run --cpus -1 busybox true')).status).toBe('error');
    });
    expect(events.filter((e) => e === 'create')).toEqual([]);
  });

  it('still takes a value inside the range', async () => {
    const reply = await t.alice.submit('run --cpus 0.25 --pids-limit 8 --memory 32m busybox true');
    expect(reply.exitCode, t.printed()).toBe(0);
  });
});

describe('what a container cannot change', () => {
  it('runs with ulimits set, /dev/shm sized like /tmp, and a cgroup namespace of its own', async () => {
    const reply = await t.alice.submit(`run busybox sh -c "ulimit -n; ulimit -f; df -k /dev/shm | tail -1; grep pids /proc/self/cgroup"`);
    expect(reply.exitCode, t.printed()).toBe(0);
    const [nofile, fsize, shm, pids] = reply.code!.text.trim().split('\n');
    expect(nofile).toBe('1024');
    expect(Number(fsize)).toBe((256 * 1024 * 1024) / 512); // busybox counts 512-byte blocks
    expect(shm).toMatch(/^shm\s+16384\s/); // SANDBOX_TMPFS_SIZE, 16m
    expect(pids).toMatch(/:pids:\/$/); // its own cgroup is the root it sees, not /docker/<id>
  });

  it('denies io_uring on top of the engine default profile, which allows it', async () => {
    const reply = await t.alice.submit(`run ${probe} /probe`);
    expect(reply.exitCode, t.printed()).toBe(1); // EPERM from seccomp
    // The same program in a container with the engine's own default profile: the call goes through.
    const plain = await t.docker.createContainer({
      Image: `${probe}:latest`,
      Cmd: ['/probe'],
      Labels: { [LABEL.deployment]: t.config.deployment },
      HostConfig: { NetworkMode: 'none' },
    });
    await plain.start();
    expect((await plain.wait()).StatusCode).toBe(0);
    await plain.remove({ force: true });
  });
});
