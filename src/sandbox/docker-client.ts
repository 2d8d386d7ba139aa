import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { SandboxHost } from '../core/sandbox-hosts.js';
import type { Settings } from '../core/settings.js';

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

/** A Docker client for one host of SANDBOX_HOSTS (its TLS files, or plain tcp where it is marked insecure). */
export function hostClient(host: SandboxHost, sshAuthSock?: string): Docker {
  return clientFor(host.url, { tls: !!host.tls, files: host.tls, sshAuthSock });
}

function clientFor(host: string, options: { tls: boolean; files?: TlsFiles; sshAuthSock?: string }): Docker {
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) || '/var/run/docker.sock' });
  const url = new URL(host.includes('//') ? host : `tcp://${host}`);
  if (url.protocol === 'ssh:') {
    return new Docker({
      protocol: 'ssh',
      host: url.hostname,
      port: url.port || 22,
      username: url.username || undefined,
      sshOptions: { agent: options.sshAuthSock },
    } as Docker.DockerOptions);
  }
  if (url.protocol !== 'tcp:') throw new Error(`DOCKER_HOST=${host}: use unix://, tcp:// or ssh://`);
  const { tls, files } = options;
  const certs = files ? { ca: readFileSync(files.ca), cert: readFileSync(files.cert), key: readFileSync(files.key) } : {};
  return new Docker({ host: url.hostname, port: url.port || (tls ? 2376 : 2375), protocol: tls ? 'https' : 'http', ...certs });
}
