import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

const POLICY = 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { commandsPerMinute: 1000 }\n';
const WAIT = { timeout: 30_000, interval: 100 };
/** Prints `before`, waits for /tmp/go (made by an exec once the follow runs), then prints `after-follow-began`. */
const TICKER = `sh -c 'echo before; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo after-follow-began; sleep 300'`;

/** What the terminals printed from now on, and the job id of the follow of `name` that shows as running there. */
function watchPrinted(t: TestStack) {
  const from = t.printed().length;
  const since = () => t.printed().slice(from);
  return {
    since,
    /** Waits until a follow of `name` runs (its stage line is printed) and gives its job id; `skip` ids seen before. */
    async followJob(name: string, skip: string[] = []): Promise<string> {
      const ids = () =>
        [...since().matchAll(new RegExp(`#(\\d+) \\(${name}\\)`, 'g'))].map((m) => m[1]!).filter((id) => !skip.includes(id));
      await expect.poll(() => ids().length, WAIT).toBeGreaterThan(0);
      return ids()[0]!;
    },
  };
}

describe('logs -f', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({ policy: POLICY, env: { FOLLOW_SLOTS: '1' } });
  });
  afterAll(() => t?.close());

  it('sees a line written after it began, holds the only slot, and ends when Stop (the job cancelled) is pressed', async () => {
    expect((await t.alice.submit(`run -d --name ticker busybox ${TICKER}`)).status).toBe('ok');
    const printed = watchPrinted(t);
    const following = t.alice.submit('logs -f ticker');
    await expect.poll(() => printed.since(), WAIT).toMatch(/^before$/m);
    const jobId = await printed.followJob('ticker');
    // The line is written only now, after the follow began.
    expect((await t.alice.submit('exec ticker touch /tmp/go')).status).toBe('ok');
    await expect.poll(() => printed.since(), WAIT).toMatch(/^after-follow-began$/m);
    // FOLLOW_SLOTS is 1: another user's follow finds no slot.
    expect((await t.bob.submit('run -d --name bobs busybox sleep 300')).status).toBe('ok');
    const refused = await t.bob.submit('logs -f bobs');
    expect(refused.title).toBe('All 1 follows of this deployment are in use.');
    // Stop is the job's cancel.
    await t.alice.submit(`cancel ${jobId}`);
    const final = await following;
    expect(final.title).toBe('Followed logs of ticker');
    expect(final.body).toBe('Stopped by alice.');
    expect(final.code!.text.trim().split('\n')).toEqual(['before', 'after-follow-began']);
  });

  it("ends the user's earlier follow when they start another, and a follow ends when its container stops", async () => {
    const printed = watchPrinted(t);
    const first = t.alice.submit('logs -f ticker');
    const firstId = await printed.followJob('ticker');
    const second = t.alice.submit('logs -f ticker');
    expect((await first).body).toBe('Ended: you started another follow (one at a time).');
    await printed.followJob('ticker', [firstId]);
    await t.alice.submit('stop -t 0 ticker');
    expect((await second).body).toBe('Ended: the container stopped.');
  });
});

describe('stats --no-stream=false', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({ policy: POLICY });
  });
  afterAll(() => t?.close());

  it('refreshes the table in one follow until the container stops', async () => {
    expect((await t.alice.submit('run -d --name idler busybox sleep 300')).status).toBe('ok');
    const printed = watchPrinted(t);
    const live = t.alice.submit('stats --no-stream=false idler');
    // Two refreshes of the table, printed whole each time.
    await expect.poll(() => printed.since().match(/^CONTAINER ID .*OWNER$/gm)?.length ?? 0, WAIT).toBeGreaterThanOrEqual(2);
    expect(printed.since()).toMatch(/^\w{12}\s+idler\s+/m);
    await t.alice.submit('stop -t 0 idler');
    const final = await live;
    expect(final.title).toBe('Container resource usage');
    expect(final.body).toBe('Ended: the container stopped.');
    expect(final.code!.text).toMatch(/idler/);
  });
});

describe('logs -f past FOLLOW_MAX', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({ policy: POLICY, env: { FOLLOW_MAX: '2s' } });
  });
  afterAll(() => t?.close());

  it('ends by itself, saying why', async () => {
    expect((await t.alice.submit('run -d --name quiet busybox sleep 300')).status).toBe('ok');
    const final = await t.alice.submit('logs -f quiet');
    expect(final.title).toBe('Followed logs of quiet');
    expect(final.body).toBe('Ended after 2.00 s, the longest a follow lasts; run logs -f again to go on.');
  });
});
