import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, until } from '../helpers/processes.js';

/** A free loopback port, as the kernel hands one out. */
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

/**
 * A redis-server of a fault test's own: its own free port and its own --dir in a temporary folder (the shared
 * Redis and its data are never touched), with AOF everysec and noeviction as Stevedore's set-up starts it, plus
 * whatever the test adds (a maxmemory). It can be killed outright (SIGKILL: no AOF rewrite, no last fsync).
 */
export class OwnRedis {
  private child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'sv-own-redis-'));
  private constructor(
    readonly port: number,
    private readonly extra: string[],
  ) {}

  static async create(extra: string[] = []): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), extra);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  cli(...args: string[]): string {
    return spawnSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' }).stdout.trim();
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const child = spawn(
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
    this.child = child;
    // Waits for the server's answer (an event of the server's), not a time.
    await until(() => child.exitCode === null && this.cli('ping') === 'PONG', 15_000, 'the test redis-server');
  }

  /** SIGKILL: Redis dies at once, as in a crash; what AOF everysec had not yet written is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
    this.child = undefined;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    await exited(child);
    this.child = undefined;
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
