import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalAdapter } from '../../src/adapters/terminal/terminal-adapter.js';
import { engineEvents, startTestStack, type TestStack } from '../helpers/test-stack.js';

const POLICY = `
admins:
  users: ["terminal:carol"]
channels:
  - channel: "terminal:terminal"
    commands: [all]
otherChannels: [read]
images: ["docker.io/library/busybox"]
quotas:
  runningContainers: 1
  commandsPerMinute: 6
`;

let t: TestStack;
let carol: TerminalAdapter;
beforeAll(async () => {
  t = await startTestStack({ policy: POLICY });
  carol = await t.user('carol');
});
afterAll(() => t?.close());

describe('who may do what, where', () => {
  it('allows only reading commands in a channel the policy does not bind', async () => {
    const lobby = await t.user('bob', 'lobby');
    const ps = await lobby.submit('ps -a');
    expect(ps.status).toBe('info');
    const run = await lobby.submit('run busybox true');
    expect(run).toMatchObject({ status: 'refused', title: '/docker run is not enabled in this channel.' });
  });

  it('keeps admin commands for admins, decided by user id', async () => {
    expect((await t.alice.submit('audit')).title).toBe('/docker audit is for admins.');
    const entries = await carol.submit('audit 50');
    expect(entries.code!.text).toMatch(/terminal:alice\s+terminal\s+refused \(forbidden\)/);
    expect(entries.code!.text).toMatch(/terminal:bob\s+lobby\s+refused \(forbidden\)\s+run busybox true/);
  });

  it("lets an admin act on any user's container, and nobody else", async () => {
    await t.alice.submit('run --name mine busybox true');
    const [c] = (await t.containers()).filter((x) => x.Labels['stevedore.name'] === 'mine');
    // To bob it is a container that does not exist (see other-users.test.ts).
    expect((await t.bob.submit(`rm ${c!.Id.slice(0, 12)}`)).title).toMatch(/^No container of yours/);
    expect((await carol.submit(`rm ${c!.Id.slice(0, 12)}`)).status).toBe('ok');
  });

  it('refuses images off the allowlist and other registries before any pull', async () => {
    const events = await engineEvents(t.docker, t.config.deployment, async () => {
      expect((await t.alice.submit('run ghcr.io/evil/miner')).title).toBe('Registry ghcr.io is not allowed here.');
      expect((await t.alice.submit('pull quay.io/x/y:1')).title).toBe('Registry quay.io is not allowed here.');
      expect((await t.alice.submit('run nginx')).title).toBe("Image nginx:latest is not on this deployment's allowlist.");
      // An allowed name with a digest the deployment did not pin: refused, never pulled (image-pins.test.ts).
      const pinned = await t.alice.submit(`run docker.io/library/busybox@sha256:${'a'.repeat(64)}`);
      expect(pinned.title).toMatch(/busybox@sha256:a+ is not the digest this deployment runs/);
    });
    expect(events.filter((e) => e === 'create')).toEqual([]);
  });

  it('never matches look-alike or hidden characters to an allowed name', async () => {
    for (const text of ['run whаlesay boo', 'run ｂusybox true', 'run docker/whalesаy']) {
      const reply = await t.alice.submit(text);
      expect(reply.status, text).not.toBe('ok');
      expect(reply.title, text).toMatch(/U\+[0-9A-F]{4}/);
    }
    expect((await t.alice.submit('run busy\u200dbox true')).title).toMatch(/invisible character \(U\+200D\)/);
  });

  it('holds a user to the running-containers quota and starts nothing past it', async () => {
    const dave = await t.user('dave');
    expect((await dave.submit('run -d --name one busybox sleep 30')).status).toBe('ok');
    const second = await dave.submit('run -d --name two busybox sleep 30');
    expect(second).toMatchObject({ status: 'error', title: 'You have 1 containers running in the background; the limit is 1.' });
    expect((await t.containers()).map((c) => c.Labels['stevedore.name'])).not.toContain('two');
  });

  it('limits commands per minute and says when to try again', async () => {
    const erin = await t.user('erin');
    for (let i = 0; i < 6; i++) expect((await erin.submit('help')).status).toBe('info');
    const over = await erin.submit('help');
    expect(over.title).toBe('You have sent 7 commands this minute; the limit is 6.');
    expect(over.body).toMatch(/Nothing was queued\. Try again in \d+ s\./);
    // The minute's counter expires by itself.
    const redis = new Redis(t.config.redisUrl);
    const [counter] = await redis.keys(`${t.config.queuePrefix}:rate:terminal:erin:*`);
    expect(await redis.ttl(counter!)).toBeGreaterThan(60);
    redis.disconnect();
  });
});

describe('queue quotas, with no worker to drain the queue', () => {
  let q: TestStack;
  beforeAll(async () => {
    q = await startTestStack({
      worker: false,
      policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { queuedJobs: 2, queueDepth: 3 }\n',
    });
  });
  afterAll(() => q?.close());

  it('refuses a third queued job of one user, then any job once the queue is full', async () => {
    expect((await q.alice.send('run busybox true')).kind).toBe('queued');
    expect((await q.alice.send('run busybox true')).kind).toBe('queued');
    const third = await q.alice.send('run busybox true');
    expect(third.kind === 'reply' && third.reply.title).toBe('You already have 2 jobs queued or running; the limit is 2.');
    expect((await q.bob.send('ps')).kind).toBe('queued');
    const full = await q.bob.send('ps');
    expect(full.kind === 'reply' && full.reply.title).toBe('The queue is full: 3 jobs are waiting or running (the limit is 3).');
    expect(await q.main.commandQueue.queue.getWaitingCount()).toBe(3);
  });
});
