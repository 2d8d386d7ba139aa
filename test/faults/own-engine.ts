import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { stopByPidFile, until } from '../helpers/processes.js';
import { inNetns, RegistryMirror } from './registry-mirror.js';

export interface OwnEngineOptions {
  /** Containers keep running while the engine is stopped and started again (`--live-restore`). */
  liveRestore?: boolean;
  /** A data root of this size on a tmpfs of its own (its disk can be filled for real), e.g. '96m'. */
  diskSize?: string;
  /** Pulls docker.io images through this mirror, over a link of its own named `name` (its only way out). */
  mirror?: { registry: RegistryMirror; name: string };
  /** More OCI runtimes the engine knows, by name → binary (`--add-runtime`). */
  runtimes?: Record<string, string>;
  /** Also listens on 127.0.0.1:port of its namespace (its loopback brought up) over TLS, verifying its clients. */
  tls?: { port: number; ca: string; cert: string; key: string };
}

/**
 * A Docker engine of a fault test's own, in a network namespace of its own (`unshare --net`: a second engine in the
 * host's namespace would take docker0 from the first), with its own socket, data root, exec root and pid file. It
 * can be restarted with its containers running (live-restore), and its data root can be a small disk to fill.
 * With a mirror, it pulls through the project's registry over a veth link, which is its namespace's only link.
 */
export class OwnEngine {
  /** A process in the engine's network namespace (the `unshare` that started it). */
  private nsPid?: number;

  constructor(
    readonly dir: string,
    private readonly options: OwnEngineOptions = {},
  ) {}

  get host(): string {
    return `unix://${this.dir}/docker.sock`;
  }

  get dataRoot(): string {
    return `${this.dir}/data`;
  }

  docker(...args: string[]) {
    return spawnSync('docker', ['-H', this.host, ...args], { encoding: 'utf8' });
  }

  async start(): Promise<void> {
    mkdirSync(this.dataRoot, { recursive: true });
    if (this.options.diskSize && !this.mounted()) {
      const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${this.options.diskSize}`, 'tmpfs', this.dataRoot], {
        encoding: 'utf8',
      });
      if (mount.status !== 0) throw new Error(`mounting a tmpfs for the engine's data root failed: ${mount.stderr}`);
    }
    const { mirror, tls } = this.options;
    const log = openSync(`${this.dir}/dockerd.log`, 'a'); // removed with the directory
    const engine = spawn(
      'unshare',
      [
        '--net',
        '--fork',
        'dockerd',
        '--host',
        this.host,
        '--data-root',
        this.dataRoot,
        '--exec-root',
        `${this.dir}/exec`,
        '--pidfile',
        `${this.dir}/docker.pid`,
        '--bridge',
        'none',
        '--iptables=false',
        '--ip-masq=false',
        ...(this.options.liveRestore ? ['--live-restore'] : []),
        ...(mirror ? RegistryMirror.engineFlags(mirror.registry.endpoint(mirror.name)) : []),
        ...Object.entries(this.options.runtimes ?? {}).map(([name, path]) => `--add-runtime=${name}=${path}`),
        ...(tls
          ? ['--host', `tcp://127.0.0.1:${tls.port}`, '--tlsverify', '--tlscacert', tls.ca, '--tlscert', tls.cert, '--tlskey', tls.key]
          : []),
      ],
      { stdio: ['ignore', log, log], detached: true },
    );
    engine.unref();
    closeSync(log);
    this.nsPid = engine.pid!;
    await until(() => this.docker('version', '--format', '{{.Server.Version}}').status === 0, 30_000, 'the test dockerd');
    if (mirror) await mirror.registry.link(mirror.name, this.nsPid);
    const lo = tls && this.inNamespace('ip', 'link', 'set', 'lo', 'up');
    if (lo && lo.status !== 0) throw new Error(`bringing up the loopback of the engine's namespace failed: ${lo.stderr}`);
  }

  /** A process in the engine's network namespace, for a program to be started there (`nsenter -t PID -n`). */
  get namespacePid(): number {
    if (this.nsPid === undefined) throw new Error('the engine has not been started');
    return this.nsPid;
  }

  /** Runs a command in the engine's network namespace (`ip route`, say). */
  inNamespace(...args: string[]) {
    return inNetns(this.namespacePid, ...args);
  }

  /** Pulls an image through the engine's API, as Stevedore's pull does (with a mirror, through it). */
  pull(image: string): void {
    const pulled = this.docker('pull', '-q', image);
    if (pulled.status !== 0) throw new Error(`pulling ${image} on the test engine failed: ${pulled.stderr}`);
  }

  private mounted(): boolean {
    return spawnSync('mountpoint', ['-q', this.dataRoot]).status === 0;
  }

  /**
   * Copies an image from the main engine, for the tests of one engine whose disk or restarts are the point (a fleet
   * pulls through its mirror instead, as deployments do).
   */
  seed(image: string): void {
    const saved = spawnSync('docker', ['save', image], { maxBuffer: 64 * 1024 * 1024 });
    const loaded = spawnSync('docker', ['-H', this.host, 'load', '-q'], { input: saved.stdout });
    if (loaded.status !== 0) throw new Error(`loading ${image} into the test engine failed: ${loaded.stderr}`);
  }

  /** SIGTERM, as `systemctl restart docker` does; with live-restore the containers stay up meanwhile. */
  async stop(): Promise<void> {
    await stopByPidFile(`${this.dir}/docker.pid`, 60_000, 'the test dockerd to stop');
  }

  /** SIGKILL, as a host that dies: no shutdown, its API gone at once (containerd and the shims stay, as they would). */
  async kill(): Promise<void> {
    const pid = Number(readFileSync(`${this.dir}/docker.pid`, 'utf8'));
    process.kill(pid, 'SIGKILL');
    await until(() => this.docker('version', '--format', '{{.Server.Version}}').status !== 0, 30_000, 'the killed dockerd to go');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    const ids = this.docker('ps', '-aq').stdout.split('\n').filter(Boolean);
    if (ids.length) this.docker('rm', '-f', ...ids);
    // Without live-restore the engine takes its containerd with it; with it, containerd and the shims stay: stopped
    // here by the pid containerd recorded under the exec root.
    await this.stop();
    const containerd = spawnSync('pgrep', ['-f', `containerd --config ${this.dir}/exec/containerd/containerd.toml`], { encoding: 'utf8' });
    for (const pid of containerd.stdout.split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGTERM');
    spawnSync('umount', ['-R', this.dataRoot]);
    spawnSync('umount', ['-R', `${this.dir}/exec`]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
