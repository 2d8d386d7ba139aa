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

/** The table's row for a container name, split on the CLI's three-space column gaps. */
const rowOf = (table: string, name: string) =>
  table
    .split('\n')
    .map((line) => line.split(/ {3,}/))
    .find((cells) => cells[1] === name);

describe('stats and top', () => {
  it("snapshots CPU, memory against the limit, I/O and pids of the user's own running containers", async () => {
    await t.alice.submit('run -d --name spinner busybox sh -c "while :; do :; done"');
    await t.alice.submit('run -d --name sleeper busybox sleep 300');
    const [spinner] = (await t.containers()).filter((c) => c.Names[0]!.includes('spinner'));
    const limit = (await t.docker.getContainer(spinner!.Id).inspect()).HostConfig.Memory!;
    expect(limit).toBeGreaterThan(0);

    const all = await t.alice.submit('stats');
    expect(all.code!.text.split('\n')[0]).toMatch(
      /^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS\s+OWNER$/,
    );
    const spin = rowOf(all.code!.text, 'spinner')!;
    expect(spin[0]).toBe(spinner!.Id.slice(0, 12));
    expect(Number.parseFloat(spin[2]!)).toBeGreaterThan(1); // the engine's two readings a second apart saw the loop
    expect(spin[3]).toMatch(new RegExp(`^[\\d.]+(B|KiB|MiB) / ${(limit / 1024 ** 2).toString()}MiB$`));
    expect(spin[4]).toMatch(/^\d+\.\d\d%$/);
    expect(spin[5]).toMatch(/^[\d.]+k?B \/ [\d.]+k?B$/);
    expect(Number(spin[7])).toBeGreaterThanOrEqual(1);
    expect(Number(rowOf(all.code!.text, 'sleeper')![7])).toBeGreaterThanOrEqual(1);
    expect(rowOf(all.code!.text, 'printer')).toBeUndefined(); // exited: only with -a
    expect(rowOf((await t.alice.submit('stats -a --no-stream')).code!.text, 'printer')).toBeDefined();

    const one = (await t.alice.submit('stats sleeper')).code!.text.split('\n');
    expect(one).toHaveLength(2);
    expect(rowOf(one.join('\n'), 'sleeper')).toBeDefined();
  });

  it("shows nobody else's containers, and refuses what is not offered", async () => {
    const bobs = await t.bob.submit('stats');
    expect(bobs.code!.text).not.toMatch(/spinner|sleeper/);
    expect(bobs.body).toBe('No running containers of yours.');
    expect((await t.bob.submit('stats sleeper')).title).toMatch(/No container of yours is named or has the ID "sleeper"/);
    expect((await t.bob.submit('top sleeper')).title).toMatch(/No container of yours is named or has the ID "sleeper"/);
    expect((await t.alice.submit('stats --format json')).title).toMatch(/^--format is refused: output is always the table/);
  });

  it('lists the processes of a running container', async () => {
    const reply = await t.alice.submit('top sleeper');
    expect(reply.title).toBe('Processes in sleeper');
    const [header, ...rows] = reply.code!.text.split('\n');
    expect(header).toMatch(/PID/);
    expect(header).toMatch(/CMD|COMMAND/);
    expect(rows.some((row) => row.endsWith('sleep 300'))).toBe(true);
    // The same processes the engine counts as the container's pids (an init process of the sandbox's among them).
    expect(rowOf((await t.alice.submit('stats sleeper')).code!.text, 'sleeper')![7]).toBe(String(rows.length));
    expect((await t.alice.submit('top printer')).title).toBe('printer is not running; top shows the processes of a running container.');
    expect((await t.alice.submit('top sleeper -ef')).title).toMatch(/ps options \("-ef"\) are not offered/);
    const ko = await t.alice.submit('explain --lang ko top');
    expect(JSON.stringify(ko)).toMatch(/프로세스/);
  });
});

describe('streamed output in the terminal', () => {
  /** A line every 200 ms: the sleeps are the container's own; the test reads the order of what was printed. */
  const PRINTER = `sh -c 'i=1; while [ $i -le 15 ]; do echo line $i; i=$((i+1)); sleep 0.2; done'`;
  const LINES = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`);

  /** What was printed while `submit` ran: every line once, the first before the final reply's title. */
  const printedWhile = async (command: string) => {
    const before = t.printed().length;
    const reply = await t.alice.submit(command);
    return { reply, printed: t.printed().slice(before) };
  };

  it('prints the lines of a run as they come, each once, the final reply after them', async () => {
    const { reply, printed } = await printedWhile(`run --rm busybox ${PRINTER}`);
    expect(reply.code!.text.trim().split('\n')).toEqual(LINES); // the reply itself holds the whole
    const lines = printed.split('\n');
    for (const line of LINES) expect(lines.filter((l) => l === line)).toHaveLength(1);
    expect(lines.indexOf('line 1')).toBeLessThan(lines.indexOf(`✔ ${reply.title}`));
  });

  it('prints the lines of an exec as they come', async () => {
    await t.alice.submit('run -d --name streamer busybox sleep 300');
    const { reply, printed } = await printedWhile(`exec streamer ${PRINTER}`);
    expect(reply.code!.text.trim().split('\n')).toEqual(LINES);
    const lines = printed.split('\n');
    expect(lines.indexOf('line 1')).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('line 1')).toBeLessThan(lines.indexOf(`✔ ${reply.title}`));
  });
});
