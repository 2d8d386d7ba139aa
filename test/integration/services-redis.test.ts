import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/processes.js';

// scripts/services.sh starting Redis servers of its own, beside ones that already run: each gets a data directory
// and a pid file of its own (.data/redis-<port>/), and none is started on a directory a live server holds.

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = join(ROOT, '.data');
const MAIN_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Runs scripts/services.sh for Redis at `port` (with the repository's own .data/), to its end. */
function services(port: number): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}` };
  delete env.STEVEDORE_DATA_DIR;
  const child = spawn('bash', ['scripts/services.sh', 'redis'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

/** Whether anything accepts a connection on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), done(true)));
    socket.on('error', () => done(false));
  });
}

/** Shuts the Redis at `port` down without saving; resolves when the server has closed the connection (it exits). */
function shutDown(port: number): Promise<void> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('SHUTDOWN NOSAVE\r\n'));
    socket.on('error', () => {});
    socket.on('close', () => done());
  });
}

/** Every file under `dir` (relative names), with its contents. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.set(name, readFileSync(path));
  }
  return out;
}

const config = async (redis: Redis, key: string) => ((await redis.config('GET', key)) as string[])[1]!;
const pidOf = async (redis: Redis) => Number(/process_id:(\d+)/.exec(await redis.info('server'))![1]);

const mark = randomBytes(6).toString('hex');
let first: { port: number; dir: string; redis: Redis; pid: number };
let main: Redis;
const started: number[] = [];

beforeAll(async () => {
  // The first: a Redis the script starts for a port of its own, holding a key.
  const port = await freePort();
  const result = await services(port);
  expect(result, result.stderr).toMatchObject({ code: 0 });
  started.push(port);
  const redis = new Redis(port, '127.0.0.1', { lazyConnect: true });
  await redis.connect();
  await redis.set(`first-${mark}`, 'kept');
  first = { port, dir: join(DATA, `redis-${port}`), redis, pid: await pidOf(redis) };
  // And the Redis everything else here runs on, untouched by all of this.
  main = new Redis(MAIN_URL, { lazyConnect: true });
  await main.connect();
  await main.set(`sv-services-test-${mark}`, 'kept', 'EX', 600);
});

afterAll(async () => {
  first?.redis.disconnect();
  if (main) {
    await main.del(`sv-services-test-${mark}`);
    main.disconnect();
  }
  for (const port of started) {
    if (await listening(port)) await shutDown(port);
    rmSync(join(DATA, `redis-${port}`), { recursive: true, force: true });
  }
});

describe('services.sh starting Redis', () => {
  it("starts a second Redis beside a running one, with a data directory and pid file of its own, and leaves the first's data, files and pid file alone", async () => {
    expect(await config(first.redis, 'dir')).toBe(first.dir);
    expect(await config(first.redis, 'pidfile')).toBe(join(first.dir, 'redis.pid'));
    const firstFilesBefore = files(first.dir);
    expect([...firstFilesBefore.keys()]).toContain('redis.pid');
    const mainPid = await pidOf(main);
    const mainDir = await config(main, 'dir');

    const port = await freePort();
    const result = await services(port);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    started.push(port);
    const dir = join(DATA, `redis-${port}`);
    expect(result.stderr).toContain(`listening on 127.0.0.1:${port}, data in ${dir}`);

    const second = new Redis(port, '127.0.0.1', { lazyConnect: true });
    await second.connect();
    try {
      // Its own directory and pid file, and it loaded nothing of the first's.
      expect(await config(second, 'dir')).toBe(dir);
      expect(await config(second, 'pidfile')).toBe(join(dir, 'redis.pid'));
      const pid = await pidOf(second);
      expect(pid).not.toBe(first.pid);
      expect(readFileSync(join(dir, 'redis.pid'), 'utf8').trim()).toBe(String(pid));
      expect(await second.dbsize()).toBe(0);
      // What it writes goes to its own files: the append-only file at once, the snapshot on SAVE.
      await second.set(`second-${mark}`, 'only here');
      await second.save();
      const secondFiles = files(dir);
      expect([...secondFiles.keys()].filter((name) => name.startsWith('appendonlydir/')).length).toBeGreaterThan(0);
      expect(secondFiles.has('dump.rdb')).toBe(true);
      for (const name of ['dump.rdb', ...[...secondFiles.keys()].filter((n) => n.endsWith('.incr.aof'))])
        expect(secondFiles.get(name)!.includes(`second-${mark}`), name).toBe(true);
    } finally {
      second.disconnect();
    }

    // The first: the same process, its key, its pid file, and not one of its files changed, added or removed.
    expect(await pidOf(first.redis)).toBe(first.pid);
    expect(await first.redis.get(`first-${mark}`)).toBe('kept');
    expect(await first.redis.exists(`second-${mark}`)).toBe(0);
    expect(readFileSync(join(first.dir, 'redis.pid'), 'utf8').trim()).toBe(String(first.pid));
    const firstFilesAfter = files(first.dir);
    expect([...firstFilesAfter.keys()].sort()).toEqual([...firstFilesBefore.keys()].sort());
    for (const [name, before] of firstFilesBefore)
      if (name !== 'redis.log') expect(firstFilesAfter.get(name)!.equals(before), name).toBe(true);
    for (const [name, content] of firstFilesAfter) expect(content.includes(`second-${mark}`), name).toBe(false);

    // The Redis the rest runs on: the same process, the same directory, its key still there.
    expect(await pidOf(main)).toBe(mainPid);
    expect(await config(main, 'dir')).toBe(mainDir);
    expect(mainDir).not.toBe(dir);
    expect(await main.get(`sv-services-test-${mark}`)).toBe('kept');
  });

  it('starts nothing when the Redis asked for answers already', async () => {
    const again = await services(first.port);
    expect(again).toEqual({ code: 0, stderr: '' });
    expect(await pidOf(first.redis)).toBe(first.pid);
  });

  it('refuses to start a Redis on a data directory that a live Redis holds, also when that one does not answer at the address', async () => {
    const elsewhere = await freePort();
    await first.redis.config('SET', 'port', String(elsewhere)); // still running on its directory, no longer on its port
    started.push(elsewhere);
    expect(await listening(first.port)).toBe(false);
    const filesBefore = files(first.dir);

    const refused = await services(first.port);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      `refusing to start redis-server for redis://127.0.0.1:${first.port}: its data directory ${first.dir} is in use by redis-server (pid ${first.pid}, from its pid file ${join(first.dir, 'redis.pid')})`,
    );
    expect(await listening(first.port)).toBe(false); // nothing was started

    const moved = new Redis(elsewhere, '127.0.0.1', { lazyConnect: true });
    await moved.connect();
    try {
      expect(await pidOf(moved)).toBe(first.pid);
      expect(await moved.get(`first-${mark}`)).toBe('kept');
    } finally {
      moved.disconnect();
    }
    const filesAfter = files(first.dir);
    expect([...filesAfter.keys()].sort()).toEqual([...filesBefore.keys()].sort());
    for (const [name, before] of filesBefore) if (name !== 'redis.log') expect(filesAfter.get(name)!.equals(before), name).toBe(true);
    expect(existsSync(join(first.dir, 'redis.pid'))).toBe(true);
  });
});
