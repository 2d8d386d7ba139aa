import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_POLICY, localFile, right, typed, wrong } from '../helpers/lab-walk.js';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/**
 * Labs 5–7 walked from start to finish through the terminal adapter on the real engine, under the default quota of
 * running containers: each step first done wrong (the check names what differs), then as the notes teach it.
 */
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ policy: LAB_POLICY });
});
afterAll(() => t?.close());

describe('labs 5–7, from start to finish', () => {
  it('lab 5: a web server in a container, its page in a volume, a reset from the image', async () => {
    expect((await typed(t.alice, 'learn 5')).title).toBe('Lab 5 · A web server in a container: step 1 of 4');
    await wrong(t.alice, ['run -d --name sites -v site:/www web'], /no container named site; the one you just made is named sites/);
    await right(t.alice, ['rm -f sites', 'run -d --name site -v site:/www web'], /step 2 of 4$/);
    const page = localFile(t, 'index.html', '<h1>our team</h1>\n');
    // The volume was filled from the image: index.html is there, but it is not the learner's page.
    await wrong(
      t.alice,
      [`cp ${page} site:/www/index.htm`],
      /\/www\/index\.html in site does not hold "our team"; it holds: <!doctype html>/,
    );
    await right(t.alice, [`cp ${page} site:/www/index.html`], /step 3 of 4$/);
    await wrong(t.alice, ['curl site /index.htm'], /You typed "curl site \/index\.htm"; the step asks for \/index\.html\./);
    const served = await typed(t.alice, 'curl site /index.html');
    expect(served.code?.text).toContain('<h1>our team</h1>');
    await right(t.alice, [], /step 4 of 4$/);
    await wrong(t.alice, ['restart site'], /Your container site is the old one: it was made before this step began\./);
    const done = await right(
      t.alice,
      ['rm -f site', 'run -d --name site -v site:/www web'],
      /^alice finished lab 5: A web server in a container$/,
    );
    expect(done.body).toMatch(/Your page outlived its server/);
  });

  it('lab 6: isolation of processes, network and file system', async () => {
    expect((await typed(t.alice, 'learn 6')).title).toBe('Lab 6 · Isolation: what a container can and cannot see: step 1 of 5');
    await wrong(
      t.alice,
      [`run -d --name iso busybox sh -c 'echo mine > /tmp/mine.text && sleep 600'`],
      /There is no file \/tmp\/mine\.txt in iso\.\n\/tmp holds: mine\.text/,
    );
    await right(t.alice, ['rm -f iso', `run -d --name iso busybox sh -c 'echo mine > /tmp/mine.txt && sleep 600'`], /step 2 of 5$/);
    await wrong(t.alice, ['exec iso pss'], /You typed "exec iso pss"; the step asks for ps\./);
    const processes = await typed(t.alice, 'exec iso ps');
    // Its own processes only: the engine's init as PID 1 (with the command it started), the sleep, and ps.
    const rows = processes.code!.text.trim().split('\n').slice(1);
    expect(rows[0]).toMatch(/^\s*1\s+\S+\s+\/sbin\/docker-init -- sh -c echo mine/);
    expect(rows.slice(1).map((r) => r.replace(/^\s*\d+\s+\S+\s+/, ''))).toEqual(['sleep 600', 'ps']);
    await right(t.alice, [], /step 3 of 5$/);
    await wrong(t.alice, ['exec iso cat /proc/net/route'], /the step asks for \/proc\/net\/dev\./);
    const network = await typed(t.alice, 'exec iso cat /proc/net/dev');
    expect(network.code!.text).toMatch(/^\s*lo:/m);
    expect(network.code!.text).not.toMatch(/eth0/);
    await right(t.alice, [], /step 4 of 5$/);
    await wrong(t.alice, ['exec iso cat /tmp/mine.txt'], /^You have no container named peek\.$/);
    await right(t.alice, ['run --name peek busybox cat /tmp/mine.txt'], /step 5 of 5$/);
    await wrong(t.alice, ['rm iso peek'], /Your container iso is still there/);
    const done = await right(t.alice, ['rm -f iso peek'], /^alice finished lab 6: Isolation/);
    expect(done.body).toMatch(/its own network \(here only loopback; on a default Docker network, its own IP\)/);
  });

  it('lab 7: scaling, two servers from one image within the quota of running containers', async () => {
    expect((await typed(t.alice, 'learn 7')).title).toBe('Lab 7 · Scaling: several containers from one image: step 1 of 5');
    await wrong(
      t.alice,
      ['run -d --name web1 busybox sleep 600'],
      /Your container web1 runs the image busybox(:latest)?, not stevedore\/web:latest\./,
    );
    await right(t.alice, ['rm -f web1', 'run -d --name web1 web'], /step 2 of 5$/);
    // site (lab 5), web1 and web-2 fill the default quota of three: web2 is refused, and the check names web-2.
    await typed(t.alice, 'run -d --name web-2 web');
    const refused = await typed(t.alice, 'run -d --name web2 web');
    expect(refused.title).toBe('You have 3 containers running in the background; the limit is 3.');
    await wrong(t.alice, [], /no container named web2; the one you just made is named web-2/);
    await right(t.alice, ['rm -f web-2', 'run -d --name web2 web'], /step 3 of 5$/);
    await wrong(t.alice, ['curl web1 /'], /You typed "curl web1 \/"; the step asks for web2\./);
    await right(t.alice, ['curl web2 /'], /step 4 of 5$/);
    await wrong(t.alice, ['explain image'], /You typed "explain image"; the step asks for scaling\./);
    await right(t.alice, ['explain scaling'], /step 5 of 5$/);
    await wrong(t.alice, ['rm -f web1'], /Your container web2 is still there/);
    const done = await right(t.alice, ['rm -f web2'], /^alice finished lab 7: Scaling/);
    expect(done.fields![0]!.value).toBe('That was the last lab.');
    const table = await typed(t.alice, 'learn progress');
    expect(table.code!.text.split('\n').map((r) => r.split(/\s{3,}/))).toContainEqual(['alice', '-', '-', '-', '-', '✔', '✔', '✔']);
  });
});
