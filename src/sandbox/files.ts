import { posix } from 'node:path';
import type Docker from 'dockerode';
import { UserError } from '../errors.js';
import type { OnOutput } from '../core/sandbox-api.js';
import { msg } from '../core/messages/index.js';
import { toUserError } from './engine-errors.js';
import { CappedOutput } from './output.js';

const BLOCK = 512;

/** A one-file tar archive, made in memory: the only archive Stevedore ever sends into a container. */
export function tarOneFile(name: string, data: Buffer, uid: number, gid: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  const field = (text: string, offset: number, length: number) => header.write(text, offset, length, 'utf8');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0');
  field(name, 0, 100);
  field(octal(0o644, 8), 100, 8);
  field(octal(uid, 8), 108, 8);
  field(octal(gid, 8), 116, 8);
  field(octal(data.length, 12), 124, 12);
  field(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
  field('        ', 148, 8); // checksum placeholder: spaces
  field('0', 156, 1);
  field('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(`${octal(sum, 7)}\u0000`, 148, 8);
  const padding = Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK);
  return Buffer.concat([header, data, padding, Buffer.alloc(BLOCK * 2)]);
}

/** Writes one file into a container (a volume or another writable mount), as the sandbox user. */
export async function copyIn(docker: Docker, containerId: string, path: string, data: Buffer, user: string): Promise<void> {
  const [uid, gid] = user.split(':').map(Number) as [number, number];
  const archive = tarOneFile(posix.basename(path), data, uid, gid ?? uid);
  try {
    await docker.getContainer(containerId).putArchive(archive, { path: posix.dirname(path), noOverwriteDirNonDir: true });
  } catch (error) {
    const e = toUserError(error, (engine) => msg('sandbox.copyInFailed', { path, engine }));
    if ((error as { statusCode?: number }).statusCode === 500 && /read-only/.test(String((error as Error).message))) {
      throw new UserError('refused-flag', msg('sandbox.readOnlyRoot', { dir: posix.dirname(path) }), msg('sandbox.readOnlyRoot.hint'));
    }
    throw e;
  }
}

/** One tar entry's header, enough to refuse links and find the single file of a one-file archive. */
interface Entry {
  name: string;
  type: string;
  size: number;
  offset: number;
}

function entries(tar: Buffer): Entry[] {
  const out: Entry[] = [];
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    out.push({ name, type, size, offset: offset + BLOCK });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}

/**
 * Reads a file or a directory out of a container (the engine resolves the path inside the container's own root,
 * links included). A single file comes back as itself, a directory as a .tar; archives holding links are refused,
 * and anything past `maxBytes` is refused rather than cut.
 */
export async function copyOut(
  docker: Docker,
  containerId: string,
  path: string,
  maxBytes: number,
): Promise<{ name: string; data: Buffer; archive: boolean }> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.getContainer(containerId).getArchive({ path })) as unknown as NodeJS.ReadableStream;
  } catch (error) {
    throw toUserError(error, (engine) => msg('sandbox.readFailed', { path, engine }));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes + BLOCK * 3) {
      (stream as unknown as { destroy(): void }).destroy();
      throw new UserError(
        'input-too-long',
        msg('sandbox.tooLarge', { path, mib: Math.round(maxBytes / 1024 / 1024) }),
        msg('sandbox.tooLarge.hint'),
      );
    }
    chunks.push(chunk);
  }
  const tar = Buffer.concat(chunks);
  const list = entries(tar);
  const link = list.find((e) => e.type === '1' || e.type === '2');
  if (link) throw new UserError('forbidden', msg('sandbox.link', { path, link: link.name }), msg('sandbox.link.hint'));
  if (list.length === 1 && (list[0]!.type === '0' || list[0]!.type === '\0')) {
    const only = list[0]!;
    return { name: posix.basename(only.name), data: tar.subarray(only.offset, only.offset + only.size), archive: false };
  }
  return { name: `${posix.basename(path) || 'root'}.tar`, data: tar, archive: true };
}

/**
 * Runs a command in a running container with the caller's limits. The deadline is kept from outside: the Engine
 * API cannot kill one exec'd process, and a `timeout` inside the container is whatever its PATH (or a volume)
 * says it is, so at the deadline the whole container is killed and the result says so (`timedOut`).
 */
export async function execIn(
  docker: Docker,
  containerId: string,
  cmd: string[],
  options: { user: string; env: string[]; timeoutMs: number; outputBytes: number; onOutput?: OnOutput },
): Promise<{ exitCode: number; output: string; truncated: boolean; timedOut: boolean }> {
  const container = docker.getContainer(containerId);
  const exec = await container
    .exec({ Cmd: cmd, User: options.user, Env: options.env, AttachStdout: true, AttachStderr: true, Tty: false })
    .catch((error) => {
      throw toUserError(error, (engine) => msg('sandbox.execFailed', { engine }));
    });
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as NodeJS.ReadableStream & { destroy(): void };
  const output = new CappedOutput(options.outputBytes, () => stream.destroy(), options.onOutput);
  let killed: Promise<unknown> | undefined;
  const deadline = setTimeout(() => {
    killed = container.kill().catch(() => {}); // it may have exited by itself meanwhile
  }, options.timeoutMs);
  try {
    await CappedOutput.drain(stream as never, output);
  } finally {
    clearTimeout(deadline);
  }
  const timedOut = killed !== undefined;
  // The exec's stream can end before the engine has marked the container exited: answer once it has.
  if (killed) await killed.then(() => container.wait({ condition: 'not-running' })).catch(() => {});
  const info = await exec.inspect();
  const exitCode = info.ExitCode ?? (timedOut ? 137 : -1);
  return { exitCode, output: output.text(), truncated: output.truncated, timedOut };
}
