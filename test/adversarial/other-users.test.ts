import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalAdapter } from '../../src/adapters/terminal/terminal-adapter.js';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/** Other users' containers: not listed, not touched, not even confirmed to exist. */
const POLICY = `
admins:
  users: ["terminal:carol"]
channels:
  - channel: "terminal:*"
    commands: [all]
`;

let t: TestStack;
let carol: TerminalAdapter;
let aliceId = '';
beforeAll(async () => {
  t = await startTestStack({ policy: POLICY });
  carol = await t.user('carol');
  const started = await t.alice.submit("run -d --name vault busybox sh -c 'sleep 300' --password=hunter2");
  expect(started.status, t.printed()).toBe('ok');
  const [c] = (await t.containers()).filter((x) => x.Labels['stevedore.name'] === 'vault');
  aliceId = c!.Id.slice(0, 12);
});
afterAll(() => t?.close());

describe("other users' containers", () => {
  it("leaves another user's containers and commands out of a non-admin's ps and ps -a", async () => {
    for (const line of ['ps', 'ps -a', 'ps -a --no-trunc']) {
      const reply = await t.bob.submit(line);
      const shown = JSON.stringify(reply);
      expect(shown, line).not.toMatch(/hunter2|vault|sleep 300|alice/);
      expect(shown, line).not.toContain(aliceId);
    }
  });

  it('shows the owner their own container and its command', async () => {
    const reply = await t.alice.submit('ps -a --no-trunc');
    expect(reply.code?.text).toMatch(/vault/);
    expect(reply.code?.text).toMatch(/sleep 300/);
  });

  it('shows admins every container with its command', async () => {
    const reply = await carol.submit('ps -a --no-trunc');
    expect(reply.code?.text).toContain(aliceId);
    expect(reply.code?.text).toMatch(/sleep 300/);
  });

  it("answers a command on another user's container exactly as on one that does not exist", async () => {
    const missing = 'fedcba987654';
    for (const verb of ['logs', 'inspect', 'stop', 'rm -f', 'exec', 'restart']) {
      const suffix = verb === 'exec' ? ' true' : '';
      const theirs = await t.bob.submit(`${verb} ${aliceId}${suffix}`);
      const none = await t.bob.submit(`${verb} ${missing}${suffix}`);
      expect(theirs.status, verb).toBe(none.status);
      expect(theirs.title.replace(aliceId, missing), verb).toBe(none.title);
      expect(theirs.body?.replace(aliceId, missing), verb).toBe(none.body);
      expect(JSON.stringify(theirs), verb).not.toMatch(/alice|belongs/);
    }
    // Still there and still running: nothing was done to it.
    const [c] = (await t.containers()).filter((x) => x.Id.startsWith(aliceId));
    expect(c?.State).toBe('running');
  });
});
