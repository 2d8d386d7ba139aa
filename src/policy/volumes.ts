import { posix } from 'node:path';
import { UserError } from '../errors.js';
import type { Requester } from '../core/request.js';
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
  if (!VOLUME_NAME.test(name))
    throw new UserError(
      'bad-value',
      `"${name}" is not a valid volume name.`,
      'Use letters, digits, _ . - (up to 63), starting with a letter or digit.',
    );
  return name;
}

/** A path inside the container: absolute, normalised, not the root and not a kernel file system. */
export function checkContainerPath(path: string, what = 'path'): string {
  if (!path.startsWith('/')) throw new UserError('bad-value', `The ${what} "${path}" must be absolute inside the container, like /data.`);
  if (path.split('/').includes('..'))
    throw new UserError('refused-flag', `The ${what} "${path}" climbs with "..": paths are taken inside the container only.`);
  const normal = posix.normalize(path).replace(/\/+$/, '') || '/';
  if (normal === '/' || /^\/(proc|sys|dev)(\/|$)/.test(normal))
    throw new UserError('refused-flag', `The ${what} ${normal} cannot be mounted over.`);
  return normal;
}

/** `-v name:/path[:ro|rw]`: named volumes only; a host path or an anonymous volume is refused with the reason. */
export function parseVolumeFlag(value: string, who: Requester, deployment: string): VolumeMount {
  const parts = value.split(':');
  const [name, target, mode] = parts;
  if (parts.length === 1)
    throw new UserError('refused-flag', `-v ${value}: anonymous volumes are not offered; give it a name, e.g. -v data:${value}.`);
  if (/^[./~]/.test(name!) || name!.includes('/')) {
    throw new UserError(
      'refused-flag',
      `-v ${value}: "${name}" is a host path; bind mounts of host paths are refused.`,
      'Use a named volume instead: -v data:/data.',
    );
  }
  if (parts.length > 3 || (mode !== undefined && mode !== 'ro' && mode !== 'rw'))
    throw new UserError('bad-value', `-v ${value}: write it as NAME:/path or NAME:/path:ro.`);
  return mount(checkVolumeName(name!), checkContainerPath(target ?? '', 'mount target'), mode === 'ro', who, deployment);
}

/** `--mount type=volume,source=NAME,target=/path[,readonly]`: the volume type only. */
export function parseMountFlag(value: string, who: Requester, deployment: string): VolumeMount {
  const fields = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    fields.set((eq < 0 ? part : part.slice(0, eq)).trim(), eq < 0 ? 'true' : part.slice(eq + 1).trim());
  }
  const type = fields.get('type') ?? 'volume';
  if (type !== 'volume')
    throw new UserError(
      'refused-flag',
      `--mount type=${type} is refused: only named volumes (type=volume) are offered; ${type === 'bind' ? 'bind mounts expose host paths' : 'each container already has a small /tmp'}.`,
    );
  for (const key of fields.keys()) {
    if (!['type', 'source', 'src', 'target', 'destination', 'dst', 'readonly', 'ro'].includes(key))
      throw new UserError('refused-flag', `--mount ${key}= is refused: volumes are created with the local driver and no options.`);
  }
  const name = fields.get('source') ?? fields.get('src');
  if (!name) throw new UserError('refused-flag', '--mount without a source would be an anonymous volume; name it: source=data.');
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? '';
  const ro = fields.get('readonly') ?? fields.get('ro');
  return mount(checkVolumeName(name), checkContainerPath(target, 'mount target'), ro === 'true' || ro === '1', who, deployment);
}

function mount(name: string, target: string, readOnly: boolean, who: Requester, deployment: string): VolumeMount {
  return { name, volume: volumeNameFor(deployment, who, name), target, readOnly };
}
