import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineEvents, startTestStack, type TestStack } from '../helpers/test-stack.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({
    env: { RUN_TIMEOUT: '3s', OUTPUT_LIMIT: '4k' },
    policy:
      'images: [docker.io/stevedore-test/*]\nchannels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { commandsPerMinute: 1000 }\n', // nobody is admin
  });
});
afterAll(() => t?.close());

describe('/docker run whalesay boo, through queue and worker on the real engine', () => {
  it('brings the whale back', async () => {
    const reply = await t.alice.submit('/docker run whalesay boo');
    expect(reply.status).toBe('ok');
    expect(reply.exitCode).toBe(0);
    expect(reply.code?.text).toContain('< boo >');
    expect(reply.code?.text).toContain('\\______ o          __/');
    expect(t.printed()).toMatch(/⏳ Queued #\d+ \(position \d+\)\n▶ Running #\d+/);
    // The reply is delivered from inside the job, just before BullMQ marks it completed.
    await expect
      .poll(async () => (await t.main.commandQueue.queue.getJobs(['completed'])).map((j) => j.data.text))
      .toContain('/docker run whalesay boo');
  });

  it('runs the container with the sandbox settings, as the engine reports them', async () => {
    await t.alice.submit('run --name sandboxed busybox true');
    const [info] = await t.containers().then((list) => list.filter((c) => c.Labels['stevedore.name'] === 'sandboxed'));
    const inspected = await t.docker.getContainer(info!.Id).inspect();
    expect(inspected.HostConfig).toMatchObject({
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      Init: true,
      PidsLimit: 64,
    });
    expect(inspected.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(inspected.HostConfig.SecurityOpt!.some((o: string) => o.startsWith('seccomp='))).toBe(true); // the default profile less io_uring
    expect(inspected.HostConfig.Memory).toBe(inspected.HostConfig.MemorySwap);
    expect(inspected.Config.User).toBe('1000:1000');
    expect(inspected.Config.Labels).toMatchObject({ 'stevedore.owner': 'terminal:alice' });
  });

  it('lists an exited container with its owner in ps -a, and only running ones in ps', async () => {
    await t.alice.submit('run --name hello busybox echo hi');
    const all = await t.alice.submit('ps -a');
    const line = all.code!.text.split('\n').find((l) => l.includes('hello'));
    expect(line).toMatch(/Exited \(0\)/);
    expect(line).toMatch(/alice$/);
    const running = await t.alice.submit('ps');
    expect(running.code!.text).not.toContain('hello');
  });

  it("refuses rm of another user's container and leaves it in place", async () => {
    const [hello] = (await t.containers()).filter((c) => c.Labels['stevedore.name'] === 'hello');
    // Someone else's container answers exactly as one that does not exist: nothing about it is given away.
    const byId = await t.bob.submit(`rm -f ${hello!.Id.slice(0, 12)}`);
    const none = await t.bob.submit('rm -f 0123456789ab');
    expect(byId.status).toBe(none.status);
    expect(byId.title.replace(hello!.Id.slice(0, 12), 'ID')).toBe(none.title.replace('0123456789ab', 'ID'));
    const byName = await t.bob.submit('rm hello');
    expect(byName.title).toMatch(/No container of yours is named/);
    expect((await t.containers()).some((c) => c.Id === hello!.Id)).toBe(true);
    const own = await t.alice.submit('rm hello');
    expect(own.status).toBe('ok');
    expect((await t.containers()).some((c) => c.Id === hello!.Id)).toBe(false);
  });

  it('kills a container that outlives its timeout and says so', async () => {
    const reply = await t.alice.submit('run --rm busybox sleep 60');
    expect(reply.status).toBe('failed');
    expect(reply.body).toMatch(/Killed after 3\.00 s/);
    expect(reply.outcome?.timedOut).toBe(true);
  });

  it('cuts endless output at the cap, marks it, and stops the container', async () => {
    const reply = await t.alice.submit('run --rm busybox yes');
    expect(reply.code?.truncated).toBe(true);
    expect(Buffer.byteLength(reply.code!.text)).toBeLessThanOrEqual(4096);
    expect(reply.code!.text.startsWith('y\ny\n')).toBe(true);
    expect(reply.body).toMatch(/Output cut at 4KiB/);
    expect(reply.outcome?.timedOut).toBe(false); // stopped by the cap, not by the 3 s timeout
  });

  it('keeps shell syntax in arguments as plain text', async () => {
    const reply = await t.alice.submit(`run --rm busybox echo '$(id)' ; '&&' "\\$HOME"`);
    expect(reply.code!.text.trim()).toBe('$(id) ; && $HOME');
  });

  it('reports a non-zero exit code as a failure', async () => {
    const reply = await t.alice.submit(`run --rm busybox sh -c 'echo out; echo err >&2; exit 3'`);
    expect(reply).toMatchObject({ status: 'failed', exitCode: 3 });
    // stdout and stderr are two pipes: the engine keeps each in order, not their interleaving (nor does docker run).
    expect(reply.code!.text.split('\n').sort()).toEqual(['', 'err', 'out']);
  });

  it('lets a refused flag reach no Docker call and queues nothing', async () => {
    const before = await t.main.commandQueue.queue.getJobCountByTypes('waiting', 'active', 'completed', 'failed');
    const events = await engineEvents(t.docker, t.config.deployment, async () => {
      const reply = await t.alice.submit('run --privileged -v /:/host busybox cat /host/etc/shadow');
      expect(reply.status).toBe('refused');
      expect(reply.title).toMatch(/^--privileged is refused/);
    });
    expect(events).toEqual([]);
    expect(await t.main.commandQueue.queue.getJobCountByTypes('waiting', 'active', 'completed', 'failed')).toBe(before);
  });

  it('pulls through the local registry after rmi, by the real image name', async () => {
    // Removed behind Stevedore's back (its own rmi never removes an alias's image), with every tag and pin.
    const { Id } = await t.docker.getImage('docker/whalesay:latest').inspect();
    await t.docker.getImage(Id).remove({ force: true });
    expect(await t.main.sandbox!.hasImage('docker/whalesay:latest')).toBe(false);
    const reply = await t.alice.submit('run --rm whalesay back again');
    expect(reply.code!.text).toContain('< back again >');
    expect(t.printed()).toContain('⬇ Pulling');
    const registryDigest = execFileSync(
      'curl',
      [
        '-sfI',
        '-H',
        'Accept: application/vnd.docker.distribution.manifest.v2+json',
        'http://127.0.0.1:5000/v2/docker/whalesay/manifests/latest',
      ],
      { encoding: 'utf8' },
    );
    const digest = /docker-content-digest: (\S+)/i.exec(registryDigest)![1];
    const image = await t.docker.getImage('docker/whalesay:latest').inspect();
    expect(image.RepoDigests).toContain(`docker/whalesay@${digest}`);
  });

  it('answers a missing image with a clear message, without retrying', async () => {
    const reply = await t.alice.submit('pull stevedore-test/does-not-exist:1');
    expect(reply.status).toBe('error');
    expect(reply.title).toMatch(/stevedore-test\/does-not-exist:1 (was not found|is not available)/);
    // The reply comes before BullMQ moves the job to failed: wait for that, then count the tries.
    await expect
      .poll(
        async () => (await t.main.commandQueue.queue.getJobs(['failed'])).find((j) => j.data.text.includes('does-not-exist'))?.attemptsMade,
      )
      .toBe(1);
  });
});
