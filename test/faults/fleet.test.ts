import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Reply } from '../../src/core/reply.js';
import { ownerId } from '../../src/core/request.js';
import { LABEL } from '../../src/policy/labels.js';
import { volumeNameFor } from '../../src/policy/volumes.js';
import { registry } from '../../src/health/metrics.js';
import { parseImageRef } from '../../src/core/image-ref.js';
import { pinRepo } from '../../src/sandbox/image-pins.js';
import type { Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, startPrintingStack } from '../helpers/test-stack.js';
import { OwnEngine } from './own-engine.js';
import { RegistryMirror } from './registry-mirror.js';

/**
 * Two real engines, each in a network namespace of its own whose only link goes to the project's registry (served
 * from a namespace of the test's own), served by one Stevedore process as a fleet: host a with one slot, host b
 * with two and the label gvisor. gVisor is not installed here: b's engine knows `runsc` as runc, so what is checked
 * is the runtime Stevedore asks b for.
 */
const mirror = new RegistryMirror(join(tmpdir(), `sv-fleet-mirror-${process.pid}`));
const engines = {
  a: new OwnEngine(join(tmpdir(), `sv-fleet-a-${process.pid}`), { mirror: { registry: mirror, name: 'a' } }),
  b: new OwnEngine(join(tmpdir(), `sv-fleet-b-${process.pid}`), { mirror: { registry: mirror, name: 'b' }, runtimes: { runsc: 'runc' } }),
};
type Host = keyof typeof engines;
const HOSTS: Host[] = ['a', 'b'];
const SLOTS: Record<Host, number> = { a: 1, b: 2 };
let stack: Stack;
let config: Config;
let printed: () => string = () => '';
const alice = { platform: 'terminal', userId: 'alice' } as const;

const submit = (text: string): Promise<Reply> => stack.terminal!.submit(text);

/** This deployment's containers on one engine, with the times the engine recorded for them. */
function containersOn(host: Host): { name: string; job: string; started: number; finished: number; running: boolean }[] {
  const ids = engines[host]
    .docker('ps', '-aq', '--filter', `label=${LABEL.deployment}=${config.deployment}`)
    .stdout.split('\n')
    .filter(Boolean);
  if (!ids.length) return [];
  const infos = JSON.parse(engines[host].docker('inspect', ...ids).stdout) as {
    Config: { Labels: Record<string, string> };
    State: { StartedAt: string; FinishedAt: string; Running: boolean };
  }[];
  return infos
    .filter((i) => i.Config.Labels[LABEL.name] !== 'volume-setup')
    .map((i) => ({
      name: i.Config.Labels[LABEL.name]!,
      job: i.Config.Labels[LABEL.job]!,
      started: Date.parse(i.State.StartedAt),
      finished: i.State.Running ? Infinity : Date.parse(i.State.FinishedAt),
      running: i.State.Running,
    }));
}

/** The most containers that ran at the same moment, from the engine's own start and finish times. */
function mostAtOnce(list: { started: number; finished: number }[]): number {
  const edges = list.flatMap((c) => [
    [c.started, 1],
    [c.finished, -1],
  ]);
  edges.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step!));
  return most;
}

const hostOf = (name: string): Host | undefined => HOSTS.find((h) => containersOn(h).some((c) => c.name === name));

/** The commands a host's own queue ran (pinned work). */
async function pinnedTexts(host: Host): Promise<string[]> {
  const jobs = await stack.commandQueue.pinned.get(host)!.getJobs(['completed', 'failed', 'active', 'waiting']);
  return jobs.map((j) => j.data.text);
}

/** The image ID and registry digests of an image on one engine; undefined when it has none of that name. */
function imageOn(host: Host, ref: string): { id: string; digests: string[] } | undefined {
  const inspected = engines[host].docker('image', 'inspect', '--format', '{{json .}}', ref);
  if (inspected.status !== 0) return undefined;
  const image = JSON.parse(inspected.stdout) as { Id: string; RepoDigests: string[] | null };
  return { id: image.Id, digests: image.RepoDigests ?? [] };
}

const busyboxPin = () => `${pinRepo(config.deployment, parseImageRef('busybox'))}:latest`;

beforeAll(async () => {
  await mirror.start();
  for (const h of HOSTS) await engines[h].start(); // no image: the first test pulls them
  config = loadConfig(
    isolatedEnv(
      {
        SANDBOX_HOSTS: `a=${engines.a.host}?slots=${SLOTS.a} b=${engines.b.host}?slots=${SLOTS.b}&labels=gvisor,big`,
        HOST_FAILURES: '2',
        HOST_COOLDOWN: '2s',
        HEALTH_INTERVAL: '300ms',
        ENGINE_WAIT: '60s',
        OPS_CHANNEL: 'terminal',
        CLEANUP_CRON: '0 0 1 1 *', // run by the test alone
        CLEANUP_EXITED_AGE: '1s',
      },
      'admins: { users: ["terminal:alice"] }\nchannels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { queuedJobs: 50, commandsPerMinute: 1000, runningContainers: 20 }\n',
    ),
  );
  ({ stack, printed } = await startPrintingStack(config));
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await cleanUp(config); // the Redis keys (the engines are destroyed below)
  // Each engine's volumes as Stevedore removes them: their loop devices and images on this host go too.
  for (const h of HOSTS) await cleanUp({ ...config, dockerHost: engines[h].host }).catch(() => {});
  for (const h of HOSTS) await engines[h].destroy();
  await mirror.destroy();
}, 120_000);

describe('a fleet of two engines', () => {
  it('pulls on every host through its own mirror, and an admin’s pull pins one digest on each', async () => {
    // Each engine's namespace has one route, its link to the mirror: a pull can come from nowhere else.
    for (const h of HOSTS) {
      const routes = engines[h].inNamespace('ip', '-o', 'route').stdout.trim().split('\n');
      expect(routes).toEqual([expect.stringMatching(new RegExp(`^${mirror.endpoint(h).network} dev mirror `))]);
      expect(imageOn(h, 'busybox:latest')).toBeUndefined();
    }
    const reply = await submit('pull busybox');
    expect(reply.status).toBe('ok');
    const digest = imageOn('a', 'busybox:latest')!.digests[0]!.split('@')[1]!;
    for (const h of HOSTS) {
      expect(reply.code!.text).toContain(`${h}: Digest: ${digest}`);
      const requests = mirror.requestsFrom(mirror.endpoint(h).engine);
      expect(requests).toContain('HEAD /v2/library/busybox/manifests/latest 200');
      expect(requests).toContainEqual(expect.stringMatching(/^GET \/v2\/library\/busybox\/blobs\/sha256:\w+ 200$/));
      // The admin's pull pinned what each host pulled: the same image, by the same registry digest.
      expect(imageOn(h, busyboxPin())).toEqual(imageOn('a', 'busybox:latest'));
      expect(imageOn(h, busyboxPin())!.digests).toContain(`busybox@${digest}`);
    }
  }, 120_000);

  it('spreads a burst over the hosts, never past a host’s slots', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => submit(`run --name burst-${i} busybox sh -c "sleep 1; echo burst-${i}"`)),
    );
    expect(replies.map((r) => r.code?.text.trim()).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `burst-${i}`));
    const on = {
      a: containersOn('a').filter((c) => c.name.startsWith('burst-')),
      b: containersOn('b').filter((c) => c.name.startsWith('burst-')),
    };
    expect(on.a.length + on.b.length).toBe(6);
    expect(on.a.length).toBeGreaterThan(0);
    expect(mostAtOnce(on.a)).toBe(1);
    expect(mostAtOnce(on.b)).toBe(2);
  }, 120_000);

  it('runs host b’s containers with runsc, as its label gvisor says, and shows each host’s labels on /healthz', async () => {
    const runtimes = (h: Host) => {
      const ids = engines[h].docker('ps', '-aq', '--filter', `label=${LABEL.deployment}=${config.deployment}`).stdout.split('\n');
      return engines[h]
        .docker('inspect', '--format', '{{.HostConfig.Runtime}}', ...ids.filter(Boolean))
        .stdout.trim()
        .split('\n');
    };
    expect(new Set(runtimes('a'))).toEqual(new Set(['runc']));
    expect(new Set(runtimes('b'))).toEqual(new Set(['runsc']));
    expect((await stack.healthChecks['host b']!()).detail).toMatch(/; labels gvisor, big$/);
    expect((await stack.healthChecks['host a']!()).detail).not.toContain('labels');
  }, 60_000);

  it('lists every host’s containers with a HOST column', async () => {
    const reply = await submit('ps -a');
    const rows = reply.code!.text.split('\n');
    expect(rows[0]).toMatch(/NAMES\s+OWNER\s+HOST$/);
    for (const h of HOSTS)
      for (const c of containersOn(h).filter((x) => x.name.startsWith('burst-')))
        expect(rows.find((r) => r.includes(` ${c.name} `))).toMatch(new RegExp(`\\s${h}$`));
  }, 60_000);

  it('sends a named container’s follow-ups to its host, from the record or, without one, from the engines', async () => {
    expect((await submit('run -d --name web busybox sleep 300')).status).toBe('ok');
    const host = hostOf('web')!;
    expect(host).toBeDefined();
    expect((await submit('exec web echo inside')).code!.text.trim()).toBe('inside');
    expect((await submit('logs web')).status).toBe('info');
    // The record gone (an older deployment, a flushed key): the engines say where web is.
    await stack.producer.del(`${config.queuePrefix}:placements:${ownerId(alice)}`);
    expect((await submit('stop -t 0 web')).status).toBe('ok');
    // A record naming a host taken out of SANDBOX_HOSTS is not followed: the engines are asked, the record mended.
    await stack.producer.hset(`${config.queuePrefix}:placements:${ownerId(alice)}`, 'container:web', 'retired');
    expect((await submit('start web')).status).toBe('ok');
    expect(await stack.producer.hget(`${config.queuePrefix}:placements:${ownerId(alice)}`, 'container:web')).toBe(host);
    expect((await submit('stop -t 0 web')).status).toBe('ok');
    expect((await submit('rm web')).status).toBe('ok');
    expect(await pinnedTexts(host)).toEqual(
      expect.arrayContaining(['exec web echo inside', 'logs web', 'stop -t 0 web', 'start web', 'rm web']),
    );
    const other = HOSTS.find((h) => h !== host)!;
    expect((await pinnedTexts(other)).filter((t) => t.includes('web'))).toEqual([]);
  }, 120_000);

  it('records a named container while it lives, and no automatic job name', async () => {
    const key = `${config.queuePrefix}:placements:${ownerId(alice)}`;
    const fields = async () => Object.keys(await stack.producer.hgetall(key));
    expect((await submit('run -d --name kept busybox sleep 300')).status).toBe('ok');
    expect(await stack.producer.hget(key, 'container:kept')).toBe(hostOf('kept'));
    expect((await submit('rm -f kept')).status).toBe('ok');
    expect(await fields()).not.toContain('container:kept');
    expect((await submit('run --rm --name gone busybox true')).status).toBe('ok');
    expect(await fields()).not.toContain('container:gone');
    expect((await submit('run busybox true')).status).toBe('ok');
    expect((await fields()).filter((f) => f.startsWith('container:job-'))).toEqual([]);
  }, 120_000);

  it('bounds pinned and shared work on a host by the same slots', async () => {
    expect((await submit('run -d --name box busybox sleep 300')).status).toBe('ok');
    const host = hostOf('box')!;
    // The other host out for a while (as its own cool-down would do): the shared runs below can only go to box's host.
    const other = HOSTS.find((h) => h !== host)!;
    const detail = async (h: Host) => (await stack.healthChecks[`host ${h}`]!()).detail ?? '';
    await stack.fleet!.states.takeOut(other, Date.now() + 120_000);
    await until(async () => (await detail(other)).startsWith('out for a cool-down'), 30_000, `host ${other} held out`);
    // Each command prints when it began and ended by the kernel's clock (/proc/uptime), the same for every container.
    const timed = `sh -c "a=$(cut -d' ' -f1 /proc/uptime); sleep 1; echo $a $(cut -d' ' -f1 /proc/uptime)"`;
    const [execs, runs] = await Promise.all([
      Promise.all([0, 1, 2].map(() => submit(`exec box ${timed}`))),
      Promise.all([0, 1, 2].map((i) => submit(`run --name mix-${i} busybox ${timed}`))),
    ]);
    const interval = (r: Reply) => {
      const [started, finished] = r.code!.text.trim().split(' ').map(Number);
      return { started: started!, finished: finished! };
    };
    expect(execs.every((r) => r.status === 'ok')).toBe(true);
    expect([0, 1, 2].map((i) => hostOf(`mix-${i}`))).toEqual([host, host, host]);
    expect(mostAtOnce([...execs, ...runs].map(interval))).toBeLessThanOrEqual(SLOTS[host]);
    await stack.fleet!.states.bringBack(other);
    await until(async () => !(await detail(other)).startsWith('out for a cool-down'), 30_000, `host ${other} back`);
    expect((await submit('rm -f box')).status).toBe('ok');
  }, 120_000);

  it('runs a volume’s next containers on the volume’s host, and refuses volumes on two hosts', async () => {
    expect((await submit('run --rm -v data:/data busybox sh -c "echo kept > /data/f"')).status).toBe('ok');
    for (let i = 0; i < 3; i++) expect((await submit('run --rm -v data:/data busybox cat /data/f')).code!.text.trim()).toBe('kept');
    // A volume of alice's made on the other engine behind Stevedore's back (no record): found there by asking.
    const [dataHost] = (await submit('volume ls'))
      .code!.text.split('\n')
      .filter((r) => /^data\s/.test(r))
      .map((r) => r.trim().split(/\s+/).at(-1));
    const other = HOSTS.find((h) => h !== dataHost)!;
    const labels = { [LABEL.deployment]: config.deployment, [LABEL.owner]: ownerId(alice), [LABEL.name]: 'elsewhere' };
    const created = engines[other].docker(
      'volume',
      'create',
      ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      volumeNameFor(config.deployment, alice, 'elsewhere'),
    );
    expect(created.status).toBe(0);
    const refused = await submit('run --rm -v data:/data -v elsewhere:/e busybox true');
    expect(refused.status).toBe('error');
    expect(refused.title).toContain('lives on different sandbox hosts');
    expect(refused.title).toContain(`volume data → ${dataHost}`);
    expect(refused.title).toContain(`volume elsewhere → ${other}`);
    // Other commands naming things on two hosts are told to split per host, and change nothing.
    const split = await submit('volume rm data elsewhere');
    expect(split.status).toBe('error');
    expect(split.title).toMatch(/^What this command names lives on different sandbox hosts \(.*\); nothing was done\.$/);
    expect(engines[other].docker('volume', 'inspect', volumeNameFor(config.deployment, alice, 'elsewhere')).status).toBe(0);
    // A failed run of the volume, retried: the retry goes to the volume's host as the first run did.
    const text = 'run --rm -v data:/data busybox sh -c "cat /data/f; exit 3"';
    expect((await submit(text)).exitCode).toBe(3);
    const [failed] = await stack.jobs.jobs({ owner: ownerId(alice), limit: 1 });
    expect(failed!.text).toBe(text);
    expect((await submit(`retry ${failed!.id}`)).title).toMatch(/^Queued as #[a-z]+-\d+/);
    const ran = async () =>
      (await stack.commandQueue.pinned.get(dataHost as Host)!.getJobs(['completed'])).filter((j) => j.data.text === text);
    await expect.poll(async () => (await ran()).length, { timeout: 60_000 }).toBe(2);
  }, 120_000);

  it('makes a new volume on one host when two first uses are taken by two hosts at once, and refuses the other', async () => {
    // Queued for each host's own worker, as two first uses taken by the two hosts at the same moment would be.
    const job = (host: Host) => ({
      text: 'run --rm -v fresh:/d busybox sh -c "echo made > /d/f"',
      who: { ...alice, channelId: 'terminal' },
      replyTo: { route: 'terminal', channelId: 'terminal' },
      host,
    });
    const ids = await Promise.all(HOSTS.map(async (h) => (await stack.commandQueue.enqueue(job(h))).jobId));
    const ended = async () => {
      const jobs = await Promise.all(ids.map((id) => stack.commandQueue.queueOf(id).getJob(id)));
      const states = await Promise.all(jobs.map((j) => j!.getState()));
      return states.every((s) => s === 'completed' || s === 'failed') ? jobs : undefined;
    };
    await until(async () => !!(await ended()), 60_000, 'both first uses to end');
    const jobs = (await ended())!;
    const made = HOSTS.filter((h) => engines[h].docker('volume', 'inspect', volumeNameFor(config.deployment, alice, 'fresh')).status === 0);
    expect(made).toHaveLength(1);
    const refused = jobs.filter((j) => j!.failedReason);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.failedReason).toBe(
      `The volume fresh is already on sandbox host ${made[0]} (another command made it there a moment ago); this command was not run.`,
    );
    expect(await stack.producer.hget(`${config.queuePrefix}:placements:${ownerId(alice)}`, 'volume:fresh')).toBe(made[0]);
  }, 120_000);

  it('runs a tag on a host that has not pinned it by the digest another host pinned', async () => {
    // On b: no pin any more, and busybox:latest moved to an image of b's own (a commit with a marker file).
    const pinned = imageOn('a', busyboxPin())!;
    expect(engines.b.docker('rmi', busyboxPin()).status).toBe(0);
    expect(engines.b.docker('run', '--name', 'marker', '--network', 'none', '--user', '0', 'busybox', 'touch', '/moved').status).toBe(0);
    expect(engines.b.docker('commit', 'marker', 'busybox:latest').status).toBe(0);
    engines.b.docker('rm', 'marker');
    expect(imageOn('b', 'busybox:latest')!.id).not.toBe(pinned.id);
    // A volume of alice's on b (made behind Stevedore's back) sends the run there.
    const labels = { [LABEL.deployment]: config.deployment, [LABEL.owner]: ownerId(alice), [LABEL.name]: 'on-b' };
    const volume = volumeNameFor(config.deployment, alice, 'on-b');
    const made = engines.b.docker('volume', 'create', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), volume);
    expect(made.status).toBe(0);
    const reply = await submit('run --rm -v on-b:/v busybox sh -c "test -e /moved && echo moved || echo pinned"');
    expect(reply.code!.text.trim()).toBe('pinned');
    expect(imageOn('b', busyboxPin())!.id).toBe(pinned.id);
    expect(imageOn('b', 'busybox:latest')!.id).toBe(pinned.id);
  }, 120_000);

  it('ends the jobs of a host that dies mid-run with the reason, runs none twice, and sends new work to the other', async () => {
    const texts = Array.from({ length: 5 }, (_, i) => `run --name slow-${i} busybox sh -c "sleep 3; echo slow-${i}"`);
    const pending = texts.map((t) => submit(t));
    await until(() => containersOn('a').some((c) => c.name.startsWith('slow-') && c.running), 60_000, 'a job running on host a');
    const onA = containersOn('a').find((c) => c.name.startsWith('slow-') && c.running)!.name;
    await engines.a.kill();
    const replies = await Promise.all(pending);
    // One final reply each: the one caught on a ends with the reason; none ran twice.
    const lost = replies.filter((r) => r.status === 'error');
    expect(lost.length).toBeGreaterThan(0);
    for (const r of lost) expect(r.title).toMatch(/Sandbox host a stopped answering while this command ran on it/);
    const done = replies.filter((r) => r.status === 'ok').map((r) => r.code!.text.trim());
    expect(new Set(done).size).toBe(done.length);
    expect(done.length + lost.length).toBe(5);
    expect(done).not.toContain(onA);
    const onB = containersOn('b').filter((c) => c.name.startsWith('slow-'));
    expect(new Set(onB.map((c) => c.name)).size).toBe(onB.length);
    await until(() => printed().includes('Sandbox host a taken out for 2 s'), 30_000, 'the ops channel to hear host a is out');
    // /healthz and /metrics show each host; the check fails only when every host this process serves is out (a
    // restart would not bring one host back, and would stop the other's work).
    expect(await stack.healthChecks['host a']!()).toEqual({
      ok: true,
      detail: expect.stringMatching(/^out for a cool-down; 0\/1 slots in use, \d+ failed calls, 1 cool-downs$/),
    });
    expect((await stack.healthChecks['host b']!()).ok).toBe(true);
    const metrics = await registry.metrics();
    expect(metrics).toContain('stevedore_host_out{host="a"} 1');
    expect(metrics).toContain('stevedore_host_cooldowns_total{host="a"} 1');
    expect(metrics).toContain('stevedore_host_slots{host="b",kind="total"} 2');
    // New work while a is out goes to b; work on what a holds is refused with the reason.
    const after = await Promise.all([0, 1, 2].map((i) => submit(`run --name after-${i} busybox echo after-${i}`)));
    expect(after.map((r) => r.code?.text.trim()).sort()).toEqual(['after-0', 'after-1', 'after-2']);
    expect(containersOn('b').filter((c) => c.name.startsWith('after-'))).toHaveLength(3);
    // Lists and pulls say which host they did not ask, and why; other replies do not.
    expect(after.some((r) => r.body?.includes('was not asked'))).toBe(false);
    const listed = await submit('ps -a');
    expect(listed.body).toMatch(/^Sandbox host a was not asked: it is out for a cool-down \(about \d+ s more\)\.$/m);
    expect(listed.code!.text).not.toMatch(/\sa$/m);
    for (const list of ['images', 'volume ls']) expect((await submit(list)).body).toMatch(/^Sandbox host a was not asked/m);
    // A name not found while a host was not asked may be there: the reply says so.
    const missing = await submit('logs nowhere');
    expect(missing.status).toBe('error');
    expect(missing.body).toMatch(/^Sandbox host a was not asked: it is out for a cool-down/m);
    const pulled = await submit('pull busybox');
    expect(pulled.status).toBe('ok');
    expect(pulled.code!.text).toMatch(/^b: /m);
    expect(pulled.code!.text).not.toMatch(/^a: /m);
    expect(pulled.body).toMatch(/Sandbox host a was not asked/);
    const pinned = await submit(`logs ${onA}`);
    expect(pinned.status).toBe('error');
    expect(pinned.title).toMatch(/Sandbox host a, where this lives, is not answering and is out for a cool-down/);
  }, 180_000);

  it('takes work again on the host once it is back', async () => {
    await engines.a.start();
    await until(() => printed().includes('Sandbox host a is back'), 60_000, 'the ops channel to hear host a is back');
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => submit(`run --name again-${i} busybox sh -c "sleep 1; echo again-${i}"`)),
    );
    expect(replies.every((r) => r.status === 'ok')).toBe(true);
    expect(containersOn('a').filter((c) => c.name.startsWith('again-')).length).toBeGreaterThan(0);
    expect((await stack.healthChecks['host a']!()).ok).toBe(true);
  }, 180_000);

  it('cleans up on every host', async () => {
    const exited = (h: Host) => containersOn(h).filter((c) => !c.running);
    const before = { a: exited('a').length, b: exited('b').length };
    expect(before.a).toBeGreaterThan(0);
    expect(before.b).toBeGreaterThan(0);
    const result = await stack.cleanupNow!();
    expect(result.items.filter((i) => i.kind === 'container')).toHaveLength(before.a + before.b);
    expect(exited('a')).toEqual([]);
    expect(exited('b')).toEqual([]);
  }, 120_000);
});
