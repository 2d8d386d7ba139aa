import type Docker from 'dockerode';

/**
 * What the engine's own isolation lacks, from `docker info`'s SecurityOptions (e.g. `name=seccomp,profile=default`,
 * `name=userns`, `name=apparmor`, `name=rootless`): one English line per gap, for the log at start and /healthz.
 * Empty when the engine remaps user namespaces (or runs rootless): root in a container is then no host root.
 */
export function isolationWarnings(securityOptions: readonly string[]): string[] {
  const names = securityOptions.map((o) => /(?:^|,)name=([^,]+)/.exec(o)?.[1] ?? o);
  const warnings: string[] = [];
  if (!names.includes('userns') && !names.includes('rootless'))
    warnings.push(
      'the Docker engine does not remap user namespaces (no userns-remap): uid 0 in a container is uid 0 on the host, held back only by the dropped capabilities, seccomp and the non-root sandbox user',
    );
  if (!names.includes('seccomp'))
    warnings.push('the Docker engine has no seccomp support: sandbox containers run without a system-call filter');
  return warnings;
}

/** Asks the engine, then `isolationWarnings`. */
export async function engineIsolationWarnings(docker: Docker): Promise<string[]> {
  const info = (await docker.info()) as { SecurityOptions?: string[] };
  return isolationWarnings(info.SecurityOptions ?? []);
}
