import type { RunPlan } from '../core/sandbox-api.js';

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
    SecurityOpt: ['no-new-privileges'];
    Init: true;
    Privileged: false;
    RestartPolicy: { Name: 'no' };
    AutoRemove: boolean;
    Runtime?: string;
    Mounts: { Type: 'volume'; Source: string; Target: string; ReadOnly: boolean }[];
    LogConfig: { Type: 'json-file'; Config: Record<string, string> };
  };
}

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
      SecurityOpt: ['no-new-privileges'],
      Init: true,
      Privileged: false,
      RestartPolicy: { Name: 'no' },
      // Foreground containers are removed by the worker after their output and exit code are collected.
      AutoRemove: plan.detach && plan.autoRemove,
      ...(plan.runtime ? { Runtime: plan.runtime } : {}),
      Mounts: plan.mounts.map((m) => ({ Type: 'volume', Source: m.volume, Target: m.target, ReadOnly: m.readOnly })),
      LogConfig: { Type: 'json-file', Config: { 'max-size': String(limits.logMaxBytes), 'max-file': '1' } },
    },
  };
}
