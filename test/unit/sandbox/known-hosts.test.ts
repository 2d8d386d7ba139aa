import { describe, expect, it } from 'vitest';
import { checkHostKey, knownHostsName, knownHostsNameOf, parseKnownHosts } from '../../../src/sandbox/known-hosts.js';

// Two ed25519 keys made with ssh-keygen; the hashed lines are `ssh-keygen -H`'s for sandbox-3.example and
// [10.0.0.3]:2222, each with key A.
const A = 'AAAAC3NzaC1lZDI1NTE5AAAAIMB5CjHGSFi4QS7fKLRSBNBR9GOq57m4Wba0tZwzTKPi';
const B = 'AAAAC3NzaC1lZDI1NTE5AAAAIMkJRI3X/eWHB8jvqSnd6y1KonUpjzqkqTbIWZMk54Hb';
const key = (base64: string) => Buffer.from(base64, 'base64');
const HASHED = [
  `|1|lsEkVpdsoF3jNRC3cnzO01kbZKw=|8f1io3VbDGmLe2f6EtsDXoCAkuw= ssh-ed25519 ${A}`,
  `|1|7mAzasbbbNCXgAzguyi7BJzLzB0=|f/C08MMSSTcux94ghN/ha1OdrGM= ssh-ed25519 ${A}`,
].join('\n');

describe('known_hosts', () => {
  it('names a host as ssh looks it up: bare on port 22, [host]:port on any other', () => {
    expect(knownHostsName('Sandbox-3.example', 22)).toBe('sandbox-3.example');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
    expect(knownHostsName('[::1]', 2222)).toBe('[::1]:2222');
    expect(knownHostsNameOf(new URL('ssh://me@box'))).toBe('box');
    expect(knownHostsNameOf(new URL('ssh://me@10.0.0.3:2222'))).toBe('[10.0.0.3]:2222');
  });

  it('trusts a key listed for the host in plain lines, by name, [host]:port, a list or a wildcard', () => {
    const entries = parseKnownHosts(
      [
        '# a comment, then a blank line',
        '',
        `sandbox-3.example,10.0.0.3 ssh-ed25519 ${A} ops@example`,
        `[10.0.0.4]:2222 ssh-ed25519 ${A}`,
        `*.pool.example,!bad.pool.example ssh-ed25519 ${A}`,
      ].join('\n'),
    );
    expect(entries).toHaveLength(3);
    for (const name of ['sandbox-3.example', '10.0.0.3', '[10.0.0.4]:2222', 'h1.pool.example'])
      expect(checkHostKey(entries, name, key(A))).toBe('known');
    // The same host on another port is another name; a negated pattern excludes.
    expect(checkHostKey(entries, '10.0.0.4', key(A))).toBe('unknown');
    expect(checkHostKey(entries, '[10.0.0.3]:2222', key(A))).toBe('unknown');
    expect(checkHostKey(entries, 'bad.pool.example', key(A))).toBe('unknown');
  });

  it('reads hashed lines as ssh-keygen -H writes them', () => {
    const entries = parseKnownHosts(HASHED);
    expect(entries).toHaveLength(2);
    expect(checkHostKey(entries, 'sandbox-3.example', key(A))).toBe('known');
    expect(checkHostKey(entries, '[10.0.0.3]:2222', key(A))).toBe('known');
    expect(checkHostKey(entries, '10.0.0.3', key(A))).toBe('unknown');
  });

  it('refuses another key for a listed host, and a key marked @revoked even where it is listed', () => {
    const entries = parseKnownHosts(`${HASHED}\n@revoked [10.0.0.3]:2222 ssh-ed25519 ${A}\n@cert-authority * ssh-ed25519 ${B}`);
    expect(checkHostKey(entries, 'sandbox-3.example', key(B))).toBe('changed');
    expect(checkHostKey(entries, '[10.0.0.3]:2222', key(A))).toBe('revoked');
    // A CA line does not make its key a host key (certificates are not checked here).
    expect(checkHostKey(entries, 'elsewhere', key(B))).toBe('unknown');
  });

  it('skips lines it cannot read, as ssh does', () => {
    expect(parseKnownHosts(`onlyahost\nhost ssh-ed25519\nhost ssh-ed25519 not*base64\n@marker host ssh-ed25519 ${A}\n|1|x host`)).toEqual(
      [],
    );
  });
});
