import { createHmac, timingSafeEqual } from 'node:crypto';

/** One host line of an OpenSSH known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"). */
export interface KnownHost {
  /** `@revoked`: the key is refused for the hosts named; `@cert-authority`: a CA (not used here: no certificates). */
  marker?: 'revoked' | 'cert-authority';
  /** Plain patterns (`host`, `[host]:port`, with `*`, `?` and `!`), or one hashed name (`|1|salt|hash`). */
  names: { patterns: string[] } | { salt: Buffer; hash: Buffer };
  keyType: string;
  /** The public key as the server sends it (the base64 field, decoded). */
  key: Buffer;
}

/** The lines of a known_hosts file that name hosts and keys; comments, blank and unreadable lines are skipped, as ssh does. */
export function parseKnownHosts(text: string): KnownHost[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const fields = line.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return [];
    const marker = fields[0] === '@revoked' ? 'revoked' : fields[0] === '@cert-authority' ? 'cert-authority' : undefined;
    if (fields[0].startsWith('@') && !marker) return [];
    const [hosts, keyType, key] = marker ? fields.slice(1) : fields;
    if (!hosts || !keyType || !key || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)) return [];
    const names = hosts.startsWith('|1|') ? hashed(hosts) : { patterns: hosts.split(',') };
    return names ? [{ ...(marker ? { marker } : {}), names, keyType, key: Buffer.from(key, 'base64') }] : [];
  });
}

function hashed(field: string): KnownHost['names'] | undefined {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return undefined;
  return { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

/** The name known_hosts knows a host by: `host` on port 22, `[host]:port` on any other (IPv6 without its brackets). */
export function knownHostsName(host: string, port: number): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return port === 22 ? bare : `[${bare}]:${port}`;
}

/** The known_hosts name of the server an ssh:// URL reaches (port 22 when it names none). */
export function knownHostsNameOf(url: URL): string {
  return knownHostsName(url.hostname, Number(url.port || 22));
}

/** Whether a line names `name`: a hashed name by its HMAC-SHA1, plain patterns as ssh matches them (a `!` match excludes). */
export function namesHost(entry: KnownHost, name: string): boolean {
  const names = entry.names;
  if ('salt' in names) {
    const hash = createHmac('sha1', names.salt).update(name).digest();
    return hash.length === names.hash.length && timingSafeEqual(hash, names.hash);
  }
  let matched = false;
  for (const pattern of names.patterns) {
    const negated = pattern.startsWith('!');
    if (!wildcard(negated ? pattern.slice(1) : pattern).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * What the file says of the key a server showed for `name`: `known` (listed for it), `revoked` (marked so),
 * `changed` (the name is listed, with other keys) or `unknown` (the name is not listed). Only `known` is trusted.
 */
export function checkHostKey(entries: readonly KnownHost[], name: string, key: Buffer): 'known' | 'revoked' | 'changed' | 'unknown' {
  const forName = entries.filter((e) => e.marker !== 'cert-authority' && namesHost(e, name));
  if (forName.some((e) => e.marker === 'revoked' && e.key.equals(key))) return 'revoked';
  const listed = forName.filter((e) => !e.marker);
  if (listed.some((e) => e.key.equals(key))) return 'known';
  return listed.length ? 'changed' : 'unknown';
}
