import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src/policy/labels.js';
import { engineEvents, startTestStack, type TestStack } from '../helpers/test-stack.js';

/** Images by digest: what runs is what the deployment pinned, whatever a tag or a typed digest says later. */
const repo = `sv-pin-${randomBytes(3).toString('hex')}`;
let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({
    policy: `channels: [{ channel: "terminal:*", commands: [all] }]\nimages: ["docker.io/library/busybox", "docker.io/library/${repo}"]\n`,
  });
  await t.docker.getImage('busybox:latest').tag({ repo, tag: '1' });
});
afterAll(async () => {
  const pins = await t?.docker.listImages({
    filters: { reference: [`${t.config.deployment}-pin/*/*/*`, `${t.config.deployment}-pin/*/*/*/*`] },
  });
  for (const image of pins ?? [])
    for (const tag of image.RepoTags ?? [])
      await t.docker
        .getImage(tag)
        .remove()
        .catch(() => {});
  for (const tag of [`${repo}:1`])
    await t?.docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => {});
  await t?.close();
});

describe('images by digest', () => {
  it('keeps running the pinned image after the tag moves (a pull of a changed tag)', async () => {
    expect((await t.alice.submit(`run ${repo}:1 true`)).exitCode, t.printed()).toBe(0);
    // The tag now points elsewhere: an image with /moved in it, as a user's pull of a changed tag would leave it.
    const c = await t.docker.createContainer({
      Image: 'busybox:latest',
      Cmd: ['touch', '/moved'],
      Labels: { [LABEL.deployment]: t.config.deployment },
    });
    await c.start();
    await c.wait();
    await c.commit({ repo, tag: '1' });
    await c.remove({ force: true });
    const reply = await t.bob.submit(`run ${repo}:1 ls /moved`);
    expect(reply.exitCode, t.printed()).not.toBe(0); // the pinned image has no /moved
    expect(reply.code?.text).toMatch(/No such file/);
    // ps still names the image as the user did.
    const ps = await t.bob.submit('ps -a');
    expect(ps.code?.text).toContain(`${repo}:1`);
  });

  it('runs the pinned digest, and refuses any other digest before pulling it', async () => {
    expect((await t.alice.submit('run busybox true')).exitCode, t.printed()).toBe(0);
    const info = await t.docker.getImage('busybox:latest').inspect();
    const digest = info.RepoDigests.map((d) => d.split('@')[1]).find(Boolean)!;
    expect((await t.alice.submit(`run busybox@${digest} true`)).exitCode, t.printed()).toBe(0);
    const events = await engineEvents(t.docker, t.config.deployment, async () => {
      const reply = await t.alice.submit(`run docker.io/library/busybox@sha256:${'a'.repeat(64)} true`);
      expect(reply.status).toBe('refused');
      expect(reply.title).toMatch(/is not the digest this deployment runs for that image; it is refused\./);
    });
    expect(events.filter((e) => e === 'create')).toEqual([]);
    const pulled = await t.docker.listImages({ filters: { reference: [`busybox@sha256:${'a'.repeat(64)}`] } });
    expect(pulled).toEqual([]);
  });
});
