import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { commandsPerMinute: 1000 }\n' });
});
afterAll(() => t?.close());

/** An engine timestamp (RFC 3339 with nanoseconds) as nanoseconds since the epoch. */
const nanos = (stamp: string) => {
  const [whole, fraction = ''] = stamp.replace(/Z$/, '').split('.');
  return BigInt(Date.parse(`${whole}Z`) / 1000) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
};
const unix = (n: bigint) => `${n / 1_000_000_000n}.${String(n % 1_000_000_000n).padStart(9, '0')}`;
const rfc3339 = (n: bigint) =>
  `${new Date(Number(n / 1_000_000_000n) * 1000).toISOString().slice(0, 19)}.${String(n % 1_000_000_000n).padStart(9, '0')}Z`;

describe('logs --since, --until, --timestamps, --details', () => {
  it('narrows to the lines the engine stamped after (or before) a time, in every form Docker reads', async () => {
    // The sleeps are the container's own: they give its lines different engine timestamps. The test waits on replies only.
    const ran = await t.alice.submit(`run --name printer busybox sh -c 'echo one; sleep 1; echo two; sleep 1; echo three'`);
    expect(ran.code!.text).toContain('three');

    const stamped = (await t.alice.submit('logs -t printer')).code!.text.trim().split('\n');
    expect(stamped).toHaveLength(3);
    const stamps = stamped.map((line) => /^(\S+Z) (\w+)$/.exec(line)!);
    expect(stamps.map((m) => m[2])).toEqual(['one', 'two', 'three']);
    const [one, two, three] = stamps.map((m) => nanos(m[1]!)) as [bigint, bigint, bigint];
    expect(one < two && two < three).toBe(true);
    const afterOne = (one + two) / 2n;
    const afterTwo = (two + three) / 2n;

    const lines = async (command: string) => (await t.alice.submit(command)).code!.text.trim().split('\n').filter(Boolean);
    expect(await lines(`logs --since ${unix(afterOne)} printer`)).toEqual(['two', 'three']);
    expect(await lines(`logs --since ${rfc3339(afterOne)} printer`)).toEqual(['two', 'three']);
    expect(await lines(`logs --until ${unix(afterOne)} printer`)).toEqual(['one']);
    expect(await lines(`logs --since ${rfc3339(afterOne)} --until ${rfc3339(afterTwo)} printer`)).toEqual(['two']);
    expect(await lines(`logs --since ${rfc3339(afterTwo)} -t printer`)).toEqual([stamped[2]]);
    // A relative time counts back from now: every line of the last hour, none from an hour in the future on.
    expect(await lines('logs --since 1h30m printer')).toEqual(['one', 'two', 'three']);
    expect(await lines('logs --since -1h printer')).toEqual([]);
    expect((await t.alice.submit('logs --details printer')).code!.text).toMatch(/one\n.*two\n.*three/);
  });

  it('refuses a value Docker would not read', async () => {
    const bad = await t.alice.submit('logs --since yesterday printer');
    expect(bad.title).toBe(
      '--since takes a duration (10m, 1h30m), an RFC 3339 time (2024-05-01T13:04:05Z) or a Unix timestamp, not "yesterday".',
    );
    expect((await t.alice.submit('logs --until 2024-02-30 printer')).title).toMatch(/^--until takes a duration/);
  });
});
