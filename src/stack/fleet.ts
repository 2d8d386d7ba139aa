import type { Config } from '../config.js';
import type { Reply } from '../core/reply.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import { hostRuntime } from '../core/sandbox-hosts.js';
import { HostHealth } from '../health/host-health.js';
import { HostStates, JobHosts, Placements } from '../queue/fleet-records.js';
import { hostClient } from '../sandbox/docker-client.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { watchCalls, withEngineErrors } from '../sandbox/engine-errors.js';
import { FleetSandbox } from '../sandbox/fleet-sandbox.js';

/** SANDBOX_HOSTS as one process holds it: a client per host, the records in Redis, the health of the hosts it serves. */
export type Fleet = ReturnType<typeof openFleet>;

export function openFleet(config: Config, redis: ConstructorParameters<typeof Placements>[0], notifyOps: (reply: Reply) => Promise<void>) {
  const placements = new Placements(redis, config.queuePrefix);
  const states = new HostStates(redis, config.queuePrefix);
  const health = new Map<string, HostHealth>();
  const watchers = new Map<string, (out: boolean) => void>();
  const sandboxes = new Map<string, SandboxApi>(
    config.sandboxHosts.map((h) => {
      const docker = withEngineErrors(
        new DockerSandbox(hostClient(h, config.sshAuthSock), { deployment: config.deployment, pullTimeoutMs: config.pullTimeout }),
        { engine: `${h.name} (${h.url})`, url: h.url, knownHosts: h.knownHosts },
      );
      // Only a process that serves the host counts its failures (health exists for those alone).
      const watched = watchCalls(
        docker,
        () => health.get(h.name)?.succeeded(),
        (error) =>
          void health
            .get(h.name)
            ?.failed(error)
            .catch(() => {}), // Redis away: counted again on the next call
      );
      return [h.name, watched];
    }),
  );
  const runtimes = new Map(config.sandboxHosts.flatMap((h) => (hostRuntime(h) ? [[h.name, hostRuntime(h)!] as const] : [])));
  const inService = async () => {
    const out = await states.out();
    return config.sandboxHosts.map((h) => h.name).filter((n) => !out.has(n));
  };
  return {
    hosts: config.sandboxHosts,
    sandboxes,
    placements,
    states,
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
