import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../src/core/messages/index.js';
import type { Requester } from '../../src/core/request.js';
import { checkOne, type CheckEnv, type CheckResult } from '../../src/labs/checks.js';
import type { Check } from '../../src/labs/types.js';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/**
 * Each kind of check against the real engine: a near miss (wrong name, wrong tag, file in the wrong path, wrong
 * page, wrong image asked for) is rejected with what differs, and the real thing is accepted.
 */
let t: TestStack;
let since: number;
const alice: Requester = { platform: 'terminal', userId: 'alice', userName: 'alice', channelId: 'terminal', admin: false };

beforeAll(async () => {
  t = await startTestStack({
    policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nimages: ["busybox:near"]\nquotas: { commandsPerMinute: 1000 }\n',
  });
  await t.docker.getImage('busybox:latest').tag({ repo: 'busybox', tag: 'near' });
  since = Date.now();
}, 60_000);
afterAll(async () => {
  await t?.close();
  await t?.docker
    .getImage('busybox:near')
    .remove()
    .catch(() => {});
});

const env = (): CheckEnv => ({
  sandbox: t.main.sandbox!,
  audit: t.main.audit,
  registry: t.main.registry,
  settings: t.config,
  who: alice,
  jobId: 'check-test',
  since,
});
const check = (c: Check) => checkOne(c, env());
const said = (result: CheckResult) => (result.ok ? 'ok' : result.why.map((m) => say(m, 'en')).join('\n'));

describe('container checks', () => {
  beforeAll(async () => {
    await t.alice.submit('run --name greeter busybox echo hi');
    await t.alice.submit('run --name old busybox:near echo hi');
    await t.alice.submit("run --name failing busybox sh -c 'exit 3'");
    await t.alice.submit('run --name labelled --label team=ops busybox true');
  }, 60_000);

  it('reject a wrong name, and say which one was made', async () => {
    expect(said(await check({ kind: 'container', name: 'greeting' }))).toBe(
      'You have no container named greeting; the one you just made is named labelled: --name sets the name.',
    );
    expect(await check({ kind: 'container', name: 'greeter' })).toEqual({ ok: true });
  });

  it('reject a wrong tag of the right repository, and a wrong image', async () => {
    expect(said(await check({ kind: 'container', name: 'old', image: 'busybox' }))).toBe(
      'Your container old runs the tag near, not latest.',
    );
    expect(said(await check({ kind: 'container', name: 'greeter', image: 'docker/whalesay' }))).toMatch(
      /^Your container greeter runs the image busybox(:latest)?, not docker\/whalesay:latest\.$/,
    );
    expect(await check({ kind: 'container', name: 'old', image: 'busybox:near' })).toEqual({ ok: true });
    expect(await check({ kind: 'container', name: 'greeter', image: 'docker.io/library/busybox:latest' })).toEqual({ ok: true });
  });

  it('reject a wrong exit code, output or label, and explain the code', async () => {
    expect(said(await check({ kind: 'container', name: 'failing', exitCode: 0 }))).toBe(
      'Your container failing exited with 3, not 0.\nThe command reported an error.',
    );
    expect(await check({ kind: 'container', name: 'failing', exitCode: 3 })).toEqual({ ok: true });
    expect(said(await check({ kind: 'container', name: 'greeter', output: 'bye' }))).toBe(
      'The output of greeter does not hold "bye"; it ended with: hi',
    );
    expect(await check({ kind: 'container', name: 'greeter', output: 'hi', exitCode: 0 })).toEqual({ ok: true });
    expect(said(await check({ kind: 'container', name: 'labelled', label: { key: 'team', value: 'dev' } }))).toBe(
      'Your container labelled has the label team=ops, not team=dev.',
    );
    expect(await check({ kind: 'container', name: 'labelled', label: { key: 'team', value: 'ops' } })).toEqual({ ok: true });
    expect(said(await check({ kind: 'container', name: 'greeter', running: true }))).toMatch(
      /^Your container greeter is not running: it exited with 0\./,
    );
  });

  it('see that a container is gone, or still there; and bob’s containers are not alice’s', async () => {
    expect(said(await check({ kind: 'gone', name: 'greeter' }))).toMatch(/^Your container greeter is still there \(Exited \(0\)/);
    expect(await check({ kind: 'gone', name: 'nothing' })).toEqual({ ok: true });
    await t.bob.submit('run --name bobs busybox true');
    expect(said(await check({ kind: 'container', name: 'bobs' }))).toBe(
      'You have no container named bobs; the one you just made is named labelled: --name sets the name.',
    );
  });
});

describe('file, volume and HTTP checks', () => {
  beforeAll(async () => {
    await t.alice.submit('run -d --name site -v pages:/www web');
    const page = join(tmpdir(), `${t.config.deployment}-index.html`);
    writeFileSync(page, '<h1>ours</h1>\n');
    await t.alice.submit(`cp ${page} site:/www/index.html`);
  }, 60_000);

  it('reject a file in the wrong path, naming what is there, and wrong content', async () => {
    expect(said(await check({ kind: 'file', container: 'site', path: '/www/home.html' }))).toBe(
      'There is no file /www/home.html in site.\n/www holds: index.html',
    );
    expect(said(await check({ kind: 'file', container: 'site', path: '/www' }))).toBe('/www in site is a directory, not a file.');
    expect(said(await check({ kind: 'file', container: 'site', path: '/www/index.html', content: 'theirs' }))).toBe(
      '/www/index.html in site does not hold "theirs"; it holds: <h1>ours</h1>',
    );
    expect(await check({ kind: 'file', container: 'site', path: '/www/index.html', content: '<h1>ours</h1>' })).toEqual({ ok: true });
  });

  it('read a volume through a probe of its own: wrong path rejected, the real file accepted', async () => {
    expect(said(await check({ kind: 'file', volume: 'pages', path: '/www/index.html' }))).toBe(
      'There is no file /www/index.html in pages.\n/www holds: (nothing)',
    );
    expect(await check({ kind: 'file', volume: 'pages', path: '/index.html', content: 'ours' })).toEqual({ ok: true });
    expect(said(await check({ kind: 'volume', name: 'page' }))).toBe('You have no volume named page; yours: pages.');
    expect(await check({ kind: 'volume', name: 'pages' })).toEqual({ ok: true });
  });

  it('read what the archive API cannot see, a running container’s tmpfs /tmp, from inside', async () => {
    await t.alice.submit(`run -d --name iso busybox sh -c 'echo mine > /tmp/mine.txt && sleep 600'`);
    await expect.poll(async () => said(await check({ kind: 'file', container: 'iso', path: '/tmp/mine.txt' }))).toBe('ok');
    expect(said(await check({ kind: 'file', container: 'iso', path: '/tmp/yours.txt' }))).toBe(
      'There is no file /tmp/yours.txt in iso.\n/tmp holds: mine.txt',
    );
    expect(said(await check({ kind: 'file', container: 'iso', path: '/tmp/mine.txt', content: 'yours' }))).toBe(
      '/tmp/mine.txt in iso does not hold "yours"; it holds: mine',
    );
    expect(await check({ kind: 'file', container: 'iso', path: '/tmp/mine.txt', content: 'mine' })).toEqual({ ok: true });
  });

  it('reject a network the container is not on: the sandbox gives none, where Docker’s default is bridge', async () => {
    expect(said(await check({ kind: 'container', name: 'site', network: 'bridge' }))).toBe(
      'Your container site is on the network none, not bridge.',
    );
    expect(await check({ kind: 'container', name: 'site', network: 'none' })).toEqual({ ok: true });
  });

  it('reject a page that is not served, and accept the one that is', async () => {
    await expect
      .poll(async () => said(await check({ kind: 'http', container: 'site', path: '/index.html' })), { timeout: 20_000 })
      .toBe('ok');
    expect(said(await check({ kind: 'http', container: 'site', path: '/home.html' }))).toBe('GET /home.html on site answers 404, not 200.');
    expect(said(await check({ kind: 'http', container: 'site', path: '/index.html', holds: 'theirs' }))).toBe(
      'The page /index.html on site does not hold "theirs".',
    );
    expect(await check({ kind: 'http', container: 'site', path: '/index.html', holds: '<h1>ours</h1>' })).toEqual({ ok: true });
  });
});

describe('image and asked checks', () => {
  it('reject an image the host does not hold', async () => {
    expect(said(await check({ kind: 'image', ref: 'busybox:absent' }))).toBe('The sandbox host has no image busybox:absent.');
    expect(await check({ kind: 'image', ref: 'busybox' })).toEqual({ ok: true });
  });

  it('reject a wrong tag or image asked for, a missing flag, a failed answer; accept the real one', async () => {
    const asked: Check = { kind: 'asked', command: 'pull', image: 'busybox:latest', succeeded: true };
    expect(said(await check(asked))).toBe('You have not run pull since this step began.');
    await t.alice.submit('pull busybox:near');
    expect(said(await check(asked))).toBe('You asked for busybox:near: the tag differs from busybox:latest.');
    await t.alice.submit('pull busybox');
    expect(await check(asked)).toEqual({ ok: true });
    await t.alice.submit('ps');
    expect(said(await check({ kind: 'asked', command: 'ps', flag: ['-a', '--all'] }))).toBe('You typed "ps" without -a / --all.');
    await t.alice.submit('container ls --all');
    expect(await check({ kind: 'asked', command: 'ps', flag: ['-a', '--all'] })).toEqual({ ok: true });
    await t.alice.submit('cp site:/www/nothing.html -');
    expect(said(await check({ kind: 'asked', command: 'cp', args: ['site:/www/nothing.html'], succeeded: true }))).toBe(
      'Your "cp site:/www/nothing.html -" did not succeed; its answer says why.',
    );
    await t.alice.submit('explain image rm docker/whalesay');
    expect(await check({ kind: 'asked', command: 'rmi', image: 'docker/whalesay', orExplain: true })).toEqual({ ok: true });
  });
});
