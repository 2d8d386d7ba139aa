import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { commands } from '../../commands/index.js';
import type { Reply } from '../core/reply.js';
import { AuditFile } from '../health/audit-file.js';
import { deliveriesRetried, measureQueueWith } from '../health/metrics.js';
import type { HealthCheck } from '../health/health-server.js';
import { Admission } from '../queue/admission.js';
import { AuditLog } from '../queue/audit-log.js';
import { CommandQueue } from '../queue/command-queue.js';
import { DeliveryQueues } from '../queue/deliveries.js';
import { ExpiryQueue } from '../queue/expiry-queue.js';
import { JobControl } from '../queue/job-control.js';
import { Locks, Uploads } from '../queue/locks-and-uploads.js';
import { durabilityWarnings, redisConnection, whenReady } from '../queue/redis.js';
import { ShortLivedStore } from '../queue/short-lived-store.js';
import { UserPrefs } from '../queue/user-prefs.js';
import { LabProgress } from '../queue/lab-progress.js';
import { dockerClient } from '../sandbox/docker-client.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { withEngineErrors } from '../sandbox/engine-errors.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import { openFleet } from './fleet.js';
import type { ParsedCommand } from '../core/command.js';
import { parseCommand } from '../core/parse.js';
import type { Requester } from '../core/request.js';
import { hostFor } from '../pipeline/route-job.js';
import { replicaBarrier } from './replicas.js';

/** What every role of one process shares: its Redis connections, the queue-side services, one sandbox client. */
export type Shared = Awaited<ReturnType<typeof startShared>>;

/** Something a role started, stopped when the process stops. */
export interface Closable {
  close(): Promise<void>;
}

export async function startShared(config: Config, log: Logger) {
  const connections: ReturnType<typeof redisConnection>[] = [];
  const connect = (role: 'worker' | 'producer') => {
    const c = redisConnection(config.redisUrl, role, config.redisSentinels.length ? config : undefined);
    c.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
    connections.push(c);
    return c;
  };
  const blocking = connect('worker');
  const producer = connect('producer');
  await whenReady(producer, config.redisUrl);
  for (const warning of await durabilityWarnings(producer)) log.warn(warning);
  const { queuePrefix: prefix, jobsKept } = config;
  // One barrier for the acknowledgements and the marks of replies sent: both wait for the same replicas.
  const replicas = replicaBarrier(config, () => connect('producer'), log);
  const deliveries = new DeliveryQueues(blocking, prefix, jobsKept, (route) => deliveriesRetried.inc({ route }), replicas);
  const hosts = config.sandboxHosts.map((h) => h.name);
  const commandQueue = new CommandQueue({ connection: producer, prefix, attempts: config.jobAttempts, jobsKept, hosts, replicas });
  const expiry = new ExpiryQueue(producer, prefix, jobsKept);
  const store = new ShortLivedStore(producer, prefix);
  const auditFile = config.auditFile ? new AuditFile(config.auditFile, config.auditFileMax, process.pid) : undefined;
  const admission = new Admission(producer, prefix, config.policy.quotas);
  let sandbox: SandboxApi | undefined;
  const closables: Closable[] = [];
  /** Reports to OPS_CHANNEL, or to the log when none is set. */
  const notifyOps = async (reply: Reply) => {
    if (config.opsChannel) await deliveries.deliver({ kind: 'notice', jobId: `ops-${Date.now()}`, replyTo: config.opsChannel, reply });
    else log.info({ title: reply.title, body: reply.body }, 'ops notice');
  };
  // SANDBOX_HOSTS: many engines; without it, DOCKER_HOST alone, as ever.
  const fleet = config.sandboxHosts.length ? openFleet(config, producer, notifyOps) : undefined;
  const route =
    fleet &&
    ((command: ParsedCommand, who: Requester) =>
      hostFor(
        command,
        { who, settings: config, registry: commands },
        { placements: fleet.placements, hostStates: fleet.states, hosts, served: fleet.served, fleet: fleet.view() },
      ));
  return {
    config,
    log,
    registry: commands,
    blocking,
    producer,
    deliveries,
    commandQueue,
    expiry,
    store,
    audit: new AuditLog(producer, prefix, config.auditKept, (entry) =>
      auditFile?.write(entry, (error) => log.warn({ err: error, file: auditFile.path }, 'audit file not written')),
    ),
    admission,
    jobs: new JobControl(
      commandQueue,
      store,
      deliveries,
      admission,
      route && ((text, who) => route(parseCommand(text, { who, settings: config, registry: commands }), who)),
    ),
    /** With SANDBOX_HOSTS: the host a command must run on (src/pipeline/route-job.ts); undefined: any host. */
    route,
    locks: new Locks(store),
    uploads: new Uploads(store),
    prefs: new UserPrefs(producer, prefix),
    labs: new LabProgress(producer, prefix),
    fleet,
    /**
     * The sandbox host, connected on first use (the bot only reads it, to suggest container names). With
     * SANDBOX_HOSTS: the whole fleet, for lists, lookups, expiries and cleanups (a job's own view is the worker's).
     */
    sandboxOf: (): SandboxApi =>
      (sandbox ??=
        fleet?.view() ??
        withEngineErrors(new DockerSandbox(dockerClient(config), { deployment: config.deployment, pullTimeoutMs: config.pullTimeout }), {
          engine: config.dockerHost,
          url: config.dockerHost,
        })),
    healthChecks: { redis: async () => ({ ok: (await producer.ping()) === 'PONG' }) } as Record<string, HealthCheck>,
    notifyOps,
    measureQueue: () => measureQueueWith(() => commandQueue.queue.getJobCounts('waiting', 'active', 'delayed', 'failed')),
    /** Stopped first, before the queues and connections they use. */
    closables,
    /** What the roles are still starting (a host's first lease attempt): the stack is up once these settle. */
    starting: [] as Promise<unknown>[],
    async close() {
      await Promise.all(closables.map((c) => c.close()));
      await Promise.all([commandQueue.close(), expiry.close(), deliveries.close()]);
      connections.forEach((c) => c.disconnect());
    },
  };
}
