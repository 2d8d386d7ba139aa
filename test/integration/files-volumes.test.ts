import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

let t: TestStack;
beforeAll(async () => {
  // Nobody is admin; the polling below would pass the default 20 commands a minute.
  t = await startTestStack({ policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { commandsPerMinute: 1000 }\n' });
});
afterAll(() => t?.close());

const file = (name: string, data: Buffer | string) => {
  const path = join(tmpdir(), `${t.config.deployment}-${name}`);
  writeFileSync(path, data);
  return path;
};

describe('named volumes', () => {
  it('keep data past the container that wrote it', async () => {
    expect((await t.alice.submit('volume create data')).title).toBe('Created data');
    expect((await t.alice.submit(`run --rm -v data:/data busybox sh -c 'echo kept > /data/note; id -u'`)).code!.text.trim()).toBe('1000');
    expect((await t.alice.submit('run --rm -v data:/data:ro busybox cat /data/note')).code!.text.trim()).toBe('kept');
    const ls = await t.alice.submit('volume ls');
    expect(ls.code!.text).toMatch(/^data\s+alice\s+[\d.]+[kMG]?B\s+-\s+/m);
  });

  it("are the owner's own: another user's same name is another volume, and theirs is out of reach", async () => {
    expect((await t.bob.submit(`run --rm -v data:/data busybox sh -c 'cat /data/note 2>&1 || echo empty'`)).code!.text).toMatch(
      /empty|No such file/,
    );
    expect((await t.bob.submit('volume ls')).code!.text).not.toMatch(/alice/);
    expect((await t.bob.submit('volume rm nothing-of-mine')).title).toBe('You have no volume named nothing-of-mine.');
  });

  it('refuse host paths and anonymous volumes, and a volume in use', async () => {
    expect((await t.alice.submit('run -v /etc:/host busybox true')).title).toMatch(
      /"\/etc" is a host path; bind mounts of host paths are refused/,
    );
    expect((await t.alice.submit('run -v /data busybox true')).title).toMatch(/anonymous volumes are not offered/);
    expect((await t.alice.submit('run --mount type=bind,src=/,dst=/h busybox true')).title).toMatch(/--mount type=bind is refused/);
    expect((await t.alice.submit('run -v data:/proc busybox true')).title).toMatch(/cannot be mounted over/);
    await t.alice.submit('run -d --name holder -v data:/data busybox sleep 30');
    expect((await t.alice.submit('volume rm data')).title).toMatch(/data is used by holder/);
    await t.alice.submit('rm -f holder');
  });
});

describe('cp', () => {
  it('round-trips a file byte for byte', async () => {
    const data = randomBytes(100_000);
    await t.alice.submit('run -d --name box -v files:/files busybox sleep 60');
    const put = await t.alice.submit(`cp ${file('blob.bin', data)} box:/files/blob.bin`);
    expect(put.status).toBe('ok');
    const got = await t.alice.submit('cp box:/files/blob.bin -');
    expect(got.files![0]!.name).toBe('blob.bin');
    expect(Buffer.from(got.files![0]!.base64, 'base64').equals(data)).toBe(true);
    const dir = await t.alice.submit('cp box:/files -');
    expect(dir.files![0]!.name).toBe('files.tar');
  });

  it('takes paths inside the container only: no climbing, no links out, no read-only root', async () => {
    expect((await t.alice.submit(`cp ${file('x.txt', 'x')} box:/files/../../etc/passwd`)).title).toMatch(/climbs with "\.\."/);
    await t.alice.submit(`exec box sh -c 'ln -s /etc/shadow /files/shadow; mkdir /files/d; ln -s / /files/d/root'`);
    const shadow = await t.alice.submit('cp box:/files/shadow -');
    expect(shadow.status).not.toBe('ok'); // the container's own /etc has no shadow; the host's is never reached
    expect(JSON.stringify(shadow)).not.toContain(readFileSync('/etc/shadow', 'utf8').split(':')[0] + ':$');
    expect((await t.alice.submit('cp box:/files/d -')).title).toMatch(/holds a link \(d\/root\); archives with links are refused/);
    expect((await t.alice.submit(`cp ${file('y.txt', 'y')} box:/etc/y.txt`)).title).toMatch(/read-only root/);
  });

  it("cannot reach another user's container", async () => {
    expect((await t.bob.submit(`cp ${file('z.txt', 'z')} box:/files/z.txt`)).title).toMatch(
      /No container of yours is named or has the ID "box"/,
    );
  });
});

describe('a web server in a container', () => {
  it('serves the uploaded page, after a restart and after a reset to its image', async () => {
    await t.alice.submit('run -d --name site -v site:/www web');
    await expect
      .poll(async () => (await t.alice.submit('curl site /')).title, { timeout: 20_000, interval: 300 })
      .toMatch(/^GET \/ on site: 200 OK/);
    await t.alice.submit(`cp ${file('index.html', '<h1>team page</h1>\n')} site:/www/index.html`);
    await t.alice.submit('restart site');
    // The server needs a moment after a restart, as it would for anyone asking.
    let after: Awaited<ReturnType<typeof t.alice.submit>> | undefined;
    await expect
      .poll(async () => (after = await t.alice.submit('curl site /index.html')).code?.text.trim(), { timeout: 20_000, interval: 300 })
      .toBe('<h1>team page</h1>');
    expect(after!.fields?.[0]?.value, JSON.stringify(after)).toMatch(/Content-Length: 19/);
    await t.alice.submit('rm -f site');
    const reset = await t.alice.submit('run -d --name site -v site:/www web');
    let last: unknown;
    await expect
      .poll(async () => (last = await t.alice.submit('curl site /index.html')) && (last as { code?: { text: string } }).code?.text.trim(), {
        timeout: 20_000,
        interval: 300,
      })
      .toBe('<h1>team page</h1>')
      .catch((e: Error) => {
        throw new Error(`${e.message}\nrun: ${JSON.stringify(reset)}\nlast: ${JSON.stringify(last)}`);
      });
    expect((await t.alice.submit('curl site /missing.html')).title).toMatch(/404/);
  });
});
