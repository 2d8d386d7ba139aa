import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src/policy/labels.js';
import { startHealthServer } from '../../src/health/health-server.js';
import { startStack } from '../../src/stack.js';
import { startTestStack, testLog, type TestStack } from '../helpers/test-stack.js';

/**
 * How old an exited container or an unused volume must be for the cleanup to take it. A container made after the
 * old ones have aged must stay younger than this until the cleanup has run: the wider it is, the more room a slow
 * machine has (the engine counts creation times in whole seconds).
 */
const AGE_S = 6;
/** Generous bounds for waiting on output that comes through the deliveries: waits end as soon as it is there. */
const PRINTED = { timeout: 30_000, interval: 100 };

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({
    env: {
      CLEANUP_EXITED_AGE: `${AGE_S}s`,
      CLEANUP_VOLUME_AGE: `${AGE_S}s`,
      OPS_CHANNEL: 'terminal',
      WORKER_CONCURRENCY: '1',
      CLEANUP_DANGLING_IMAGES: 'false',
    },
    policy: 'admins: { users: ["terminal:alice"] }\nchannels: [{ channel: "terminal:*", commands: [all] }]\n',
  });
});
afterAll(() => t?.close());

/** Resolves once the command queue's job `id` has finished (completed or failed), as the queue's own events tell. */
async function finished(id: string): Promise<void> {
  const queue = t.main.commandQueue.queue;
  const connection = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
  const events = new QueueEvents(queue.name, { connection, prefix: t.config.queuePrefix });
  try {
    await events.waitUntilReady();
    const job = await queue.getJob(id);
    expect(job, `job #${id}`).toBeDefined();
    await job!.waitUntilFinished(events).catch(() => {}); // a failed job has finished too; the caller looks at how
  } finally {
    await events.close();
    connection.disconnect();
  }
}

/** A container as Stevedore labels it, made directly on the engine (a fixture). */
async function labelled(name: string, extra: Record<string, string> = {}, start = false) {
  const c = await t.docker.createContainer({
    Image: 'busybox:latest',
    Cmd: start ? ['sleep', '60'] : ['true'],
    name: `${t.config.deployment}-fixture-${name}`,
    Labels: {
      [LABEL.deployment]: t.config.deployment,
      [LABEL.owner]: 'terminal:alice',
      [LABEL.ownerName]: 'alice',
      [LABEL.name]: name,
      [LABEL.job]: `fixture-${name}`,
      ...extra,
    },
    HostConfig: { NetworkMode: 'none' },
  });
  await c.start();
  if (!start) await c.wait();
  return c;
}

describe('scheduled cleanup', () => {
  it('removes only old exited and expired labelled containers, reports them by owner, and a dry run changes nothing', async () => {
    const scheduler = await startStack(t.config, { roles: new Set(['scheduler']), log: testLog() });
    try {
      const old = await labelled('old-exited');
      const expired = await labelled('expired', { [LABEL.expires]: String(Date.now() - 1000) }, true);
      await t.alice.submit('volume create oldvol');
      await t.alice.submit('run -d --name keeper -v keptvol:/data busybox sleep 60');
      // Wait until the cleanup itself sees the old ones as old (it counts their age from their creation).
      await expect
        .poll(async () => (await t.alice.submit('cleanup --dry-run')).title, { timeout: (AGE_S + 20) * 1000, interval: 500 })
        .toMatch(/^Cleanup would remove 3 objects/);
      const fresh = await labelled('fresh-exited');
      const foreign = await t.docker.createContainer({
        Image: 'busybox:latest',
        Cmd: ['true'],
        name: `${t.config.deployment}-not-ours`,
        HostConfig: { NetworkMode: 'none' },
      });
      try {
        const dry = await t.alice.submit('cleanup --dry-run');
        expect(dry.title).toMatch(/Cleanup would remove 3 objects, .* \(dry run: nothing was removed\)/);
        expect(dry.code!.text).toMatch(/alice\s+volume\s+oldvol\s+unused for long enough/);
        expect(dry.code!.text).toMatch(/alice\s+container\s+old-exited/);
        expect(dry.code!.text).toMatch(/alice\s+container\s+expired\s+past its time to live/);
        expect((await t.containers()).map((c) => c.Labels[LABEL.name]).sort()).toEqual(['expired', 'fresh-exited', 'keeper', 'old-exited']);

        const result = await scheduler.cleanupNow!();
        expect(result.items.map((i) => i.name).sort()).toEqual(['expired', 'old-exited', 'oldvol']);
        expect((await t.containers()).map((c) => c.Labels[LABEL.name]).sort()).toEqual(['fresh-exited', 'keeper']);
        expect((await t.alice.submit('volume ls')).code!.text).toMatch(/keptvol/); // in use: kept
        expect((await foreign.inspect()).Id).toBeDefined(); // another tool's container is left alone
        await expect.poll(() => t.printed(), PRINTED).toMatch(/Cleanup removed 3 objects/);
        await t.alice.submit('rm -f keeper');
        void old;
        void expired;
        void fresh;
      } finally {
        await foreign.remove({ force: true });
      }
    } finally {
      await scheduler.close();
    }
  });

  it('keeps one schedule however many schedulers start', async () => {
    const one = await startStack(t.config, { roles: new Set(['scheduler']), log: testLog() });
    const two = await startStack(t.config, { roles: new Set(['scheduler']), log: testLog() });
    try {
      const { Queue } = await import('bullmq');
      const { Redis } = await import('ioredis');
      const connection = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
      const queue = new Queue('maintenance', { connection, prefix: t.config.queuePrefix });
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern]).sort()).toEqual([
        ['cleanup', '*/15 * * * *'],
        ['labs-summary', '0 9 * * 1'],
      ]);
      await queue.close();
      connection.disconnect();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('job control', () => {
  it('cancels a waiting job and a running one, and each message says by whom', async () => {
    const running = t.alice.submit(`run --rm busybox sh -c 'sleep 30; echo never'`);
    await expect.poll(async () => (await t.containers()).some((c) => c.State === 'running'), { timeout: 15_000 }).toBe(true);
    const waiting = await t.alice.send('run --rm busybox echo also-never');
    expect(waiting.kind).toBe('queued');
    const waitingId = waiting.kind === 'queued' ? waiting.queued.jobId : '';
    const waitingCancel = await t.alice.submit(`cancel ${waitingId}`);
    expect(waitingCancel.title).toBe(`Job #${waitingId} was cancelled before it started`);
    await expect.poll(() => t.printed(), PRINTED).toContain('Cancelled by alice before it started');

    const [active] = await t.main.commandQueue.queue.getActive();
    expect((await t.alice.submit(`cancel ${active!.id}`)).title).toBe(`Job #${active!.id} is being stopped`);
    const final = await running;
    expect(final.status).toBe('failed');
    expect(final.body).toMatch(/Cancelled by alice: the container was stopped/);
    // Stopped during its sleep: the echo after it never ran, and the container did not exit on its own.
    expect(final.code?.text ?? '').not.toContain('never');
    expect(final.exitCode).not.toBe(0);
    expect(await t.containers()).toEqual(expect.not.arrayContaining([expect.objectContaining({ State: 'running' })]));
  });

  it("refuses to cancel someone else's job", async () => {
    const answer = await t.alice.send('run --rm busybox echo mine');
    const id = answer.kind === 'queued' ? answer.queued.jobId : '';
    expect((await t.bob.submit(`cancel ${id}`)).title).toBe(`No job #${id} of yours is remembered.`);
  });

  it('lists your jobs, and retries a failed one as a new job', async () => {
    const failed = await t.alice.send(`run --rm busybox sh -c 'exit 3'`);
    const id = failed.kind === 'queued' ? failed.queued.jobId : '';
    await finished(id);
    expect((await t.main.jobs.job(id))?.state).toBe('completed');
    const list = await t.alice.submit('jobs');
    expect(list.code!.text).toMatch(new RegExp(`#${id}\\s+completed\\s+run --rm busybox sh -c`));
    const again = await t.alice.submit(`retry ${id}`);
    expect(again.title).toMatch(new RegExp(`^Queued as #\\d+ \\(position \\d+\\), a retry of #${id}$`));
  });
});

describe('health and metrics', () => {
  it('reports Redis and the engine on /healthz, and counts on /metrics', async () => {
    const server = await startHealthServer(t.main.healthChecks, 0, '127.0.0.1');
    try {
      const health = await fetch(`http://127.0.0.1:${server.address.port}/healthz`);
      expect(health.status).toBe(200);
      const body = await health.json();
      expect(body).toMatchObject({ status: 'ok', checks: { redis: { ok: true }, docker: { ok: true }, isolation: { ok: true } } });
      // Whether this engine remaps user namespaces, said as the engine reports it (a warning, never a 503).
      const remapped = ((await t.docker.info()) as { SecurityOptions?: string[] }).SecurityOptions?.some((o) => o.includes('name=userns'));
      expect(body.checks.isolation.detail).toMatch(remapped ? /user namespaces remapped/ : /does not remap user namespaces/);
      await t.alice.submit('run --rm busybox true');
      await t.alice.submit('run --privileged busybox');
      const metrics = await (await fetch(`http://127.0.0.1:${server.address.port}/metrics`)).text();
      expect(metrics).toMatch(/stevedore_commands_total\{command="run",verdict="queued"\} [1-9]/);
      expect(metrics).toMatch(/stevedore_commands_total\{command="run",verdict="refused"\} [1-9]/);
      expect(metrics).toMatch(/stevedore_container_outcomes_total\{outcome="exit_zero"\} [1-9]/);
      expect(metrics).toMatch(/stevedore_job_duration_seconds_count\{command="run"\} [1-9]/);
      expect(metrics).toMatch(/stevedore_queue_jobs\{state="waiting"\} \d+/);
    } finally {
      await server.close();
    }
  });
});
