import type { PlacedKind, PlacementApi } from '../core/fleet.js';
import type {
  ContainerInfo,
  ImageInfo,
  LogOptions,
  OnStatus,
  PullResult,
  RunPlan,
  RunResult,
  SandboxApi,
  VolumeInfo,
} from '../core/sandbox-api.js';
import type { ImageRef } from '../core/image-ref.js';
import { UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import { LABEL } from '../policy/labels.js';

export interface FleetSandboxOptions {
  /** Every host of SANDBOX_HOSTS by name. */
  hosts: ReadonlyMap<string, SandboxApi>;
  /** Where this job makes new things (the host whose worker runs it); none for lookups only. */
  home?: string;
  /** The hosts in service now (not out for a cool-down): lists gather from these. */
  inService(): Promise<string[]>;
  /** The hosts out for a cool-down, each with when it ends (ms since the epoch): named in a note when left out. */
  out?(): Promise<Map<string, number>>;
  /** The OCI runtime a host's containers run with, where its labels choose one (`gvisor`: runsc). */
  runtimes?: ReadonlyMap<string, string>;
  /** Where made containers and volumes are recorded. */
  placements?: PlacementApi;
  /** Called once, before this job's first change on a host (the job's host is recorded there). */
  onChange?: () => Promise<void>;
}

/** How many listed containers and volumes a view remembers (a process-wide view lives as long as the process). */
const REMEMBERED = 10_000;

/** Sets `key` as the newest entry, forgetting the oldest past REMEMBERED. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value!);
}

/** A name a job is about to make on its home host. */
type Claim = { kind: PlacedKind; name: string };

/** The name a run without --name gets (run-plan.ts): never typed before it is listed, so never recorded. */
const AUTO_NAME = /^job-[a-z0-9-]*\d$/;

/** A host a list or a pull did not hear from: out for a cool-down (not asked), or failed when asked. */
export type LeftOut = { host: string; why: 'out'; seconds: number } | { host: string; why: 'failed' };

/**
 * The fleet as one job sees it: new containers and volumes on its home host, pulls on every host in service; lists
 * gathered from every host in service, each row saying its host; calls on a listed container or volume sent to the
 * host it was listed on. `changed` says whether this job asked its hosts to change anything (a job that did is not
 * run again elsewhere); `leftOut`, which hosts its lists and pulls did not hear from, and why.
 */
export class FleetSandbox implements SandboxApi {
  changed = false;
  readonly leftOut = new Map<string, LeftOut>();
  private readonly seenOn = new Map<string, string>();
  /** The owner and name of each container and volume listed (by id or engine name): its record goes when it does. */
  private readonly named = new Map<string, { owner: string; name: string }>();
  /** Hosts this job pulled on: an admin's pull pins there. */
  private readonly pulledOn = new Set<string>();

  constructor(private readonly options: FleetSandboxOptions) {}

  private get home(): SandboxApi {
    const home = this.options.home && this.options.hosts.get(this.options.home);
    if (!home) throw new Error('this fleet view makes nothing: it has no home host');
    return home;
  }

  /** The host a container or volume (by id or engine name) was listed on, else the home host. */
  private async on(id: string, changes: boolean): Promise<SandboxApi> {
    if (changes) await this.changing();
    const host = this.seenOn.get(id);
    return (host && this.options.hosts.get(host)) || this.home;
  }

  private async changing(): Promise<void> {
    if (!this.changed) await this.options.onChange?.();
    this.changed = true;
  }

  /**
   * Asks every host in service; a host that fails is left out, unless every one fails. Each host left out, by a
   * cool-down or a failure, is noted in `leftOut`.
   */
  private async gather<T extends { host?: string }>(ask: (s: SandboxApi, host: string) => Promise<T[]>): Promise<T[]> {
    const names = await this.options.inService();
    const out = (await this.options.out?.()) ?? new Map<string, number>();
    for (const [host, until] of out) {
      if (this.options.hosts.has(host))
        this.leftOut.set(host, { host, why: 'out', seconds: Math.max(1, Math.round((until - Date.now()) / 1000)) });
    }
    const settled = await Promise.allSettled(names.map((n) => ask(this.options.hosts.get(n)!, n)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed && settled.every((s) => s.status === 'rejected')) throw failed.reason;
    settled.forEach((s, i) => s.status === 'rejected' && this.leftOut.set(names[i]!, { host: names[i]!, why: 'failed' }));
    return settled.flatMap((s, i) => (s.status === 'fulfilled' ? s.value.map((row) => ({ ...row, host: names[i] })) : []));
  }

  ping(): Promise<void> {
    return this.home.ping();
  }

  hasImage(ref: string): Promise<boolean> {
    return this.home.hasImage(ref);
  }

  /** A pull a run needs: on its home host alone. */
  pull(ref: string, onStatus?: OnStatus): Promise<PullResult> {
    this.pulledOn.add(this.options.home!);
    return this.home.pull(ref, onStatus);
  }

  /** `pull`: every host in service pulls, each through its own mirror; the home host reports progress. */
  async pullEverywhere(ref: string, onStatus?: OnStatus): Promise<PullResult[]> {
    await this.changing();
    const results = await this.gather(async (s, host) => [await s.pull(ref, host === this.options.home ? onStatus : undefined)]);
    for (const r of results) this.pulledOn.add(r.host!);
    return results;
  }

  /** An admin's pull moves the pin on every host it pulled on, so each runs what it just pulled. */
  async pinImage(ref: string): Promise<void> {
    const hosts = this.pulledOn.size ? [...this.pulledOn] : [this.options.home!];
    for (const host of hosts) await this.options.hosts.get(host)!.pinImage?.(ref);
  }

  /**
   * A tag its home host has not pinned yet runs there by the digest another host in service pinned, so the same
   * image runs on every host (image-pins.ts); with no pin anywhere, the home host pins what it has.
   */
  private async alignPin(image: ImageRef): Promise<void> {
    const home = this.home;
    if (image.digest || !home.pinOf || !home.adoptPin || (await home.pinOf(image.familiar))) return;
    for (const host of await this.options.inService()) {
      if (host === this.options.home) continue;
      const pin = await this.options.hosts
        .get(host)!
        .pinOf?.(image.familiar)
        .catch(() => undefined); // a host that fails is not asked; the next one is
      if (pin?.digest) return home.adoptPin(image.familiar, pin.digest);
    }
  }

  async run(plan: RunPlan, signal?: AbortSignal): Promise<RunResult> {
    const owner = plan.labels[LABEL.owner]!;
    const host = this.options.home!;
    const placements = this.options.placements;
    // A name of the user's own is recorded before the engine makes it, so a follow-up typed while the container runs
    // finds its host (and one whose host died mid-run is said to be there); a --rm container once done takes its
    // record back, as removing a container does. An automatic `job-<id>` name is not recorded: nobody types it
    // before it is listed.
    const named = placements && !AUTO_NAME.test(plan.displayName) ? placements : undefined;
    const claims: Claim[] = [
      ...(named ? [{ kind: 'container' as const, name: plan.displayName }] : []),
      ...plan.mounts.map((m) => ({ kind: 'volume' as const, name: m.name })),
    ];
    const taken = await this.claim(owner, claims);
    try {
      await this.changing();
      await this.alignPin(plan.image);
      const runtime = this.options.runtimes?.get(host);
      const volumeDisk = await this.fleetBudget(owner, plan.volumeDisk);
      const result = await this.home.run({ ...plan, ...(runtime ? { runtime } : {}), ...(volumeDisk ? { volumeDisk } : {}) }, signal);
      if (plan.autoRemove && !plan.detach) await named?.forget(owner, 'container', plan.displayName);
      return result;
    } catch (error) {
      await this.takeBack(owner, taken).catch(() => {}); // left: followed harmlessly, mended by the engines' answer
      throw error;
    }
  }

  /**
   * Claims each new name for the home host before the engine makes it; one another host already holds (two first
   * uses at once, taken by two hosts) refuses the command, saying where, and takes back what this call claimed.
   */
  private async claim(owner: string, claims: Claim[]): Promise<Claim[]> {
    const placements = this.options.placements;
    const taken: Claim[] = [];
    if (!placements) return taken;
    const fleet = [...this.options.hosts.keys()];
    for (const c of claims) {
      const { on, claimed } = await placements.claim(owner, c.kind, c.name, this.options.home!, fleet);
      if (claimed) taken.push(c);
      if (on === this.options.home) continue;
      await this.takeBack(owner, taken);
      throw new UserError(
        'conflict',
        msg('fleet.madeElsewhere', { kind: c.kind, name: c.name, host: on }),
        msg('fleet.madeElsewhere.hint'),
      );
    }
    return taken;
  }

  /** Claims of this call whose object the home host did not make go back (a failed run makes nothing to follow). */
  private async takeBack(owner: string, taken: Claim[]): Promise<void> {
    if (!taken.length) return;
    const [containers, volumes] = await Promise.all([this.home.listContainers({ all: true }), this.home.listVolumes()]);
    for (const c of taken) {
      const made = (c.kind === 'container' ? containers : volumes).some((o) => o.owner === owner && o.name === c.name);
      if (!made) await this.options.placements!.forget(owner, c.kind, c.name);
    }
  }

  async listImages(): Promise<ImageInfo[]> {
    return (await this.gather((s) => s.listImages())).sort((a, b) => b.createdMs - a.createdMs);
  }

  async removeImage(ref: string, force: boolean): Promise<string[]> {
    await this.changing();
    const names = await this.options.inService();
    const settled = await Promise.allSettled(names.map((n) => this.options.hosts.get(n)!.removeImage(ref, force)));
    const done = settled.flatMap((s, i) => (s.status === 'fulfilled' ? s.value.map((line) => `${names[i]}: ${line}`) : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (!done.length && failed) throw failed.reason;
    return done;
  }

  danglingImages(): Promise<ImageInfo[]> {
    return this.gather((s) => s.danglingImages());
  }

  async pruneDanglingImages(): Promise<{ deleted: string[]; bytes: number }> {
    await this.changing();
    const results = await this.gather(async (s) => [{ host: undefined as string | undefined, ...(await s.pruneDanglingImages()) }]);
    return { deleted: results.flatMap((r) => r.deleted), bytes: results.reduce((n, r) => n + r.bytes, 0) };
  }

  async listContainers(options: { all: boolean; size?: boolean }): Promise<ContainerInfo[]> {
    const list = (await this.gather((s) => s.listContainers(options))).sort((a, b) => b.createdMs - a.createdMs);
    for (const c of list) {
      remember(this.seenOn, c.id, c.host!);
      remember(this.named, c.id, { owner: c.owner, name: c.name });
    }
    return list;
  }

  async removeContainer(id: string, force: boolean): Promise<void> {
    await (await this.on(id, true)).removeContainer(id, force);
    await this.forget('container', id);
  }

  /** A removed object's record goes (when it was listed: its owner and name are known). */
  private async forget(kind: PlacedKind, id: string): Promise<void> {
    const named = this.named.get(id);
    if (named) await this.options.placements?.forget(named.owner, kind, named.name);
  }

  async stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    return (await this.on(id, true)).stopContainer(id, timeoutSeconds);
  }

  async startContainer(id: string): Promise<void> {
    return (await this.on(id, true)).startContainer(id);
  }

  async restartContainer(id: string, timeoutSeconds?: number): Promise<void> {
    return (await this.on(id, true)).restartContainer(id, timeoutSeconds);
  }

  async containerLogs(id: string, tail: number | 'all', maxBytes: number, options?: LogOptions) {
    return (await this.on(id, false)).containerLogs(id, tail, maxBytes, options);
  }

  async followLogs(...args: Parameters<SandboxApi['followLogs']>) {
    return (await this.on(args[0], false)).followLogs(...args);
  }

  async containerStats(id: string) {
    return (await this.on(id, false)).containerStats(id);
  }

  async containerTop(id: string) {
    return (await this.on(id, false)).containerTop(id);
  }

  async inspectContainer(id: string): Promise<Record<string, unknown>> {
    return (await this.on(id, false)).inspectContainer(id);
  }

  async listVolumes(): Promise<VolumeInfo[]> {
    const list = await this.gather((s) => s.listVolumes());
    for (const v of list) {
      remember(this.seenOn, v.volume, v.host!);
      remember(this.named, v.volume, { owner: v.owner, name: v.name });
    }
    return list;
  }

  async createVolume(volume: string, labels: Record<string, string>, user: string, disk?: RunPlan['volumeDisk']): Promise<boolean> {
    const owner = labels[LABEL.owner];
    const name = labels[LABEL.name];
    const taken = owner && name ? await this.claim(owner, [{ kind: 'volume', name }]) : [];
    await this.changing();
    try {
      return await this.home.createVolume(volume, labels, user, owner ? await this.fleetBudget(owner, disk) : disk);
    } catch (error) {
      await this.takeBack(owner!, taken).catch(() => {});
      throw error;
    }
  }

  /**
   * The owner's budget holds across the fleet: their volumes on the other hosts in service count against it on the
   * home host too (a host left out, by a cool-down or a failure, is not counted: said in `leftOut`).
   */
  private async fleetBudget(owner: string, disk: RunPlan['volumeDisk']): Promise<RunPlan['volumeDisk']> {
    if (!disk || this.options.hosts.size < 2) return disk;
    const held = (await this.gather((s) => s.listVolumes())).filter((v) => v.owner === owner && v.host !== this.options.home);
    if (!held.length) return disk;
    return {
      ...disk,
      heldElsewhere: held.map((v) => ({ name: v.name, sizeBytes: v.sizeBytes ?? disk.sizeBytes, createdMs: v.createdMs })),
    };
  }

  async removeVolume(volume: string): Promise<void> {
    await (await this.on(volume, true)).removeVolume(volume);
    await this.forget('volume', volume);
  }

  async copyIn(containerId: string, path: string, data: Buffer, user: string): Promise<void> {
    return (await this.on(containerId, true)).copyIn(containerId, path, data, user);
  }

  async copyOut(containerId: string, path: string, maxBytes: number) {
    return (await this.on(containerId, false)).copyOut(containerId, path, maxBytes);
  }

  async exec(containerId: string, cmd: string[], options: { user: string; env: string[]; timeoutMs: number; outputBytes: number }) {
    return (await this.on(containerId, true)).exec(containerId, cmd, options);
  }
}
