import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { SandboxHost } from '../core/sandbox-hosts.js';
import type { Settings } from '../core/settings.js';
import { checkHostKey, knownHostsNameOf, parseKnownHosts } from './known-hosts.js';

type TlsFiles = { ca: string; cert: string; key: string };

/** A Docker client for DOCKER_HOST read as the Docker CLI reads it: unix://, tcp:// (with TLS), ssh://. */
export function dockerClient(settings: Pick<Settings, 'dockerHost' | 'dockerTlsVerify' | 'dockerCertPath' | 'sshAuthSock'>): Docker {
  const host = settings.dockerHost;
  const port = host.startsWith('unix://') ? '' : new URL(host.includes('//') ? host : `tcp://${host}`).port;
  const tls = settings.dockerTlsVerify === '1' || port === '2376';
  const dir = settings.dockerCertPath;
  const files = tls && dir ? { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } : undefined;
  return clientFor(host, { tls, files, sshAuthSock: settings.sshAuthSock });
}

/**
 * A Docker client for one host of SANDBOX_HOSTS: its TLS files, or plain tcp where it is marked insecure; over ssh,
 * the host key checked against its known_hosts file (read once, here: an unreadable file stops the start).
 */
export function hostClient(host: SandboxHost, sshAuthSock?: string): Docker {
  try {
    return clientFor(host.url, { tls: !!host.tls, files: host.tls, sshAuthSock, knownHosts: host.knownHosts });
  } catch (error) {
    throw new Error(`sandbox host ${host.name}: ${(error as Error).message}`);
  }
}

function clientFor(host: string, options: { tls: boolean; files?: TlsFiles; sshAuthSock?: string; knownHosts?: string }): Docker {
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) || '/var/run/docker.sock' });
  const url = new URL(host.includes('//') ? host : `tcp://${host}`);
  if (url.protocol === 'ssh:') {
    return new Docker({
      protocol: 'ssh',
      host: url.hostname,
      port: url.port || 22,
      username: url.username || undefined,
      sshOptions: { agent: options.sshAuthSock, ...(options.knownHosts ? { hostVerifier: hostVerifier(options.knownHosts, url) } : {}) },
    } as Docker.DockerOptions);
  }
  if (url.protocol !== 'tcp:') throw new Error(`DOCKER_HOST=${host}: use unix://, tcp:// or ssh://`);
  const { tls, files } = options;
  const certs = files ? { ca: readFileSync(files.ca), cert: readFileSync(files.cert), key: readFileSync(files.key) } : {};
  return new Docker({ host: url.hostname, port: url.port || (tls ? 2376 : 2375), protocol: tls ? 'https' : 'http', ...certs });
}

/** Trusts the key an ssh server shows only when the known_hosts file lists it for that server's name and port. */
function hostVerifier(file: string, url: URL): (key: Buffer) => boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`known_hosts=${file}: ${(error as Error).message}`);
  }
  const entries = parseKnownHosts(text);
  const name = knownHostsNameOf(url);
  return (key) => checkHostKey(entries, name, key) === 'known';
}
