import { isUserError } from '../errors.js';
import { parseImageRef } from '../core/image-ref.js';
import type { Requester } from '../core/request.js';
import { ownerId } from '../core/request.js';
import type { ContainerInfo, SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { LABEL, containerNameFor } from '../policy/labels.js';
import { volumeNameFor } from '../policy/volumes.js';

/** The names in a tar archive (what the engine sends for a directory), `./` and the directory itself left out. */
export function tarNames(tar: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number) => header.subarray(from, to).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 500);
    names.push(prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const size = parseInt(field(124, 136).trim() || '0', 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

/** What a directory holds, one level down, from the archive of it. */
export function entriesOf(tar: Buffer): string[] {
  const names = tarNames(tar).map((n) => n.replace(/\/$/, ''));
  const top = names[0] ?? '';
  return names
    .filter((n) => n.startsWith(`${top}/`))
    .map((n) => n.slice(top.length + 1))
    .filter((n) => n && !n.includes('/'));
}

/** The learner's containers, all states. */
export async function ownContainers(sandbox: SandboxApi, who: Requester): Promise<ContainerInfo[]> {
  const owner = ownerId(who);
  return (await sandbox.listContainers({ all: true })).filter((c) => c.owner === owner);
}

/** Two image references name the same image, as Docker normalises them. */
export function sameImage(a: string, b: string): boolean {
  try {
    return parseImageRef(a).canonical === parseImageRef(b).canonical;
  } catch {
    return false;
  }
}

/** A file read from a container, or what its directory holds when the file is not there. */
export type FileRead = { found: true; content: string } | { found: false; isDir?: boolean; siblings?: string[] };

const dirOf = (path: string) => path.replace(/\/[^/]*$/, '') || '/';

const MISSING = '__stevedore_lab_missing__';
/** Prints the file $1, or a marker and what its directory $2 holds; run inside a container by `sh -c`. */
const PROBE = `if [ -f "$1" ]; then cat "$1"; elif [ -d "$1" ]; then echo ${MISSING} dir; else echo ${MISSING}; ls -A "$2" 2>/dev/null; fi`;

function probeRead(output: string): FileRead {
  if (!output.startsWith(MISSING)) return { found: true, content: output };
  const [first, ...rest] = output.split('\n');
  if (first!.endsWith('dir')) return { found: false, isDir: true };
  return { found: false, siblings: rest.map((l) => l.trim()).filter(Boolean) };
}

/**
 * Reads a file of a container through the engine's archive API; in a running container, what that API cannot see
 * (its tmpfs `/tmp`) is read from inside, as the sandbox user.
 */
export async function readContainerFile(
  sandbox: SandboxApi,
  container: { id: string; running: boolean; user: string },
  path: string,
): Promise<FileRead> {
  try {
    const file = await sandbox.copyOut(container.id, path, 1024 * 1024);
    if (file.archive) return { found: false, isDir: true };
    return { found: true, content: file.data.toString('utf8') };
  } catch (error) {
    if (!isUserError(error)) throw error;
  }
  if (container.running) {
    const inside = await sandbox.exec(container.id, ['sh', '-c', PROBE, 'probe', path, dirOf(path)], {
      user: container.user,
      env: [],
      timeoutMs: 10_000,
      outputBytes: 1024 * 1024,
    });
    if (inside.exitCode === 0) return probeRead(inside.output);
  }
  const dir = await sandbox.copyOut(container.id, dirOf(path), 1024 * 1024).catch(() => undefined);
  return { found: false, siblings: dir?.archive ? entriesOf(dir.data) : undefined };
}

/**
 * Reads a file of one of the learner's volumes: a short container of theirs (busybox, read-only mount, removed at
 * once, labelled like every other) cats it, or lists its directory when it is not there.
 */
export async function readVolumeFile(
  sandbox: SandboxApi,
  env: { who: Requester; settings: Settings; jobId: string },
  volume: string,
  path: string,
  probe: number,
): Promise<FileRead> {
  const { who, settings } = env;
  const displayName = `lab-probe-${env.jobId || 'x'}-${probe}`;
  const target = `/v${path}`;
  const result = await sandbox.run({
    image: parseImageRef('busybox:latest'),
    cmd: ['sh', '-c', PROBE, 'probe', target, dirOf(target)],
    displayName,
    containerName: containerNameFor(settings.deployment, who, displayName),
    detach: false,
    autoRemove: true,
    env: [],
    labels: {
      [LABEL.deployment]: settings.deployment,
      [LABEL.owner]: ownerId(who),
      [LABEL.channel]: `${who.platform}:${who.channelId}`,
      [LABEL.job]: env.jobId,
      [LABEL.name]: displayName,
    },
    user: settings.user,
    pull: 'missing',
    runtime: settings.runtime,
    mounts: [{ name: volume, volume: volumeNameFor(settings.deployment, who, volume), target: '/v', readOnly: true }],
    limits: {
      memoryBytes: settings.memory,
      nanoCpus: Math.round(settings.cpus * 1e9),
      pidsLimit: settings.pidsLimit,
      tmpfsBytes: Math.min(settings.tmpfsSize, Math.floor(settings.memory / 2)),
      timeoutMs: settings.runTimeout,
      outputBytes: 64 * 1024,
      logMaxBytes: settings.logMaxSize,
    },
  });
  return probeRead(result.output);
}

/** Asks a web server in a running container, from inside its own network namespace (it has no other network). */
export async function httpGet(
  sandbox: SandboxApi,
  containerId: string,
  path: string,
  port: number,
  user: string,
): Promise<{ status?: number; body: string }> {
  const request = `GET ${path} HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
  const result = await sandbox.exec(
    containerId,
    ['sh', '-c', 'printf "$1" | nc -w 5 127.0.0.1 "$2"', 'lab', request.replace(/%/g, '%%'), String(port)],
    { user, env: [], timeoutMs: 10_000, outputBytes: 256 * 1024 },
  );
  const response = result.output.replace(/\r\n/g, '\n');
  const split = response.indexOf('\n\n');
  const status = /^HTTP\/[\d.]+ (\d{3})/.exec(response)?.[1];
  return { status: status ? Number(status) : undefined, body: split < 0 ? '' : response.slice(split + 2) };
}
