import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** A port on 127.0.0.1 nothing listens on now (the kernel hands out a free one; it is closed again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `check` is true, polling; throws after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A Stevedore process of its own (a worker, say). From the sources through tsx as a loader (one process, not
 * tsx's CLI, whose child SIGKILL would miss), or from the compiled `dist/` as a deployment runs it.
 */
export function spawnStevedore(env: Record<string, string>, roles: string, compiled = false): ChildProcess {
  const args = compiled ? [join(ROOT, 'dist/src/main.js')] : ['--import', 'tsx', join(ROOT, 'src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, STEVEDORE_ROLES: roles },
    stdio: ['ignore', 'ignore', process.env.TEST_LOG_LEVEL ? 'inherit' : 'ignore'],
  });
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/**
 * A redis-server of a test's own (its own port and folder: the shared Redis and its data are never touched), with AOF
 * everysec and noeviction as Stevedore's set-up starts it, plus whatever the test adds (a maxmemory); to restart at
 * will, or kill outright.
 */
export class RedisInstance {
  private child?: ChildProcess;
  constructor(
    readonly port: number,
    readonly dir: string,
    private readonly extra: string[] = [],
  ) {}

  cli(...args: string[]): string {
    return spawnSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' }).stdout.trim();
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    this.child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
        '--save',
        '',
        ...this.extra,
      ],
      { stdio: 'ignore' },
    );
    const child = this.child;
    // Waits for the server's answer (an event of the server's), not a time.
    await until(() => child.exitCode === null && this.cli('ping') === 'PONG', 15_000, 'redis-server');
  }

  /** SIGKILL: Redis dies at once, as in a crash; what AOF everysec had not yet written is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
    this.child = undefined;
  }

  /** SIGSTOP / SIGCONT: Redis is there but answers nothing, as a replica on a stalled link. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGTERM: Redis writes its AOF and exits, as in a restart by an operator. */
  async stop(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    child.kill('SIGTERM');
    await exited(child);
    this.child = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** SIGTERM to the process a pid file names, then waits until it is gone (its exit, not a time); no file: nothing. */
export async function stopByPidFile(pidFile: string, ms: number, what: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const gone = () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  };
  await until(gone, ms, what);
}
