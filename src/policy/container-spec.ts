import type { RunPlan } from '../core/sandbox-api.js';
import { SECCOMP_OPT } from './seccomp.js';
import { LABEL } from './labels.js';
import { diskDriverOptions } from './volumes.js';

/** The body of `POST /containers/create`: a fixed hardened template filled from the plan, never from user JSON. */
export interface ContainerSpec {
  name: string;
  Image: string;
  Cmd?: string[];
  Env: string[];
  Labels: Record<string, string>;
  User: string;
  Hostname?: string;
  Tty: false;
  OpenStdin: false;
  AttachStdin: false;
  AttachStdout: true;
  AttachStderr: true;
  HostConfig: {
    NetworkMode: 'none';
    Memory: number;
    MemorySwap: number;
    NanoCpus: number;
    PidsLimit: number;
    ReadonlyRootfs: true;
    Tmpfs: Record<string, string>;
    CapDrop: ['ALL'];
    /** no-new-privileges, and the engine's default seccomp profile without io_uring (seccomp.ts). */
    SecurityOpt: ['no-new-privileges', string];
    /** Open files and the largest file a process may write: no ulimit is left to the engine's default. */
    Ulimits: { Name: 'nofile' | 'fsize'; Soft: number; Hard: number }[];
    /** /dev/shm, sized like /tmp: both count against the container's memory. */
    ShmSize: number;
    /** The container sees its own cgroup only, not the host's hierarchy. */
    CgroupnsMode: 'private';
    Init: true;
    Privileged: false;
    RestartPolicy: { Name: 'no' };
    AutoRemove: boolean;
    Runtime?: string;
    /**
     * Named volumes. With a bound, each also says how the engine would make it: one removed between its check and
     * this container is made again on the missing image and fails to mount, never as an unbounded directory.
     */
    Mounts: {
      Type: 'volume';
      Source: string;
      Target: string;
      ReadOnly: boolean;
      VolumeOptions?: { NoCopy: false; DriverConfig: { Name: 'local'; Options: Record<string, string> }; Labels: Record<string, string> };
    }[];
    LogConfig: { Type: 'json-file'; Config: Record<string, string> };
  };
}

/** Open files per process: enough for any shell pipeline, far below the host's. */
export const NOFILE = 1024;
/** The largest file one process may write (RLIMIT_FSIZE, bytes); past it the write fails with EFBIG/SIGXFSZ. */
export const FSIZE_BYTES = 256 * 1024 * 1024;

export function containerSpec(plan: RunPlan): ContainerSpec {
  const { limits } = plan;
  return {
    name: plan.containerName,
    Image: plan.image.familiar,
    ...(plan.cmd ? { Cmd: plan.cmd } : {}),
    Env: plan.env,
    Labels: plan.labels,
    User: plan.user,
    ...(plan.hostname ? { Hostname: plan.hostname } : {}),
    Tty: false,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: {
      NetworkMode: 'none',
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: limits.nanoCpus,
      PidsLimit: limits.pidsLimit,
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': `rw,noexec,nosuid,nodev,size=${limits.tmpfsBytes}` },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', SECCOMP_OPT],
      Ulimits: [
        { Name: 'nofile', Soft: NOFILE, Hard: NOFILE },
        { Name: 'fsize', Soft: FSIZE_BYTES, Hard: FSIZE_BYTES },
      ],
      ShmSize: limits.tmpfsBytes,
      CgroupnsMode: 'private',
      Init: true,
      Privileged: false,
      RestartPolicy: { Name: 'no' },
      // Foreground containers are removed by the worker after their output and exit code are collected.
      AutoRemove: plan.detach && plan.autoRemove,
      ...(plan.runtime ? { Runtime: plan.runtime } : {}),
      Mounts: plan.mounts.map((m) => ({
        Type: 'volume',
        Source: m.volume,
        Target: m.target,
        ReadOnly: m.readOnly,
        ...(plan.volumeDisk
          ? {
              VolumeOptions: {
                NoCopy: false,
                DriverConfig: { Name: 'local', Options: diskDriverOptions(plan.volumeDisk.dir, m.volume) },
                Labels: {
                  [LABEL.deployment]: plan.labels[LABEL.deployment]!,
                  [LABEL.owner]: plan.labels[LABEL.owner]!,
                  [LABEL.name]: m.name,
                  [LABEL.size]: String(plan.volumeDisk.sizeBytes),
                },
              },
            }
          : {}),
      })),
      LogConfig: { Type: 'json-file', Config: { 'max-size': String(limits.logMaxBytes), 'max-file': '1' } },
    },
  };
}
