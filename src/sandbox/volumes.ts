import type Docker from 'dockerode';
import { msg } from '../core/messages/index.js';
import type { VolumeInfo } from '../core/sandbox-api.js';
import { LABEL } from '../policy/labels.js';
import { isNotFound, toUserError } from './engine-errors.js';

/** The image of the one-shot helper that prepares a new volume (always allowed, seeded with the sandbox images). */
const HELPER_IMAGE = 'busybox:latest';

async function ensureHelperImage(docker: Docker): Promise<void> {
  try {
    await docker.getImage(HELPER_IMAGE).inspect();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const stream = await docker.pull(HELPER_IMAGE);
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve(undefined))));
  }
}

/**
 * Creates the owner's named volume when it is missing: the local driver, no options, Stevedore's labels; then
 * gives its root to the sandbox user (a one-shot helper that may only chown), so a non-root container can write.
 */
export async function ensureVolume(docker: Docker, volume: string, labels: Record<string, string>, user: string): Promise<boolean> {
  try {
    await docker.getVolume(volume).inspect();
    return false;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  await docker.createVolume({ Name: volume, Driver: 'local', Labels: labels });
  await ensureHelperImage(docker);
  const helper = await docker.createContainer({
    Image: HELPER_IMAGE,
    Cmd: ['chown', user, '/volume'],
    User: '0:0',
    Labels: { [LABEL.deployment]: labels[LABEL.deployment]!, [LABEL.name]: 'volume-setup' },
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      CapAdd: ['CHOWN'],
      SecurityOpt: ['no-new-privileges'],
      Mounts: [{ Type: 'volume', Source: volume, Target: '/volume' }],
    },
  });
  try {
    await helper.start();
    await helper.wait();
  } finally {
    await helper.remove({ force: true }).catch(() => {});
  }
  return true;
}

/** This deployment's volumes with their sizes (from the engine's disk usage) and the containers using them. */
export async function listVolumes(docker: Docker, deployment: string): Promise<VolumeInfo[]> {
  const [df, containers] = await Promise.all([
    docker.df() as Promise<{
      Volumes?: { Name: string; Labels: Record<string, string> | null; CreatedAt: string; UsageData?: { Size: number } }[];
    }>,
    docker.listContainers({ all: true, filters: { label: [`${LABEL.deployment}=${deployment}`] } }),
  ]);
  return (df.Volumes ?? [])
    .filter((v) => v.Labels?.[LABEL.deployment] === deployment && v.Labels[LABEL.name])
    .map((v) => ({
      name: v.Labels![LABEL.name]!,
      volume: v.Name,
      owner: v.Labels![LABEL.owner] ?? '',
      ownerName: v.Labels![LABEL.ownerName],
      createdMs: Date.parse(v.CreatedAt),
      sizeBytes: v.UsageData?.Size !== undefined && v.UsageData.Size >= 0 ? v.UsageData.Size : undefined,
      usedBy: containers.filter((c) => c.Mounts.some((m) => m.Name === v.Name)).map((c) => c.Labels[LABEL.name] ?? c.Names[0]!.slice(1)),
    }));
}

export async function removeVolume(docker: Docker, volume: string): Promise<void> {
  await docker
    .getVolume(volume)
    .remove()
    .catch((error) => {
      throw toUserError(error, (engine) => msg('sandbox.removeVolumeFailed', { engine }));
    });
}
