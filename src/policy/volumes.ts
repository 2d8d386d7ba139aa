import { posix } from 'node:path';
import { UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { PathWhat } from '../core/messages/policy.js';
import type { Requester } from '../core/request.js';
import type { VolumeDisk } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { containerNameFor } from './labels.js';

/** A named volume mounted into a container: the user's name, the engine's name, where, how. */
export interface VolumeMount {
  name: string;
  volume: string;
  target: string;
  readOnly: boolean;
}

export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

/** Engine-wide volume name for an owner's volume: namespaced like container names. */
export const volumeNameFor = containerNameFor;

export function checkVolumeName(name: string): string {
  if (!VOLUME_NAME.test(name)) throw new UserError('bad-value', msg('volume.badName', { name }), msg('name.rules'));
  return name;
}

/** A path inside the container: absolute, normalised, not the root and not a kernel file system. */
export function checkContainerPath(path: string, what: PathWhat = 'path'): string {
  if (!path.startsWith('/')) throw new UserError('bad-value', msg('path.notAbsolute', { what, path }));
  if (path.split('/').includes('..')) throw new UserError('refused-flag', msg('path.climbs', { what, path }));
  const normal = posix.normalize(path).replace(/\/+$/, '') || '/';
  if (normal === '/' || /^\/(proc|sys|dev)(\/|$)/.test(normal))
    throw new UserError('refused-flag', msg('path.overKernel', { what, path: normal }));
  return normal;
}

/** `-v name:/path[:ro|rw]`: named volumes only; a host path or an anonymous volume is refused with the reason. */
export function parseVolumeFlag(value: string, who: Requester, deployment: string): VolumeMount {
  const parts = value.split(':');
  const [name, target, mode] = parts;
  if (parts.length === 1) throw new UserError('refused-flag', msg('volume.anonymous', { value }));
  if (/^[./~]/.test(name!) || name!.includes('/')) {
    throw new UserError('refused-flag', msg('volume.hostPath', { value, name: name! }), msg('volume.hostPath.hint'));
  }
  if (parts.length > 3 || (mode !== undefined && mode !== 'ro' && mode !== 'rw'))
    throw new UserError('bad-value', msg('volume.badSyntax', { value }));
  return mount(checkVolumeName(name!), checkContainerPath(target ?? '', 'target'), mode === 'ro', who, deployment);
}

/** `--mount type=volume,source=NAME,target=/path[,readonly]`: the volume type only. */
export function parseMountFlag(value: string, who: Requester, deployment: string): VolumeMount {
  const fields = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    fields.set((eq < 0 ? part : part.slice(0, eq)).trim(), eq < 0 ? 'true' : part.slice(eq + 1).trim());
  }
  const type = fields.get('type') ?? 'volume';
  if (type !== 'volume') throw new UserError('refused-flag', msg('mount.type', { type }));
  for (const key of fields.keys()) {
    if (!['type', 'source', 'src', 'target', 'destination', 'dst', 'readonly', 'ro'].includes(key))
      throw new UserError('refused-flag', msg('mount.option', { key }));
  }
  const name = fields.get('source') ?? fields.get('src');
  if (!name) throw new UserError('refused-flag', msg('mount.noSource'));
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? '';
  const ro = fields.get('readonly') ?? fields.get('ro');
  return mount(checkVolumeName(name), checkContainerPath(target, 'target'), ro === 'true' || ro === '1', who, deployment);
}

function mount(name: string, target: string, readOnly: boolean, who: Requester, deployment: string): VolumeMount {
  return { name, volume: volumeNameFor(deployment, who, name), target, readOnly };
}

/** How this deployment bounds new volumes; undefined when VOLUME_SIZE is 0 (unbounded). */
export function volumeDiskOf(settings: Pick<Settings, 'volumeSize' | 'volumeBudget' | 'volumeDir'>): VolumeDisk | undefined {
  return settings.volumeSize > 0
    ? { dir: settings.volumeDir, sizeBytes: settings.volumeSize, budgetBytes: settings.volumeBudget }
    : undefined;
}

/** Said at start and on /healthz when VOLUME_SIZE=0 leaves volumes unbounded (docs/security.md). */
export function unboundedVolumesWarning(settings: Pick<Settings, 'volumeSize'>): string | undefined {
  if (settings.volumeSize > 0) return undefined;
  return "VOLUME_SIZE=0: volumes are the local driver's plain directories on the engine's disk, with no size, no per-user budget and no noexec: one user can fill the engine host's disk";
}

/** A bounded volume's filesystem and mount options (src/sandbox/volume-disks.ts makes it). */
export const DISK_FS = 'ext2';
export const DISK_OPTIONS = 'noexec,nosuid,nodev';

/** The local driver's options for a bounded volume: its filesystem on the loop device node beside its image. */
export function diskDriverOptions(dir: string, volume: string): Record<string, string> {
  return { type: DISK_FS, device: `${dir}/${volume}.dev`, o: DISK_OPTIONS };
}
