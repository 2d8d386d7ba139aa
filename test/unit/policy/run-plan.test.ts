import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/parse.js';
import { containerSpec } from '../../../src/policy/container-spec.js';
import { planRun, type RunArgs } from '../../../src/policy/run-plan.js';
import { ALICE, BOB, testConfig, testEnv } from '../../helpers/settings.js';

const args = (text: string) => parseCommand(text, testEnv()).args as RunArgs;
const plan = (text: string, overrides: Record<string, string> = {}) => planRun(args(text), ALICE, '42', testConfig(overrides));

describe('planRun', () => {
  it('applies every sandbox default server-side', () => {
    const spec = containerSpec(plan('run whalesay boo'));
    expect(spec.HostConfig).toMatchObject({
      NetworkMode: 'none',
      Memory: 256 * 1024 ** 2,
      MemorySwap: 256 * 1024 ** 2,
      NanoCpus: 5e8,
      PidsLimit: 64,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', expect.stringMatching(/^seccomp=\{"defaultAction":"SCMP_ACT_ERRNO"/)],
      CgroupnsMode: 'private',
      ShmSize: 16 * 1024 ** 2,
      Init: true,
      Privileged: false,
      RestartPolicy: { Name: 'no' },
    });
    expect(spec.HostConfig.Tmpfs['/tmp']).toMatch(/noexec/);
    expect(spec.User).toBe('1000:1000');
    expect(spec.Cmd).toEqual(['cowsay', 'boo']);
  });
  it('labels the container with owner, channel, job and name, and derives its name from the job', () => {
    const p = plan('run busybox true');
    expect(p.displayName).toBe('job-42');
    expect(p.labels).toMatchObject({
      'stevedore.owner': 'terminal:alice',
      'stevedore.channel': 'terminal:ops',
      'stevedore.job': '42',
      'stevedore.name': 'job-42',
    });
  });
  it('namespaces names per owner so two users may both have "web"', () => {
    const a = planRun(args('run --name web busybox'), ALICE, '1', testConfig());
    const b = planRun(args('run --name web busybox'), BOB, '2', testConfig());
    expect(a.displayName).toBe('web');
    expect(a.containerName).not.toBe(b.containerName);
  });
  it('keeps user limits within the configured maximum', () => {
    expect(plan('run -m 128m --cpus 1 busybox').limits).toMatchObject({ memoryBytes: 128 * 1024 ** 2, nanoCpus: 1e9 });
    expect(() => plan('run -m 2g busybox')).toThrow(/over this deployment's limit/);
    expect(() => plan('run --cpus 4 busybox')).toThrow(/over this deployment's limit/);
    expect(() => plan('run --pids-limit 100000 busybox')).toThrow(/over this deployment's limit/);
  });
  it('refuses obviously dangerous flags in every spelling, naming the flag', () => {
    const cases: [string, RegExp][] = [
      ['run --privileged busybox', /--privileged is refused/],
      ['run --privileged=true busybox', /--privileged is refused/],
      ['run -v /:/host busybox', /-v \/:\/host: "\/" is a host path; bind mounts of host paths are refused/],
      ['run --volume=/etc:/etc busybox', /"\/etc" is a host path/],
      ['run -v ./here:/h busybox', /"\.\/here" is a host path/],
      ['run --mount type=bind,src=/,dst=/h busybox', /--mount type=bind is refused/],
      // True with VOLUME_SIZE=0 too: no claim of a fixed size or noexec.
      [
        'run --mount type=volume,src=v,dst=/d,volume-driver=evil busybox',
        /^--mount volume-driver= is refused: volumes are made by this deployment, with the driver options it sets itself\.$/,
      ],
      ['run --pid host busybox', /--pid is refused/],
      ['run --network host busybox', /--network host is refused/],
      ['run --cap-add SYS_ADMIN busybox', /--cap-add is refused/],
      ['run --device /dev/sda busybox', /--device is refused/],
      ['run --security-opt seccomp=unconfined busybox', /--security-opt is refused/],
      ['run -dp 80:80 busybox', /--publish \(typed as -dp 80:80\) is refused/],
      ['run -u 0 busybox', /--user 0 is refused/],
      ['run --label stevedore.owner=x busybox', /Stevedore's own/],
    ];
    for (const [text, error] of cases) expect(() => args(text), text).toThrow(error);
  });
  it('accepts --network none and ignores -it', () => {
    expect(plan('run -it --network none busybox sh').cmd).toEqual(['sh']);
  });
  it('sets the time limit from settings: foreground timeout, detached time to live', () => {
    expect(plan('run busybox', { RUN_TIMEOUT: '5s' }).limits.timeoutMs).toBe(5000);
    const detached = plan('run -d busybox', { DETACHED_TTL: '10m' });
    expect(detached.limits.timeoutMs).toBe(600_000);
    expect(Number(detached.labels['stevedore.expires'])).toBeGreaterThan(Date.now());
  });

  it('mounts a bounded volume with the options the engine would make it with, so a missing one never comes back unbounded', () => {
    const [mount] = containerSpec(plan('run -v data:/data busybox true', { VOLUME_DIR: '/srv/volumes' })).HostConfig.Mounts;
    expect(mount!.VolumeOptions).toEqual({
      NoCopy: false,
      DriverConfig: { Name: 'local', Options: { type: 'ext2', device: `/srv/volumes/${mount!.Source}.dev`, o: 'noexec,nosuid,nodev' } },
      Labels: {
        'stevedore.deployment': 'stevedore',
        'stevedore.owner': 'terminal:alice',
        'stevedore.name': 'data',
        'stevedore.size': String(64 * 1024 ** 2),
      },
    });
    expect(containerSpec(plan('run -v data:/data busybox true', { VOLUME_SIZE: '0' })).HostConfig.Mounts[0]!.VolumeOptions).toBeUndefined();
  });
});
