import type Docker from 'dockerode';
import { UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type {
  ContainerInfo,
  ImageInfo,
  LogOptions,
  OnStatus,
  PullResult,
  RunPlan,
  RunResult,
  SandboxApi,
  StatsSample,
  VolumeDisk,
  VolumeInfo,
} from '../core/sandbox-api.js';
import { copyIn, copyOut, execIn } from './files.js';
import { attachVolumesOf, ensureVolume, listVolumes, removeVolume } from './volumes.js';
import { LABEL } from '../policy/labels.js';
import { runContainer } from './container-run.js';
import { pinDigest, pinImage, pinOf, repoName } from './image-pins.js';
import { followLogs, readLogs, readStats, readTop } from './stats.js';
import { parseImageRef } from '../core/image-ref.js';
import { engineMessage, isNotFound, isNotModified, toUserError } from './engine-errors.js';

export interface SandboxOptions {
  deployment: string;
  pullTimeoutMs: number;
}

/** How long a ping may go unanswered (a ping over ssh takes about half a second here). */
export const PING_DEADLINE_MS = 5000;

/** The sandbox host as commands see it: only this deployment's containers, engine errors in the user's terms. */
export class DockerSandbox implements SandboxApi {
  constructor(
    readonly docker: Docker,
    private readonly options: SandboxOptions,
  ) {}

  /** A ping unanswered within PING_DEADLINE_MS fails as an engine away would: a hung host is counted, then taken out. */
  async ping(): Promise<void> {
    const signal = AbortSignal.timeout(PING_DEADLINE_MS);
    try {
      // dockerode takes an abortSignal on ping, which its typings do not say.
      await (this.docker.ping as (options: { abortSignal: AbortSignal }) => Promise<unknown>).call(this.docker, { abortSignal: signal });
    } catch (error) {
      if (!signal.aborted) throw error;
      throw Object.assign(new Error(`no answer to a ping within ${PING_DEADLINE_MS / 1000} s`), { code: 'ETIMEDOUT' });
    }
  }

  async hasImage(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async pull(ref: string, onStatus?: OnStatus): Promise<PullResult> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.pull(ref);
    } catch (error) {
      throw pullError(ref, error);
    }
    const events = await new Promise<{ status?: string; error?: string }[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        (stream as unknown as { destroy(): void }).destroy();
        const seconds = this.options.pullTimeoutMs / 1000;
        reject(new UserError('unavailable', msg('sandbox.pullTimeout', { ref, seconds }), msg('sandbox.tryLater')));
      }, this.options.pullTimeoutMs);
      this.docker.modem.followProgress(
        stream,
        (error: Error | null, output: { status?: string; error?: string }[]) => {
          clearTimeout(timer);
          if (error) reject(pullError(ref, error));
          else resolve(output);
        },
        (event: { status?: string; progress?: string }) => onStatus?.([event.status, event.progress].filter(Boolean).join(' ')),
      );
    });
    const failed = events.find((e) => e.error);
    if (failed) throw pullError(ref, new Error(failed.error));
    const digest = events.map((e) => /Digest: (\S+)/.exec(e.status ?? '')?.[1]).find(Boolean);
    return { ref, digest, status: events.at(-1)?.status ?? 'done' };
  }

  /**
   * Records what `ref` points to on the engine now as the image this deployment runs for it (an admin's pull):
   * see image-pins.ts.
   */
  async pinImage(ref: string): Promise<void> {
    await pinImage(this.docker, this.options.deployment, parseImageRef(ref));
  }

  pinOf(ref: string): Promise<{ id: string; digest?: string } | undefined> {
    return pinOf(this.docker, this.options.deployment, parseImageRef(ref));
  }

  async adoptPin(ref: string, digest: string): Promise<void> {
    const image = parseImageRef(ref);
    const byDigest = `${repoName(image)}@${digest}`;
    if (!(await this.hasImage(byDigest))) await this.pull(byDigest);
    await pinDigest(this.docker, this.options.deployment, image, digest);
  }

  run(plan: RunPlan, signal?: AbortSignal): Promise<RunResult> {
    return runContainer(this.docker, plan, signal);
  }

  async listImages(): Promise<ImageInfo[]> {
    const list = await this.docker.listImages();
    return list
      .map((i) => ({
        id: i.Id,
        tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        createdMs: i.Created * 1000,
        sizeBytes: i.Size,
      }))
      .sort((a, b) => b.createdMs - a.createdMs);
  }

  async removeImage(ref: string, force: boolean): Promise<string[]> {
    try {
      const result = (await this.docker.getImage(ref).remove({ force })) as { Untagged?: string; Deleted?: string }[];
      return result.map((r) => (r.Untagged ? `Untagged: ${r.Untagged}` : `Deleted: ${r.Deleted}`));
    } catch (error) {
      throw toUserError(error, (engine) => msg('sandbox.removeImageFailed', { ref, engine }));
    }
  }

  async danglingImages(): Promise<ImageInfo[]> {
    const list = await this.docker.listImages({ filters: { dangling: ['true'] } });
    return list.map((i) => ({ id: i.Id, tags: [], createdMs: i.Created * 1000, sizeBytes: i.Size }));
  }

  async pruneDanglingImages(): Promise<{ deleted: string[]; bytes: number }> {
    const result = await this.docker.pruneImages({ filters: { dangling: ['true'] } });
    return {
      deleted: (result.ImagesDeleted ?? []).map((d) => d.Deleted ?? d.Untagged ?? '').filter(Boolean),
      bytes: result.SpaceReclaimed ?? 0,
    };
  }

  async listContainers(options: { all: boolean; size?: boolean }): Promise<ContainerInfo[]> {
    const list = await this.docker.listContainers({
      all: options.all,
      size: options.size,
      filters: { label: [`${LABEL.deployment}=${this.options.deployment}`] },
    });
    return list.map((c) => ({
      id: c.Id,
      name: c.Labels[LABEL.name] ?? c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12),
      image: c.Image,
      command: c.Command,
      createdMs: c.Created * 1000,
      state: c.State,
      status: c.Status,
      owner: c.Labels[LABEL.owner] ?? '',
      ownerName: c.Labels[LABEL.ownerName],
      jobId: c.Labels[LABEL.job],
      detached: c.Labels[LABEL.expires] !== undefined,
      expiresMs: c.Labels[LABEL.expires] ? Number(c.Labels[LABEL.expires]) : undefined,
      sizeBytes: (c as { SizeRw?: number }).SizeRw,
    }));
  }

  async removeContainer(id: string, force: boolean): Promise<void> {
    await this.docker
      .getContainer(id)
      .remove({ force })
      .catch((error) => {
        throw toUserError(error, (engine) => msg('sandbox.removeContainerFailed', { engine }));
      });
  }

  async stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await this.docker
      .getContainer(id)
      .stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds })
      .catch(ignoreNotModified);
  }

  async startContainer(id: string): Promise<void> {
    await attachVolumesOf(this.docker, id);
    await this.docker.getContainer(id).start().catch(ignoreNotModified);
  }

  async restartContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await attachVolumesOf(this.docker, id);
    await this.docker
      .getContainer(id)
      .restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds })
      .catch((error) => {
        throw toUserError(error, (engine) => msg('sandbox.restartFailed', { engine }));
      });
  }

  containerLogs(id: string, tail: number | 'all', maxBytes: number, options?: LogOptions): Promise<{ text: string; truncated: boolean }> {
    return readLogs(this.docker, id, tail, maxBytes, options);
  }

  followLogs(...args: Parameters<SandboxApi['followLogs']>): Promise<{ text: string; truncated: boolean }> {
    return followLogs(this.docker, ...args);
  }

  containerStats(id: string): Promise<StatsSample> {
    return readStats(this.docker, id);
  }

  containerTop(id: string): Promise<{ titles: string[]; processes: string[][] }> {
    return readTop(this.docker, id);
  }

  listVolumes(): Promise<VolumeInfo[]> {
    return listVolumes(this.docker, this.options.deployment);
  }

  createVolume(volume: string, labels: Record<string, string>, user: string, disk?: VolumeDisk): Promise<boolean> {
    return ensureVolume(this.docker, volume, labels, user, disk);
  }

  removeVolume(volume: string): Promise<void> {
    return removeVolume(this.docker, volume);
  }

  async copyIn(containerId: string, path: string, data: Buffer, user: string): Promise<void> {
    // A stopped container's volumes are mounted for the copy.
    await attachVolumesOf(this.docker, containerId, true);
    return copyIn(this.docker, containerId, path, data, user);
  }

  async copyOut(containerId: string, path: string, maxBytes: number): Promise<{ name: string; data: Buffer; archive: boolean }> {
    await attachVolumesOf(this.docker, containerId, true);
    return copyOut(this.docker, containerId, path, maxBytes);
  }

  exec(containerId: string, cmd: string[], options: Parameters<SandboxApi['exec']>[2]) {
    return execIn(this.docker, containerId, cmd, options);
  }

  async inspectContainer(id: string): Promise<Record<string, unknown>> {
    return (await this.docker.getContainer(id).inspect()) as unknown as Record<string, unknown>;
  }
}

function ignoreNotModified(error: unknown): void {
  if (!isNotModified(error)) throw toUserError(error, (engine) => msg('sandbox.engineRefused', { engine }));
}

function pullError(ref: string, error: unknown): unknown {
  const message = engineMessage(error);
  if (/not found|manifest unknown|does not exist|pull access denied|unauthorized/i.test(message)) {
    return new UserError('not-found', msg('sandbox.pullNotFound', { ref }), msg('sandbox.pullNotFound.hint', { engine: message }));
  }
  if (/no such host|dial tcp|i\/o timeout|connection refused|TLS handshake/i.test(message)) {
    // The mirror lacks the image and the registry behind it cannot be reached: trying again will not help.
    return new UserError('not-found', msg('sandbox.pullUnreachable', { ref }), msg('sandbox.pullUnreachable.hint', { engine: message }));
  }
  return toUserError(error, (engine) => msg('sandbox.pullFailed', { ref, engine }));
}
