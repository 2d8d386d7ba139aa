import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ env: { RUN_TIMEOUT: '5s', SANDBOX_MEMORY: '64m', SANDBOX_TMPFS_SIZE: '8m' } });
});
afterAll(() => t?.close());

const run = (command: string) => t.alice.submit(`run --rm busybox sh -c '${command}'`);

describe('hostile programs inside the sandbox', () => {
  it('stops a fork bomb at the pids limit, and the host keeps serving', async () => {
    const reply = await run('bomb() { bomb | bomb & }; bomb; sleep 2; echo survived');
    expect(reply.code!.text).toMatch(/can't fork|Resource temporarily unavailable/);
    expect(reply.code!.text).toMatch(/survived/); // the shell itself kept running: the bomb hit the wall
    const after = await t.alice.submit('run --rm busybox echo still fine');
    expect(after.code!.text.trim()).toBe('still fine');
  });

  it('kills a memory hog for running out of memory and says so', async () => {
    const reply = await t.alice.submit('run --rm busybox tail /dev/zero');
    expect(reply.status).toBe('failed');
    expect(reply.exitCode).toBe(137);
    expect(reply.body).toMatch(/out of memory \(limit 64MiB\)/);
  });

  it('lets /tmp fill only up to its small size', async () => {
    const reply = await run('dd if=/dev/zero of=/tmp/fill bs=1M count=64 2>&1; echo; du -m /tmp/fill');
    expect(reply.code!.text).toMatch(/No space left on device/);
    expect(Number(/(\d+)\s+\/tmp\/fill/.exec(reply.code!.text)![1])).toBeLessThanOrEqual(8);
  });

  it('refuses to execute files written to /tmp (noexec)', async () => {
    const reply = await run('cp /bin/busybox /tmp/b && /tmp/b echo ran');
    expect(reply.code!.text).toMatch(/Permission denied/);
    expect(reply.code!.text).not.toMatch(/^ran$/m);
  });

  it('refuses writes to the root filesystem', async () => {
    const reply = await run('touch /evil; echo > /bin/sh');
    expect(reply.code!.text).toMatch(/Read-only file system/);
  });

  it('has no network but loopback', async () => {
    const reply = await run('cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d " "');
    expect(reply.code!.text.trim().split('\n')).toEqual(['lo']);
  });

  it('runs as a non-root user with no capabilities and no new privileges', async () => {
    const reply = await run('id -u; grep -E "^(CapEff|NoNewPrivs)" /proc/self/status');
    expect(reply.code!.text).toMatch(/^1000\n/);
    expect(reply.code!.text).toMatch(/CapEff:\s+0000000000000000/);
    expect(reply.code!.text).toMatch(/NoNewPrivs:\s+1/);
  });

  it('passes injection characters to the container as plain text', async () => {
    const text = `<@everyone> <!channel> $(id) \`id\` ; | && > /etc/passwd`;
    const reply = await t.alice.submit(`run --rm busybox echo "${text.replace(/[`$"\\]/g, '\\$&')}"`);
    expect(reply.code!.text.trim()).toBe(text);
  });
});

describe('detached containers', () => {
  let short: TestStack;
  beforeAll(async () => {
    short = await startTestStack({ env: { DETACHED_TTL: '2s' } });
  });
  afterAll(() => short?.close());

  it('are stopped and removed when their time to live runs out, and the owner is told', async () => {
    const reply = await short.alice.submit('run -d --name forever busybox sleep 3600');
    expect(reply.body).toMatch(/stopped and removed after 2\.00 s/);
    expect((await short.containers()).length).toBe(1);
    await expect.poll(() => short.containers().then((c) => c.length), { timeout: 10_000, interval: 250 }).toBe(0);
    await expect.poll(() => short.printed(), { timeout: 5_000 }).toContain('forever reached its time to live');
  });
});
