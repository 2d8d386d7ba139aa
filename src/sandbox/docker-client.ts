import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { Settings } from '../core/settings.js';

/** A Docker client for DOCKER_HOST read as the Docker CLI reads it: unix://, tcp:// (with TLS), ssh://. */
export function dockerClient(settings: Pick<Settings, 'dockerHost' | 'dockerTlsVerify' | 'dockerCertPath' | 'sshAuthSock'>): Docker {
  const host = settings.dockerHost;
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) || '/var/run/docker.sock' });
  const url = new URL(host.includes('//') ? host : `tcp://${host}`);
  if (url.protocol === 'ssh:') {
    return new Docker({
      protocol: 'ssh',
      host: url.hostname,
      port: url.port || 22,
      username: url.username || undefined,
      sshOptions: { agent: settings.sshAuthSock },
    } as Docker.DockerOptions);
  }
  if (url.protocol !== 'tcp:') throw new Error(`DOCKER_HOST=${host}: use unix://, tcp:// or ssh://`);
  const tls = settings.dockerTlsVerify === '1' || url.port === '2376';
  const certs =
    tls && settings.dockerCertPath
      ? {
          ca: readFileSync(join(settings.dockerCertPath, 'ca.pem')),
          cert: readFileSync(join(settings.dockerCertPath, 'cert.pem')),
          key: readFileSync(join(settings.dockerCertPath, 'key.pem')),
        }
      : {};
  return new Docker({ host: url.hostname, port: url.port || (tls ? 2376 : 2375), protocol: tls ? 'https' : 'http', ...certs });
}
