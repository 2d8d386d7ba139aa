import type Docker from 'dockerode';
import { msg } from '../core/messages/index.js';
import type { VolumeDisk, VolumeInfo } from '../core/sandbox-api.js';
import { formatBinaryBytes } from '../core/units.js';
import { UserError } from '../errors.js';
import { LABEL } from '../policy/labels.js';
import { isNotFound, toUserError, unlessMissing } from './engine-errors.js';
import { diskDriverOptions } from '../policy/volumes.js';
import { attachDisk, createDisk, diskPlace, DISK_IMAGE, hostOwner, removeDisk } from './volume-disks.js';
import { pinnedImageId } from './image-pins.js';
import { parseImageRef } from '../core/image-ref.js';

/**
 * The image ID the helpers run: the deployment's pin of DISK_IMAGE (image-pins.ts), made on first use like any
 * image's, pulled first when the engine has neither. Never the tag itself: a user's pull moves the tag, not the pin,
 * so it cannot change what runs with the host's root.
 */
async function helperImage(docker: Docker, deployment: string): Promise<string> {
  const image = parseImageRef(DISK_IMAGE);
  try {
    return await pinnedImageId(docker, deployment, image);
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'not-found') throw error;
    const stream = await docker.pull(DISK_IMAGE);
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve(undefined))));
    return pinnedImageId(docker, deployment, image);
  }
}

const inspectVolume = (docker: Docker, volume: string) => unlessMissing(docker.getVolume(volume).inspect());

/**
 * Creates the owner's named volume when it is missing: with `disk`, a fixed-size filesystem of its own
 * (volume-disks.ts), refused past the owner's budget; without, the local driver's unbounded directory. Its root
 * belongs to the sandbox user. With `attach`, a volume that exists has its disk checked before a container uses it.
 */
export async function ensureVolume(
  docker: Docker,
  volume: string,
  labels: Record<string, string>,
  user: string,
  disk?: VolumeDisk,
  attach = false,
): Promise<boolean> {
  const deployment = labels[LABEL.deployment]!;
  const info = await inspectVolume(docker, volume);
  if (info) {
    if (attach) await attachIfIdle(docker, info);
    return false;
  }
  const image = await helperImage(docker, deployment);
  if (!disk) {
    await docker.createVolume({ Name: volume, Driver: 'local', Labels: labels });
    await chownPlain(docker, image, volume, user);
    return true;
  }
  const owner = labels[LABEL.owner]!;
  await withinBudget(docker, deployment, owner, disk, volume);
  const place = { dir: disk.dir, volume };
  try {
    await createDisk(docker, image, place, disk.sizeBytes, await hostOwner(docker, user));
    await docker.createVolume({
      Name: volume,
      Driver: 'local',
      DriverOpts: diskDriverOptions(place.dir, volume),
      Labels: { ...labels, [LABEL.size]: String(disk.sizeBytes) },
    });
    // Two creations at once may both have passed the check: the later volumes past the budget go again.
    await withinBudget(docker, deployment, owner, disk, volume);
  } catch (error) {
    await docker
      .getVolume(volume)
      .remove()
      .catch(() => {});
    await removeDisk(docker, image, place).catch(() => {});
    throw error;
  }
  return true;
}

/**
 * An owner's volumes must fit the budget with `volume` among them: before it is made, all of them; after, those
 * made before it. A volume without a size (made unbounded, before disks) counts as one of the current size.
 */
async function withinBudget(docker: Docker, deployment: string, owner: string, disk: VolumeDisk, volume: string): Promise<void> {
  const { Volumes } = await docker.listVolumes({ filters: { label: [`${LABEL.deployment}=${deployment}`, `${LABEL.owner}=${owner}`] } });
  const held = (Volumes ?? []) as (Docker.VolumeInspectInfo & { CreatedAt?: string })[];
  const sizeOf = (v: Docker.VolumeInspectInfo) => Number(v.Labels?.[LABEL.size] ?? disk.sizeBytes) || disk.sizeBytes;
  const list = [
    ...held.map((v) => ({
      id: v.Name,
      name: v.Labels?.[LABEL.name] ?? v.Name,
      sizeBytes: sizeOf(v),
      createdMs: Date.parse(v.CreatedAt ?? ''),
    })),
    // On the fleet's other hosts: made before this one, whatever their clocks say.
    ...(disk.heldElsewhere ?? []).map((v) => ({ ...v, id: '', createdMs: -Infinity })),
  ];
  // Made at the same moment or before it counts before it (the engine's times are in whole seconds): two made at
  // once past the budget both go, rather than both stay.
  const mine = list.find((v) => v.id === volume);
  const before = mine ? list.filter((v) => v.id !== volume && v.createdMs <= mine.createdMs) : list;
  if (before.reduce((n, v) => n + v.sizeBytes, 0) + disk.sizeBytes <= disk.budgetBytes) return;
  // The engine lists volumes in no fixed order: oldest first (then by name), so the reply reads the same each time.
  const others = list
    .filter((v) => v.id !== volume)
    .sort((a, b) => (a.createdMs === b.createdMs ? 0 : a.createdMs - b.createdMs || 0) || a.name.localeCompare(b.name));
  throw new UserError(
    'quota',
    msg('volume.budget', {
      size: formatBinaryBytes(disk.sizeBytes),
      budget: formatBinaryBytes(disk.budgetBytes),
      used: formatBinaryBytes(others.reduce((n, v) => n + v.sizeBytes, 0)),
      names: others.map((v) => v.name).join(', '),
    }),
    msg('volume.budget.hint'),
  );
}

/** The local driver's volume: gives its root to the sandbox user (a one-shot helper that may only chown). */
async function chownPlain(docker: Docker, image: string, volume: string, user: string): Promise<void> {
  const helper = await docker.createContainer({
    Image: image,
    Cmd: ['chown', user, '/volume'],
    User: '0:0',
    // No deployment label, as the disk helpers (volume-disks.ts): not one of the deployment's containers.
    Labels: { [LABEL.name]: 'volume-setup' },
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
}

/**
 * A disk volume about to be mounted: its loop device must still be on its own image (a reboot or a detach moves
 * loop numbers). One that a running container uses is mounted already, so it is left alone.
 */
async function attachIfIdle(docker: Docker, info: Docker.VolumeInspectInfo): Promise<void> {
  const place = diskPlace(info);
  if (!place) return;
  const running = await docker.listContainers({ filters: { volume: [info.Name], status: ['running'] } });
  if (running.length) return;
  await attachDisk(docker, await helperImage(docker, deploymentOf(info)), place);
}

/** Before a container that exists is started (or copied into while stopped): its disk volumes checked. */
export async function attachVolumesOf(docker: Docker, containerId: string, unlessRunning = false): Promise<void> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(containerId).inspect();
  } catch (error) {
    if (isNotFound(error)) return; // the call itself will say so
    throw error;
  }
  if (unlessRunning && info.State.Running) return;
  for (const m of info.Mounts) {
    if (m.Type !== 'volume' || !m.Name) continue;
    const volume = await inspectVolume(docker, m.Name);
    if (volume) await attachIfIdle(docker, volume);
  }
}

type DiskUsage = { Volumes?: { Name: string; UsageData?: { Size: number } }[] };
const usageUnderWay = new WeakMap<Docker, Promise<DiskUsage>>();

/**
 * The engine's disk usage, one request at a time per client (the engine refuses a second while one runs: "a disk
 * usage operation is already running"); when another process's is running, no sizes.
 */
function diskUsage(docker: Docker): Promise<DiskUsage> {
  let pending = usageUnderWay.get(docker);
  if (!pending) {
    pending = (docker.df() as Promise<DiskUsage>)
      .catch((error: unknown) => {
        if (/already running/.test(String((error as Error).message))) return {};
        throw error;
      })
      .finally(() => usageUnderWay.delete(docker));
    usageUnderWay.set(docker, pending);
  }
  return pending;
}

/**
 * This deployment's volumes with their sizes and the containers using them. The engine's disk usage measures the
 * local driver's plain volumes only; a disk volume shows its fixed size.
 */
export async function listVolumes(docker: Docker, deployment: string): Promise<VolumeInfo[]> {
  const [listed, df, containers] = await Promise.all([
    docker.listVolumes({ filters: { label: [`${LABEL.deployment}=${deployment}`] } }),
    diskUsage(docker),
    docker.listContainers({ all: true, filters: { label: [`${LABEL.deployment}=${deployment}`] } }),
  ]);
  const measured = new Map((df.Volumes ?? []).map((v) => [v.Name, v.UsageData?.Size]));
  return ((listed.Volumes ?? []) as (Docker.VolumeInspectInfo & { CreatedAt?: string })[])
    .filter((v) => v.Labels?.[LABEL.name])
    .map((v) => {
      const size = measured.get(v.Name) ?? Number(v.Labels[LABEL.size] ?? -1);
      return {
        name: v.Labels[LABEL.name]!,
        volume: v.Name,
        owner: v.Labels[LABEL.owner] ?? '',
        ownerName: v.Labels[LABEL.ownerName],
        createdMs: Date.parse(v.CreatedAt ?? ''),
        sizeBytes: size >= 0 ? size : undefined,
        usedBy: containers.filter((c) => c.Mounts.some((m) => m.Name === v.Name)).map((c) => c.Labels[LABEL.name] ?? c.Names[0]!.slice(1)),
      };
    });
}

/** Removes a volume; a disk volume's loop device is detached and its files deleted. */
export async function removeVolume(docker: Docker, volume: string): Promise<void> {
  const info = await inspectVolume(docker, volume);
  await docker
    .getVolume(volume)
    .remove()
    .catch((error) => {
      throw toUserError(error, (engine) => msg('sandbox.removeVolumeFailed', { engine }));
    });
  const place = info && diskPlace(info);
  if (place) await removeDisk(docker, await helperImage(docker, deploymentOf(info)), place);
}

/** The deployment a disk volume belongs to (its pin of the helper image is the one run for it). */
function deploymentOf(info: Docker.VolumeInspectInfo): string {
  const deployment = info.Labels?.[LABEL.deployment];
  if (!deployment) throw new Error(`volume ${info.Name} has no deployment label`);
  return deployment;
}
