import type { Logger } from 'pino';
import { hostRuntime, insecureHostWarnings } from '../core/sandbox-hosts.js';
import { formatBinaryBytes } from '../core/units.js';
import { unboundedVolumesWarning } from '../policy/volumes.js';
import { dockerClient, hostClient } from '../sandbox/docker-client.js';
import { engineIsolationWarnings } from '../sandbox/engine-isolation.js';
import type { Shared } from './shared.js';

/** The pids limit gVisor needs: its own threads (38 for an idle container) count against it. */
const RUNSC_PIDS = 1024;

/**
 * What the roles that use an engine check and warn about: the engine answers (/healthz `docker`). Plain tcp and gVisor
 * with too low a pids limit are logged once at start, nothing more; unbounded volumes and an engine that does not
 * remap user namespaces are logged and also shown on /healthz (`volumes`, `isolation`: warnings, not faults).
 */
export function startEngineChecks(stack: Shared, log: Logger): void {
  const { config, fleet } = stack;
  // With SANDBOX_HOSTS the engine check passes while any host answers; each served host has a check of its own.
  stack.healthChecks.docker = fleet
    ? async () => (await Promise.any([...fleet.sandboxes.values()].map((s) => s.ping())), { ok: true })
    : async () => (await stack.sandboxOf().ping(), { ok: true });
  for (const warning of insecureHostWarnings(config.sandboxHosts, config.dockerHost, config.dockerTlsVerify)) log.warn(warning);
  const runsc = (what: string) =>
    `${what} with SANDBOX_PIDS_LIMIT=${config.pidsLimit}: gVisor's own threads count against it and some containers will die; set it to ${RUNSC_PIDS}`;
  const gvisorHosts = config.sandboxHosts.filter((h) => hostRuntime(h) === 'runsc').map((h) => h.name);
  if (config.pidsLimit < RUNSC_PIDS) {
    if (config.runtime === 'runsc') log.warn(runsc('SANDBOX_RUNTIME=runsc'));
    else if (gvisorHosts.length) log.warn(runsc(`sandbox hosts ${gvisorHosts.join(', ')} run runsc (label gvisor)`));
  }
  const unbounded = unboundedVolumesWarning(config);
  if (unbounded) log.warn(unbounded);
  stack.healthChecks.volumes = async () => ({
    ok: true,
    detail: unbounded ?? `${formatBinaryBytes(config.volumeSize)} disk each, ${formatBinaryBytes(config.volumeBudget)} per user`,
  });
  const isolation = fleet
    ? async () =>
        (await Promise.all(fleet.hosts.map((h) => engineIsolationWarnings(hostClient(h, config.sshAuthSock)).catch(() => [])))).flatMap(
          (warnings, i) => warnings.map((w) => `${fleet.hosts[i]!.name}: ${w}`),
        )
    : () => engineIsolationWarnings(dockerClient(config));
  void isolation().then(
    (warnings) => warnings.forEach((w) => log.warn(w)),
    () => {},
  );
  stack.healthChecks.isolation = async () => {
    const warnings = await isolation();
    return { ok: true, detail: warnings.length ? warnings.join('; ') : 'user namespaces remapped' };
  };
}
