import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { hostRuntime, insecureHostWarnings, parseSandboxHosts } from '../../../src/core/sandbox-hosts.js';
import { Semaphore } from '../../../src/core/semaphore.js';

describe('SANDBOX_HOSTS', () => {
  it('reads named engines of each kind, with slots, labels and TLS files', () => {
    const hosts = parseSandboxHosts(
      'a=unix:///run/a.sock?slots=2&labels=gvisor,big; b=tcp://10.0.0.2:2376?ca=/c/ca.pem&cert=/c/cert.pem&key=/c/key.pem\nc=ssh://me@box',
      4,
    );
    expect(hosts).toEqual([
      { name: 'a', url: 'unix:///run/a.sock', slots: 2, labels: ['gvisor', 'big'], insecure: false },
      {
        name: 'b',
        url: 'tcp://10.0.0.2:2376',
        slots: 4,
        labels: [],
        tls: { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' },
        insecure: false,
      },
      { name: 'c', url: 'ssh://me@box', slots: 4, labels: [], insecure: false },
    ]);
  });

  it('runs a host labelled gvisor with runsc, and leaves the others to the deployment’s runtime', () => {
    const [a, b] = parseSandboxHosts('a=unix:///run/a.sock?labels=big,gvisor b=unix:///run/b.sock?labels=big', 4);
    expect(hostRuntime(a!)).toBe('runsc');
    expect(hostRuntime(b!)).toBeUndefined();
  });

  it('takes plain tcp only when marked insecure, and warns of it', () => {
    expect(() => parseSandboxHosts('a=tcp://10.0.0.2:2375', 4)).toThrow(/needs ca=, cert= and key=.*or insecure=1/);
    const hosts = parseSandboxHosts('a=tcp://10.0.0.2:2375?insecure=1', 4);
    expect(hosts[0]!.insecure).toBe(true);
    expect(insecureHostWarnings(hosts, 'unix:///var/run/docker.sock', '')).toEqual([
      expect.stringMatching(/^sandbox engine a \(tcp:\/\/10.0.0.2:2375\) is reached over plain tcp without TLS/),
    ]);
  });

  it('checks an ssh host’s key against its known_hosts file, and warns of an ssh host without one', () => {
    const hosts = parseSandboxHosts('a=ssh://me@box?known_hosts=/etc/stevedore/known_hosts b=ssh://me@other:2222', 4);
    expect(hosts.map((h) => h.knownHosts)).toEqual(['/etc/stevedore/known_hosts', undefined]);
    expect(insecureHostWarnings(hosts, 'unix:///var/run/docker.sock', '')).toEqual([
      expect.stringMatching(/^sandbox engine b \(ssh:\/\/me@other:2222\) is reached over ssh without checking its host key/),
    ]);
    expect(insecureHostWarnings([], 'ssh://me@box', '')).toEqual([expect.stringMatching(/ssh:\/\/me@box is reached over ssh without/)]);
    expect(() => parseSandboxHosts('a=tcp://10.0.0.2:2375?insecure=1&known_hosts=/k', 4)).toThrow(/known_hosts is for ssh:\/\/ only/);
    expect(() => parseSandboxHosts('a=ssh://me@box?known_hosts=', 4)).toThrow(/known_hosts= needs the path/);
  });

  it('gives a plain tcp DOCKER_HOST the same warning, and none to a socket or TLS', () => {
    expect(insecureHostWarnings([], 'tcp://10.0.0.2:2375', '')).toHaveLength(1);
    expect(insecureHostWarnings([], 'tcp://10.0.0.2:2375', '1')).toEqual([]);
    expect(insecureHostWarnings([], 'unix:///var/run/docker.sock', '')).toEqual([]);
  });

  it('refuses what it cannot read, naming the host and the fault', () => {
    expect(() => parseSandboxHosts('a=http://x', 4)).toThrow(/host a: http:\/\/x is not unix:\/\/, tcp:\/\/ or ssh:\/\//);
    expect(() => parseSandboxHosts('A=unix:///s', 4)).toThrow(/NAME=URL/);
    expect(() => parseSandboxHosts('a=unix:///s?slots=0', 4)).toThrow(/slots must be a whole number/);
    expect(() => parseSandboxHosts('a=unix:///s?color=red', 4)).toThrow(/unknown option color/);
    expect(() => parseSandboxHosts('a=unix:///s a=unix:///t', 4)).toThrow(/host a is named twice/);
    expect(() => parseSandboxHosts('a=unix:///s?insecure=1', 4)).toThrow(/for tcp:\/\/ only/);
  });

  it('is empty by default: DOCKER_HOST alone, as before', () => {
    expect(loadConfig({}).sandboxHosts).toEqual([]);
    expect(() => loadConfig({ SANDBOX_HOSTS: 'a=ftp://x' })).toThrow(/SANDBOX_HOSTS/);
  });

  it('refuses WORKER_HOSTS naming a host SANDBOX_HOSTS does not have', () => {
    const hosts = 'a=unix:///run/a.sock b=unix:///run/b.sock';
    expect(loadConfig({ SANDBOX_HOSTS: hosts, WORKER_HOSTS: 'b' }).workerHosts).toEqual(['b']);
    expect(() => loadConfig({ SANDBOX_HOSTS: hosts, WORKER_HOSTS: 'a,c' })).toThrow(
      /WORKER_HOSTS="a,c": c not in SANDBOX_HOSTS \(SANDBOX_HOSTS has a, b\)/,
    );
    expect(() => loadConfig({ WORKER_HOSTS: 'a' })).toThrow(/a not in SANDBOX_HOSTS \(SANDBOX_HOSTS is not set\)/);
  });
});

describe('a host slots semaphore', () => {
  it('lets `size` holders in at once and hands each freed place to the next in line', async () => {
    const slots = new Semaphore(2);
    const releases: (() => void)[] = [];
    const order: number[] = [];
    const holders = [1, 2, 3].map((n) =>
      slots.hold(() => {
        order.push(n);
        return new Promise<void>((r) => releases.push(r));
      }),
    );
    await expect.poll(() => order).toEqual([1, 2]);
    expect(slots.inUse).toBe(2);
    releases[0]!();
    await expect.poll(() => order).toEqual([1, 2, 3]);
    expect(slots.inUse).toBe(2);
    releases[1]!();
    releases[2]!();
    await Promise.all(holders);
    expect(slots.inUse).toBe(0);
  });
});
