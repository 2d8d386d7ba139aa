import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/** Deadlines the container cannot move: exec's, whatever its PATH says, and stop's grace. */
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({
    env: { RUN_TIMEOUT: '2s', STOP_GRACE_MAX: '3s' },
    policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\n',
  });
});
afterAll(() => t?.close());

const state = async (name: string) => (await t.containers()).find((c) => c.Labels['stevedore.name'] === name)?.State;

describe('exec', () => {
  it('ends a command at the deadline even with a fake timeout first on its PATH, and says what it did', async () => {
    expect((await t.alice.submit('run -d --name box -v tools:/data busybox sleep 300')).status, t.printed()).toBe('ok');
    // A `timeout` that ignores its arguments and runs the command for as long as it likes, first on the PATH (volumes
    // are noexec now, so it could not run anyway; `sleep` itself comes from /bin, since one in /data could not start).
    const planted = await t.alice.submit(
      `exec box sh -c "printf '#!/bin/sh\\nshift 3\\nexec \\"\\$@\\"\\n' > /data/timeout; chmod +x /data/timeout"`,
    );
    expect(planted.exitCode, t.printed()).toBe(0);
    const reply = await t.alice.submit('exec -e PATH=/data:/bin box sleep 60');
    expect(reply.body, t.printed()).toBe(
      'The command ran past 2 s. A command started with exec cannot be stopped on its own from outside the container, so box was stopped (start it again with /docker start box).',
    );
    expect(reply.exitCode).not.toBe(0);
    expect(await state('box')).toBe('exited');
  });
});

describe('stop', () => {
  it('refuses a grace outside 0..STOP_GRACE_MAX, and kills a container that ignores SIGTERM within the maximum', async () => {
    const started = await t.alice.submit(`run -d --name stubborn busybox sh -c "trap '' TERM; while true; do sleep 1; done"`);
    expect(started.status, t.printed()).toBe('ok');
    for (const grace of ['-1', '4', '3600']) {
      const reply = await t.alice.submit(`stop -t ${grace} stubborn`);
      expect(reply.title, grace).toBe(
        `--timeout ${grace} is outside this deployment's range (0 to 3); it is refused, not passed to Docker.`,
      );
    }
    expect(await state('stubborn')).toBe('running');
    // No -t: the smaller of Docker's 10 s and the maximum.
    const stopped = await t.alice.submit('stop stubborn');
    expect(stopped.status, t.printed()).toBe('ok');
    expect(await state('stubborn')).toBe('exited');
    expect((await t.alice.submit('restart -t -1 stubborn')).status).toBe('error');
  });
});
