import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { until } from '../helpers/processes.js';

/** The registry's port inside its namespace, the one the engines name as their mirror. */
const PORT = 5000;

/** The two ends of one engine's link to the mirror: a /30 of 10.213.0.0/16, the registry at .1, the engine at .2. */
export interface MirrorLink {
  /** The link's /30, as `ip route` shows it. */
  network: string;
  registry: string;
  engine: string;
  /** The interface's name on the registry's side. */
  device: string;
}

/** Runs `args` in the network namespace of process `pid` (a namespace of the test's own). */
export function inNetns(pid: number, ...args: string[]) {
  return spawnSync('nsenter', ['-t', String(pid), '-n', ...args], { encoding: 'utf8' });
}

function must(result: ReturnType<typeof inNetns>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/**
 * The storage directory of the project's registry (the one on 127.0.0.1:5000 the main engine pulls through), read
 * from the configuration of the process that listens there.
 */
export function mainRegistryStorage(): string {
  const listening = spawnSync('ss', ['-ltnpH', `src 127.0.0.1:${PORT}`], { encoding: 'utf8' }).stdout;
  const pid = /"docker-registry",pid=(\d+)/.exec(listening)?.[1];
  if (!pid) throw new Error(`no docker-registry listens on 127.0.0.1:${PORT}: run scripts/setup.sh`);
  const [, , configArg] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const configPath = isAbsolute(configArg!) ? configArg! : join(`/proc/${pid}/cwd`, configArg!);
  const storage = /rootdirectory:\s*([^\s,}]+)/.exec(readFileSync(configPath, 'utf8'))?.[1];
  if (!storage) throw new Error(`no filesystem storage in ${configPath}`);
  return storage;
}

/**
 * The project's registry as the namespaced engines of a fault test reach it: Debian's docker-registry serving the
 * main registry's storage read-only, in a network namespace of its own (`unshare --net`), linked to each engine's
 * namespace by a veth pair of its own. Nothing gets an address in the host's namespace; the namespaces, and the
 * links with them, go when the processes holding them end.
 */
export class RegistryMirror {
  private child?: ChildProcess;
  private readonly links = new Map<string, MirrorLink>();

  constructor(readonly dir: string) {}

  get logFile(): string {
    return `${this.dir}/registry.log`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(
      `${this.dir}/config.yml`,
      [
        'version: 0.1',
        'log: { level: info, formatter: text }',
        'storage:',
        `  filesystem: { rootdirectory: ${mainRegistryStorage()} }`,
        // Another registry's files: read, never written or purged here.
        '  maintenance: { uploadpurging: { enabled: false }, readonly: { enabled: true } }',
        `http: { addr: ":${PORT}" }`,
        '',
      ].join('\n'),
    );
    const log = openSync(this.logFile, 'a');
    this.child = spawn('unshare', ['--net', 'docker-registry', 'serve', `${this.dir}/config.yml`], {
      stdio: ['ignore', log, log],
    });
    const pid = this.child.pid!;
    await until(() => readNetns(pid) !== readNetns(process.pid), 10_000, 'the registry namespace');
    must(inNetns(pid, 'ip', 'link', 'set', 'lo', 'up'), 'bringing up the registry namespace’s loopback');
    await until(
      () => inNetns(pid, 'curl', '-sf', '--max-time', '2', `http://127.0.0.1:${PORT}/v2/`).status === 0,
      30_000,
      'the mirror registry',
    );
  }

  /** The link of the engine named `name`, the same across its restarts. */
  endpoint(name: string): MirrorLink {
    let link = this.links.get(name);
    if (!link) {
      const n = this.links.size + 1;
      link = { network: `10.213.${n}.0/30`, registry: `10.213.${n}.1`, engine: `10.213.${n}.2`, device: `mirror-${n}` };
      this.links.set(name, link);
    }
    return link;
  }

  /** Flags that make an engine pull docker.io images through this mirror over `link`. */
  static engineFlags(link: MirrorLink): string[] {
    return [`--registry-mirror=http://${link.registry}:${PORT}`, `--insecure-registry=${link.registry}:${PORT}`];
  }

  /** Links the namespace of process `enginePid` (a new one at each engine start) to the registry's, afresh. */
  async link(name: string, enginePid: number): Promise<void> {
    const link = this.endpoint(name);
    const registry = this.child!.pid!;
    inNetns(registry, 'ip', 'link', 'del', link.device); // the pair of a namespace before a restart, if any
    must(
      inNetns(registry, 'ip', 'link', 'add', link.device, 'type', 'veth', 'peer', 'name', 'mirror', 'netns', String(enginePid)),
      'making the veth pair',
    );
    must(inNetns(registry, 'ip', 'addr', 'add', `${link.registry}/30`, 'dev', link.device), 'addressing the registry’s end');
    must(inNetns(registry, 'ip', 'link', 'set', link.device, 'up'), 'bringing up the registry’s end');
    must(inNetns(enginePid, 'ip', 'addr', 'add', `${link.engine}/30`, 'dev', 'mirror'), 'addressing the engine’s end');
    must(inNetns(enginePid, 'ip', 'link', 'set', 'mirror', 'up'), 'bringing up the engine’s end');
    await until(
      () => inNetns(enginePid, 'curl', '-sf', '--max-time', '2', `http://${link.registry}:${PORT}/v2/`).status === 0,
      30_000,
      'the mirror from the engine’s namespace',
    );
  }

  /** The requests the registry's access log holds from `address` (the engine's end of a link): `HEAD /v2/… 200`. */
  requestsFrom(address: string): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .flatMap((line) =>
        line.startsWith(`${address} - - `) ? (/"(\S+ \S+) HTTP\/[\d.]+" (\d+)/.exec(line)?.slice(1).join(' ') ?? []) : [],
      );
  }

  async destroy(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function readNetns(pid: number): string {
  return readlinkSync(`/proc/${pid}/ns/net`);
}
