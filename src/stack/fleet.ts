import type { Config } from '../config.js';
import type { Reply } from '../core/reply.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import { hostRuntime } from '../core/sandbox-hosts.js';
import { HostHealth } from '../health/host-health.js';
import { HostStates, JobHosts, Placements } from '../queue/fleet-records.js';
import { HostLeases } from '../queue/host-leases.js';
import { hostClient } from '../sandbox/docker-client.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { watchCalls, withEngineErrors } from '../sandbox/engine-errors.js';
import { FleetSandbox } from '../sandbox/fleet-sandbox.js';

/** SANDBOX_HOSTS as one process holds it: a client per host, the records in Redis, the health of the hosts it serves. */
export type Fleet = ReturnType<typeof openFleet>;

export function openFleet(config: Config, redis: ConstructorParameters<typeof Placements>[0], notifyOps: (reply: Reply) => Promise<void>) {
  const names = config.sandboxHosts.map((h) => h.name);
  const placements = new Placements(redis, config.queuePrefix);
  const leases = new HostLeases(redis, config.queuePrefix);
  const served = () => leases.served(names);
  const states = new HostStates(redis, config.queuePrefix, served);
  const health = new Map<string, HostHealth>();
  /** The hosts whose lease this process holds: their failures count here (a standby's calls do not). */
  const serving = new Set<string>();
  const watchers = new Map<string, (out: boolean) => void>();
  const sandboxes = new Map<string, SandboxApi>(
    config.sandboxHosts.map((h) => {
      const docker = withEngineErrors(
        new DockerSandbox(hostClient(h, config.sshAuthSock), { deployment: config.deployment, pullTimeoutMs: config.pullTimeout }),
        { engine: `${h.name} (${h.url})`, url: h.url, knownHosts: h.knownHosts },
      );
      // Only the process that serves the host counts its failures.
      const counted = () => (serving.has(h.name) ? health.get(h.name) : undefined);
      const watched = watchCalls(
        docker,
        () => counted()?.succeeded(),
        (error) =>
          void counted()
            ?.failed(error)
            .catch(() => {}), // Redis away: counted again on the next call
      );
      return [h.name, watched];
    }),
  );
  const runtimes = new Map(config.sandboxHosts.flatMap((h) => (hostRuntime(h) ? [[h.name, hostRuntime(h)!] as const] : [])));
  const inService = async () => {
    const out = await states.out();
    return names.filter((n) => !out.has(n));
  };
  return {
    hosts: config.sandboxHosts,
    sandboxes,
    placements,
    states,
    leases,
    /** The hosts some process serves now (holds the lease of). */
    served,
    serving,
    jobHosts: new JobHosts(redis, config.queuePrefix),
    health,
    inService,
    /** The fleet as one job sees it (home: where it makes things); without a home, for lists and lookups. */
    view: (home?: string, onChange?: () => Promise<void>) =>
      new FleetSandbox({ hosts: sandboxes, home, inService, out: () => states.out(), runtimes, placements, onChange }),
    /** This process serves `host`: its failures count, and `changed` hears when it goes out or comes back. */
    serve(host: string, changed: (out: boolean) => void): HostHealth {
      watchers.set(host, changed);
      const h = new HostHealth({
        host,
        limit: config.hostFailures,
        cooldownMs: config.hostCooldown,
        states,
        notify: notifyOps,
        lang: config.defaultLang,
        changed: (out) => watchers.get(host)?.(out),
      });
      health.set(host, h);
      return h;
    },
  };
}
