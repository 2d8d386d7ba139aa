import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import { LABEL } from '../policy/labels.js';
import { DISK_FS, DISK_OPTIONS } from '../policy/volumes.js';
import { engineMessage, unlessMissing } from './engine-errors.js';

/**
 * A volume with a hard bound: a fixed-size ext2 image file in a directory of the engine's host, attached to a loop
 * device whose node sits beside it (`NAME.img`, `NAME.dev`), mounted by the local driver with noexec,nosuid,nodev.
 * The Engine API cannot attach a loop device, so a container on that engine does it: the host's user namespace
 * (under userns-remap, container root would not be host root), no network, loop devices only, and the fixed script
 * below, which takes one volume at a time (a lock directory beside its image).
 */
export const DISK_IMAGE = 'busybox:latest';
// Run by the deployment's pin of DISK_IMAGE, as an image ID (volumes.ts), never by the tag.
/** Where the engine's host directory of images is mounted in the helper. */
const IN_HELPER = '/disks';

/**
 * `op NAME [SIZE UID:GID]`. A node is the volume's when it reads the same filesystem UUID (superblock bytes
 * 1128..1143) as the image file: after a reboot or a detach, loop numbers move and a stale node may show another
 * file. `onfile` lists the loop devices already on the file: attach reuses one, so one file never gets two.
 */
const SCRIPT = `set -eu
op=$1 name=$2 img=${IN_HELPER}/$2.img dev=${IN_HELPER}/$2.dev
umask 077
# The engine makes a missing directory owned by its remapped root: it becomes root's alone.
[ "$(stat -c %u:%a ${IN_HELPER})" = 0:700 ] || { chown 0:0 ${IN_HELPER}; chmod 700 ${IN_HELPER}; }
# One at a time per volume; a lock a killed run left is taken after a minute.
until mkdir "$img.lock" 2>/dev/null; do
  [ -z "$(find "$img.lock" -maxdepth 0 -mmin +1 2>/dev/null)" ] || rmdir "$img.lock" 2>/dev/null || true
  sleep 0.1
done
trap 'rmdir "$img.lock"' EXIT
uuid() { dd if="$1" bs=1 skip=1128 count=16 2>/dev/null | od -An -tx1 | tr -d ' \\n'; }
mine() { [ -f "$img" ] && [ -b "$1" ] && [ -n "$(uuid "$img")" ] && [ "$(uuid "$1")" = "$(uuid "$img")" ]; }
loops() { for d in /sys/block/loop*; do [ -e "$d/loop/backing_file" ] && echo "\${d#/sys/block/loop}"; done; return 0; }
node() { [ -b /dev/loop$1 ] || mknod /dev/loop$1 b 7 $1; echo /dev/loop$1; }
onfile() { for n in $(loops); do if mine "$(node $n)"; then echo $n; fi; done; }
link() { rm -f "$dev.new"; mknod -m 600 "$dev.new" b 7 $1; mv -f "$dev.new" "$dev"; }
attach() {
  mine "$dev" && return 0
  [ -f "$img" ] || { echo "no disk image $img" >&2; exit 3; }
  n=$(onfile | head -n 1)
  if [ -n "$n" ]; then link $n; echo reattached; return 0; fi
  for try in 1 2 3 4 5 6 7 8; do
    free=$(losetup -f); n=\${free#/dev/loop}
    if losetup "$(node $n)" "$img"; then link $n; echo attached; return 0; fi
  done
  echo "no free loop device" >&2; exit 4
}
case $op in
create)
  if [ ! -f "$img" ]; then
    truncate -s "$3" "$img.new"; mke2fs -q -F -m 0 "$img.new" >/dev/null; mv "$img.new" "$img"
  fi
  attach
  # An empty root for the sandbox user (no lost+found: a volume starts as empty as Docker's own).
  mount -t ${DISK_FS} -o ${DISK_OPTIONS} "$dev" /tmp; rmdir /tmp/lost+found 2>/dev/null || true; chown "$4" /tmp; umount /tmp ;;
attach) attach ;;
remove)
  for n in $(onfile); do losetup -d /dev/loop$n; done
  rm -f "$img" "$img.new" "$dev" "$dev.new" ;;
esac
`;

export interface DiskPlace {
  /** The directory of images on the engine's host. */
  dir: string;
  /** The volume's engine name (also the files' names). */
  volume: string;
}

/** The host directory and volume of a disk volume, from its device option; undefined for any other volume. */
export function diskPlace(info: { Name: string; Options?: Record<string, string> | null }): DiskPlace | undefined {
  const device = info.Options?.device;
  if (info.Options?.type !== DISK_FS || !device?.endsWith(`/${info.Name}.dev`)) return undefined;
  return { dir: device.slice(0, -`/${info.Name}.dev`.length), volume: info.Name };
}

/** Makes the image (when missing), attaches it and gives its root to `owner` (host uid:gid): a one-shot helper. */
export async function createDisk(docker: Docker, image: string, place: DiskPlace, sizeBytes: number, owner: string): Promise<string> {
  const helper = await docker
    .createContainer({
      ...helperSpec(image, place.dir, true),
      Cmd: ['create', place.volume, String(sizeBytes), owner],
      // No deployment label, as the keeper: no command of the deployment's (ps, exec, cp) can reach a container
      // with SYS_ADMIN and the host's user namespace while it runs.
      Labels: { [LABEL.name]: 'volume-setup' },
    })
    .catch((error) => {
      throw refused(error);
    });
  try {
    await helper.start().catch((error) => {
      throw refused(error);
    });
    const { StatusCode } = (await helper.wait()) as { StatusCode: number };
    const logs = demux(await helper.logs({ stdout: true, stderr: true }));
    if (StatusCode !== 0) throw new Error(`the volume's disk helper exited with ${StatusCode}: ${logs}`);
    return logs;
  } finally {
    await helper.remove({ force: true }).catch(() => {});
  }
}

/** Makes sure the volume's node is a loop device on its own image, attaching it again when not. */
export function attachDisk(docker: Docker, image: string, place: DiskPlace): Promise<string> {
  return inKeeper(docker, image, place.dir, ['attach', place.volume]);
}

/** Detaches every loop device on the image and deletes the files. */
export function removeDisk(docker: Docker, image: string, place: DiskPlace): Promise<string> {
  return inKeeper(docker, image, place.dir, ['remove', place.volume]);
}

/**
 * The helper's container: the host's user namespace, no network, loop devices only. SYS_ADMIN (`mounts`) only for
 * the one-shot that mounts a new filesystem to give its root to the sandbox user.
 */
function helperSpec(image: string, dir: string, mounts: boolean): Docker.ContainerCreateOptions {
  return {
    Image: image,
    Entrypoint: ['sh', '-c', SCRIPT, 'disk'],
    User: '0:0',
    HostConfig: {
      UsernsMode: 'host',
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      // MKNOD for the loop nodes; CHOWN and FOWNER for the directory (and a new filesystem's root).
      CapAdd: ['MKNOD', 'CHOWN', 'FOWNER', ...(mounts ? ['SYS_ADMIN'] : [])],
      SecurityOpt: ['no-new-privileges'],
      Devices: [{ PathOnHost: '/dev/loop-control', PathInContainer: '/dev/loop-control', CgroupPermissions: 'rwm' }],
      DeviceCgroupRules: ['b 7:* rwm'],
      Binds: [`${dir}:${IN_HELPER}`],
    },
  };
}

/**
 * The check before each container start is the frequent call: it runs in a keeper container that stays up on the
 * engine (one per directory, no SYS_ADMIN, started again when gone), as an exec, several times cheaper than a
 * container of its own (docs/security.md).
 */
async function inKeeper(docker: Docker, image: string, dir: string, args: string[]): Promise<string> {
  const keeper = await runningKeeper(docker, image, dir);
  const exec = await keeper
    .exec({ Cmd: ['sh', '-c', SCRIPT, 'disk', ...args], User: '0:0', AttachStdout: true, AttachStderr: true, Tty: false })
    .catch((error) => {
      throw refused(error);
    });
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const logs = demux(Buffer.concat(chunks));
  let info = await exec.inspect();
  // The stream can end before the engine has recorded the exit code.
  for (let i = 0; info.Running && i < 50; i++) info = await new Promise((r) => setTimeout(r, 20)).then(() => exec.inspect());
  if (info.ExitCode !== 0) throw new Error(`the volume's disk helper exited with ${info.ExitCode}: ${logs}`);
  return logs;
}

async function runningKeeper(docker: Docker, image: string, dir: string): Promise<Docker.Container> {
  const name = `stevedore-volume-keeper-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`;
  const keeper = docker.getContainer(name);
  const state = (await unlessMissing(keeper.inspect()))?.State;
  if (state?.Running) return keeper;
  if (!state)
    await docker
      .createContainer({
        ...helperSpec(image, dir, false),
        name,
        Entrypoint: ['sleep', '2147483647'],
        Labels: { [LABEL.name]: 'volume-keeper' },
      })
      .catch((error) => {
        // Another process made it first: start that one.
        if ((error as { statusCode?: number }).statusCode !== 409) throw refused(error);
      });
  await keeper.start().catch((error) => {
    if ((error as { statusCode?: number }).statusCode !== 304) throw refused(error);
  });
  return keeper;
}

/**
 * The host uid:gid that `user` (uid:gid inside containers) is on the engine's host: under userns-remap the engine
 * keeps its data in `<root>/<uid>.<gid>`, the first ids of its range.
 */
export async function hostOwner(docker: Docker, user: string): Promise<string> {
  const info = (await docker.info()) as { SecurityOptions?: string[]; DockerRootDir?: string };
  const remapped = (info.SecurityOptions ?? []).some((o) => /(^|,)name=userns(,|$)/.test(o));
  const base = remapped ? /\/(\d+)\.(\d+)$/.exec(info.DockerRootDir ?? '') : null;
  const [uid, gid = uid] = user.split(':').map(Number) as [number, number?];
  return base ? `${Number(base[1]) + uid}:${Number(base[2]) + gid!}` : `${uid}:${gid}`;
}

/** The text of a log stream without a terminal: frames of an 8-byte header (stream, size) and their bytes. */
function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= raw.length; at += 8 + raw.readUInt32BE(at + 4))
    parts.push(raw.subarray(at + 8, at + 8 + raw.readUInt32BE(at + 4)));
  return Buffer.concat(parts).toString('utf8').trim();
}

/** The engine would not run the helper: volumes cannot be made here, and the reply says what the operator can do. */
function refused(error: unknown): unknown {
  if ((error as { statusCode?: number }).statusCode === undefined) return error;
  return new UserError('unavailable', msg('volume.diskRefused', { engine: engineMessage(error) }), msg('volume.diskRefused.hint'));
}
