/** One Docker engine of the fleet, as SANDBOX_HOSTS names it. */
export interface SandboxHost {
  /** The name rows, queues and records use: `a`, `gpu-1`. */
  name: string;
  /** `unix:///path`, `tcp://host:port` or `ssh://user@host`. */
  url: string;
  /** Containers this engine makes or runs at once. */
  slots: number;
  /** What the host offers (`gvisor`, `big`): shown on /healthz; `gvisor` also chooses its runtime (hostRuntime). */
  labels: string[];
  /** With tcp://: the TLS files that verify the engine and identify Stevedore to it. */
  tls?: { ca: string; cert: string; key: string };
  /** A tcp:// engine without TLS, marked so on purpose. */
  insecure: boolean;
  /** With ssh://: the OpenSSH known_hosts file its host key must be listed in (unset: any key, warned at start). */
  knownHosts?: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,30}$/;
const KNOWN = new Set(['slots', 'labels', 'ca', 'cert', 'key', 'insecure', 'known_hosts']);

/**
 * SANDBOX_HOSTS: entries separated by spaces, new lines or `;`, each `NAME=URL[?slots=N&labels=a,b]`; a tcp:// URL
 * adds `ca=…&cert=…&key=…` (file paths) or `insecure=1`; an ssh:// URL, `known_hosts=…` (a file path). Throws with
 * the first fault found, in the operator's terms.
 */
export function parseSandboxHosts(text: string, defaultSlots: number): SandboxHost[] {
  const hosts = text
    .split(/[\s;]+/)
    .filter(Boolean)
    .map((entry) => parseEntry(entry, defaultSlots));
  const names = hosts.map((h) => h.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`host ${twice} is named twice`);
  return hosts;
}

function parseEntry(entry: string, defaultSlots: number): SandboxHost {
  const eq = entry.indexOf('=');
  const name = entry.slice(0, eq);
  if (eq < 1 || !NAME.test(name)) throw new Error(`"${entry}": write NAME=URL, the name in lowercase letters, digits and -`);
  const [url = '', query = ''] = entry.slice(eq + 1).split('?', 2) as [string, string?];
  const options = new URLSearchParams(query);
  for (const key of options.keys()) if (!KNOWN.has(key)) throw new Error(`host ${name}: unknown option ${key}`);
  const scheme = /^(unix|tcp|ssh):\/\/./.exec(url)?.[1];
  if (!scheme) throw new Error(`host ${name}: ${url || 'no URL'} is not unix://, tcp:// or ssh://`);
  const slots = Number(options.get('slots') ?? defaultSlots);
  if (!Number.isInteger(slots) || slots < 1) throw new Error(`host ${name}: slots must be a whole number from 1`);
  const labels = (options.get('labels') ?? '').split(',').filter(Boolean);
  const insecure = ['1', 'true', ''].includes(options.get('insecure') ?? 'no');
  const [ca, cert, key] = ['ca', 'cert', 'key'].map((k) => options.get(k) ?? undefined);
  if (scheme !== 'tcp' && (ca || cert || key || insecure)) throw new Error(`host ${name}: TLS options and insecure are for tcp:// only`);
  const tls = ca && cert && key ? { ca, cert, key } : undefined;
  if (scheme === 'tcp' && !tls && !insecure)
    throw new Error(`host ${name}: tcp:// needs ca=, cert= and key= (TLS), or insecure=1 to accept an engine anyone can reach`);
  if (tls && insecure) throw new Error(`host ${name}: TLS files and insecure=1 contradict each other`);
  const knownHosts = options.get('known_hosts') ?? undefined;
  if (knownHosts !== undefined && scheme !== 'ssh') throw new Error(`host ${name}: known_hosts is for ssh:// only`);
  if (knownHosts === '') throw new Error(`host ${name}: known_hosts= needs the path of a known_hosts file`);
  return { name, url, slots, labels, ...(tls ? { tls } : {}), insecure, ...(knownHosts ? { knownHosts } : {}) };
}

/** The label that runs a host's containers under gVisor, and the runtime name its engine knows gVisor by. */
export const GVISOR_LABEL = 'gvisor';
export const GVISOR_RUNTIME = 'runsc';

/** The OCI runtime a host's containers run with when its labels choose one (`gvisor`: runsc), else the deployment's. */
export function hostRuntime(host: SandboxHost): string | undefined {
  return host.labels.includes(GVISOR_LABEL) ? GVISOR_RUNTIME : undefined;
}

/**
 * Engines reached without proof of who they are, said once at start: plain tcp (anyone who reaches the port controls
 * the engine), and ssh without known_hosts (any host key is taken, so whoever sits between gets the engine's calls).
 */
export function insecureHostWarnings(hosts: readonly SandboxHost[], dockerHost: string, tlsVerify: string): string[] {
  const plain = hosts.filter((h) => h.insecure).map((h) => `${h.name} (${h.url})`);
  const unchecked = hosts.filter((h) => h.url.startsWith('ssh://') && !h.knownHosts).map((h) => `${h.name} (${h.url})`);
  if (!hosts.length && /^tcp:\/\//.test(dockerHost) && tlsVerify !== '1' && !dockerHost.endsWith(':2376')) plain.push(dockerHost);
  if (!hosts.length && dockerHost.startsWith('ssh://')) unchecked.push(dockerHost);
  return [
    ...plain.map((h) => `sandbox engine ${h} is reached over plain tcp without TLS: anyone who can reach its port controls the engine`),
    ...unchecked.map(
      (h) =>
        `sandbox engine ${h} is reached over ssh without checking its host key: give the host known_hosts=PATH in SANDBOX_HOSTS (docs/fleet.md)`,
    ),
  ];
}
