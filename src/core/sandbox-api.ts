import type { ImageRef } from './image-ref.js';

/** Limits one container runs under; every value comes from settings, bounded by policy. */
export interface SandboxLimits {
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  tmpfsBytes: number;
  /** Foreground: killed after this long. Detached: time to live, enforced by the cleanup job. */
  timeoutMs: number;
  outputBytes: number;
  logMaxBytes: number;
}

/**
 * How new volumes are bounded (VOLUME_SIZE, VOLUME_BUDGET, VOLUME_DIR): each a fixed-size filesystem image in `dir`
 * on the engine's host, an owner's together at most `budgetBytes`. Absent: unbounded volumes (VOLUME_SIZE=0).
 */
export interface VolumeDisk {
  dir: string;
  sizeBytes: number;
  budgetBytes: number;
  /** With SANDBOX_HOSTS: the owner's volumes on the other hosts in service, counted against the budget too. */
  heldElsewhere?: { name: string; sizeBytes: number; createdMs: number }[];
}

/** Everything Stevedore will ask the engine to create, decided server-side before any Docker call. */
export interface RunPlan {
  image: ImageRef;
  /** The container's command; undefined keeps the image's default. */
  cmd?: string[];
  /** The name the user sees and types (`web`), unique per owner. */
  displayName: string;
  /** The engine-wide container name, derived from owner and display name, or from the job id. */
  containerName: string;
  detach: boolean;
  autoRemove: boolean;
  env: string[];
  labels: Record<string, string>;
  user: string;
  hostname?: string;
  pull: 'missing' | 'always' | 'never';
  /** The OCI runtime chosen by the deployment (e.g. runsc); the engine's default when unset. */
  runtime?: string;
  /** Named volumes, the owner's own, created when missing. */
  mounts: { name: string; volume: string; target: string; readOnly: boolean }[];
  /** How a volume the run creates is bounded. */
  volumeDisk?: VolumeDisk;
  limits: SandboxLimits;
  /** Told each time a foreground container writes output (streaming); reads it when it wants to. */
  onOutput?: OnOutput;
}

/** Output captured so far, read on demand (decoding it is not free, so a listener reads it at its own pace). */
export interface OutputSoFar {
  text(): string;
}

/** Called as output arrives from a running container or exec. */
export type OnOutput = (output: OutputSoFar) => void;

export interface RunResult {
  containerId: string;
  exitCode: number;
  output: string;
  /** Output went past the byte cap: it was cut there and the container was stopped. */
  truncated: boolean;
  timedOut: boolean;
  oomKilled: boolean;
  durationMs: number;
  /** The container ran before (a retried job) and this result was collected, not produced anew. */
  recovered?: boolean;
  /** Stopped because someone cancelled the job: their name. */
  cancelledBy?: string;
}

export interface PullResult {
  ref: string;
  /** In a fleet: the host that pulled it. */
  host?: string;
  digest?: string;
  /** The last status line the engine reported, e.g. "Downloaded newer image for …". */
  status: string;
}

export interface ImageInfo {
  id: string;
  tags: string[];
  createdMs: number;
  sizeBytes: number;
  /** With SANDBOX_HOSTS: the host it is on. */
  host?: string;
}

export interface ContainerInfo {
  id: string;
  /** The owner-scoped name the user types. */
  name: string;
  image: string;
  command: string;
  createdMs: number;
  state: string;
  status: string;
  owner: string;
  ownerName?: string;
  jobId?: string;
  /** Started with -d: it has a time to live. */
  detached: boolean;
  /** When a detached container's time to live ends (ms since the epoch). */
  expiresMs?: number;
  /** Bytes written in its own layer, when asked for (`size: true`). */
  sizeBytes?: number;
  /** With SANDBOX_HOSTS: the host it is on. */
  host?: string;
}

/** A named volume as the user sees it. */
export interface VolumeInfo {
  name: string;
  volume: string;
  owner: string;
  ownerName?: string;
  createdMs: number;
  sizeBytes?: number;
  /** Names of the containers that mount it. */
  usedBy: string[];
  /** With SANDBOX_HOSTS: the host it is on. */
  host?: string;
}

/** What `logs` narrows the output to; times as the Engine API takes them (Unix seconds, `.nanoseconds` optional). */
export interface LogOptions {
  since?: string;
  until?: string;
  timestamps?: boolean;
  details?: boolean;
}

/** One `docker stats` sample of a container, in the engine's units (bytes; CPU as a percentage of one CPU × CPUs). */
export interface StatsSample {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  pids: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}

/** Progress callback for long engine work (pulls). */
export type OnStatus = (status: string) => void;

/** What commands may ask of a sandbox Docker host; implemented with dockerode under src/sandbox/. */
export interface SandboxApi {
  /** A fleet's view: the hosts its lists did not hear from (out, or failed), so "not there" may not be true. */
  readonly leftOut?: ReadonlyMap<string, unknown>;
  /** Does the engine answer? */
  ping(): Promise<void>;
  hasImage(ref: string): Promise<boolean>;
  pull(ref: string, onStatus?: OnStatus): Promise<PullResult>;
  /** A fleet: pulls on every host in service, each through its own mirror (`pull`); the results, host by host. */
  pullEverywhere?(ref: string, onStatus?: OnStatus): Promise<PullResult[]>;
  /**
   * Records what `ref` points to now as the image the deployment runs for it (an admin's pull; image-pins.ts); in a
   * fleet, on every host the same job pulled it on.
   */
  pinImage?(ref: string): Promise<void>;
  /** The pin of a tag on this engine: its image ID and the registry digest it was pulled by (none when loaded). */
  pinOf?(ref: string): Promise<{ id: string; digest?: string } | undefined>;
  /** Pins a tag to the image `digest` names in its repository, pulling that digest first where it is missing. */
  adoptPin?(ref: string, digest: string): Promise<void>;
  /** Creates (or, for a retried job, finds) the planned container, runs it to the end or detaches. */
  run(plan: RunPlan, signal?: AbortSignal): Promise<RunResult>;
  listImages(): Promise<ImageInfo[]>;
  removeImage(ref: string, force: boolean): Promise<string[]>;
  listContainers(options: { all: boolean; size?: boolean }): Promise<ContainerInfo[]>;
  /** Images with no tag that no container uses. */
  danglingImages(): Promise<ImageInfo[]>;
  /** Removes dangling images; the engine says how much space it freed. */
  pruneDanglingImages(): Promise<{ deleted: string[]; bytes: number }>;
  removeContainer(id: string, force: boolean): Promise<void>;
  stopContainer(id: string, timeoutSeconds?: number): Promise<void>;
  startContainer(id: string): Promise<void>;
  restartContainer(id: string, timeoutSeconds?: number): Promise<void>;
  containerLogs(id: string, tail: number | 'all', maxBytes: number, options?: LogOptions): Promise<{ text: string; truncated: boolean }>;
  /**
   * Follows a container's output (`logs -f`) until the container stops or `signal` aborts; what came is kept up to
   * `maxBytes`, and `onOutput` is told as it comes.
   */
  followLogs(
    id: string,
    tail: number | 'all',
    maxBytes: number,
    options: LogOptions & { onOutput?: OnOutput },
    signal: AbortSignal,
  ): Promise<{ text: string; truncated: boolean }>;
  /** One resource-usage sample (`docker stats --no-stream`): the engine reads twice, a second apart, for CPU. */
  containerStats(id: string): Promise<StatsSample>;
  /** The processes of a running container, as the engine's `top` lists them. */
  containerTop(id: string): Promise<{ titles: string[]; processes: string[][] }>;
  inspectContainer(id: string): Promise<Record<string, unknown>>;
  listVolumes(): Promise<VolumeInfo[]>;
  /**
   * Creates a volume (labels given) if missing, owned by the sandbox user, bounded by `disk` (refused past the
   * owner's budget); false when it was there already.
   */
  createVolume(volume: string, labels: Record<string, string>, user: string, disk?: VolumeDisk): Promise<boolean>;
  removeVolume(volume: string): Promise<void>;
  copyIn(containerId: string, path: string, data: Buffer, user: string): Promise<void>;
  copyOut(containerId: string, path: string, maxBytes: number): Promise<{ name: string; data: Buffer; archive: boolean }>;
  exec(
    containerId: string,
    cmd: string[],
    options: { user: string; env: string[]; timeoutMs: number; outputBytes: number; onOutput?: OnOutput },
  ): Promise<{ exitCode: number; output: string; truncated: boolean; timedOut: boolean }>;
}
