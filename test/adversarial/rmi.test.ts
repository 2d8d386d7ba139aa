import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalAdapter } from '../../src/adapters/terminal/terminal-adapter.js';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/** Removing images: for admins, and never the images the deployment's aliases run. */
const POLICY = `
admins:
  users: ["terminal:carol"]
channels:
  - channel: "terminal:*"
    commands: [all]
`;

let t: TestStack;
let carol: TerminalAdapter;
const victim = `sv-rmi-${randomBytes(3).toString('hex')}`;
beforeAll(async () => {
  t = await startTestStack({ policy: POLICY });
  carol = await t.user('carol');
  // An image the deployment depends on, under a name of this test's own (so nothing shared is at risk).
  await t.docker.getImage('busybox:latest').tag({ repo: victim, tag: 'keep' });
  await t.docker.getImage('busybox:latest').tag({ repo: victim, tag: 'drop' });
});
afterAll(async () => {
  for (const tag of ['keep', 'drop'])
    await t?.docker
      .getImage(`${victim}:${tag}`)
      .remove()
      .catch(() => {});
  await t?.close();
});

const tagged = async (ref: string) => (await t.docker.listImages({ filters: { reference: [ref] } })).length > 0;

describe('rmi', () => {
  it("answers a non-admin's rmi with what Docker would have done, and removes nothing", async () => {
    const reply = await t.alice.submit(`rmi ${victim}:keep`);
    expect(reply.status).toBe('refused');
    expect(reply.title).toBe(
      `docker rmi ${victim}:keep would untag ${victim}:keep and delete its layers from the sandbox host, for everyone who runs it. That is not done here: removing images is for admins.`,
    );
    expect(reply.body).toMatch(/Ask an admin/);
    expect(await tagged(`${victim}:keep`)).toBe(true);
    const forced = await t.bob.submit(`image rm -f ${victim}:keep`);
    expect(forced.status).toBe('refused');
    expect(await tagged(`${victim}:keep`)).toBe(true);
  });

  it("never removes an alias's image, by alias, by name, by ID or forced, even for an admin", async () => {
    const id = (await t.docker.getImage('busybox:latest').inspect()).Id.replace(/^sha256:/, '').slice(0, 12);
    for (const line of ['rmi busybox', 'rmi -f busybox:latest', 'rmi docker.io/library/busybox', `rmi -f ${id}`, 'rmi whalesay']) {
      const reply = await carol.submit(line);
      expect(reply.status, line).toBe('refused');
      expect(reply.title, line).toMatch(/is the image of the sandbox alias "(busybox|whalesay)"; it is never removed here\./);
    }
    // Several at once: checked before any is removed.
    const mixed = await carol.submit(`rmi ${victim}:drop busybox`);
    expect(mixed.status).toBe('refused');
    expect(await tagged(`${victim}:drop`)).toBe(true);
    expect(await tagged('busybox:latest')).toBe(true);
  });

  it('lets an admin remove an image no alias uses', async () => {
    const reply = await carol.submit(`rmi ${victim}:drop`);
    expect(reply.status, reply.title).toBe('ok');
    expect(reply.code?.text).toContain(`Untagged: ${victim}:drop`);
    expect(await tagged(`${victim}:drop`)).toBe(false);
  });
});
