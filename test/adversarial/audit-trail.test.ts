import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv } from '../helpers/test-stack.js';
import { OwnRedis } from '../faults/own-redis.js';

// The audit trail an operator ships: secrets typed on a command line never reach it (nor the logs), entries carry
// the platform's ids beside the display name, and it survives the queue's Redis being flushed (AUDIT_FILE).
const POLICY = 'channels: [{ channel: "*", commands: [all] }]\n';
const SECRETS = ['hunter2', 'swordfish'];

let redis: OwnRedis;
let dir: string;
let config: Config;
let stack: Stack;
let logged = '';

beforeAll(async () => {
  redis = await OwnRedis.create();
  dir = mkdtempSync(join(tmpdir(), 'sv-audit-'));
  config = loadConfig(isolatedEnv({ REDIS_URL: redis.url, HEALTH_PORT: '0', AUDIT_FILE: join(dir, 'audit.jsonl') }, POLICY));
  const sink = new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) });
  stack = await startStack(config, { roles: new Set(['bot']), log: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  await stack?.close().catch(() => {});
  if (config) await cleanUp(config).catch(() => {});
  await redis?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit trail', () => {
  it('masks secrets, names the user by id and name, and outlives a flushed Redis in its file', async () => {
    const answer = await stack.handle!({
      platform: 'terminal',
      userId: 'U0AUDIT1',
      userName: 'mallory',
      channelId: 'C0AUDIT',
      text: `run --rm -e PASSWORD=${SECRETS[0]} busybox echo --password=${SECRETS[1]}`,
      replyTo: { route: 'audit-trail', channelId: 'C0AUDIT' },
    });
    expect(answer.kind).toBe('queued');
    const [entry] = await stack.audit.recent(1);
    expect(entry).toMatchObject({ platform: 'terminal', userId: 'U0AUDIT1', userName: 'mallory', verdict: 'queued' });
    for (const secret of SECRETS) {
      expect(entry!.command).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    expect(logged).toContain('U0AUDIT1');

    // The queue's Redis is flushed (an operator's mistake, a failover to an empty replica): the file still has it.
    redis.cli('flushall');
    expect(await stack.audit.recent(10)).toEqual([]);
    const file = join(dir, `audit.jsonl.${process.pid}`);
    const read = () => {
      try {
        return readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { userId: string; command: string });
      } catch {
        return [];
      }
    };
    await until(() => read().some((l) => l.userId === 'U0AUDIT1'), 30_000, 'the entry in the audit file');
    const lines = read();
    const mine = lines.find((l) => l.userId === 'U0AUDIT1');
    expect(mine).toBeDefined();
    for (const secret of SECRETS) expect(mine!.command).not.toContain(secret);
  });
});
