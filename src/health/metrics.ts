import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** This process's metrics, served on /metrics in Prometheus' text format. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'stevedore_process_' });

export const commandsTotal = new Counter({
  name: 'stevedore_commands_total',
  help: 'Commands received, by subcommand and verdict (queued, answered, refused, error).',
  labelNames: ['command', 'verdict'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'stevedore_job_duration_seconds',
  help: 'Time a worker spent on a job, by subcommand.',
  labelNames: ['command'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const containerOutcomes = new Counter({
  name: 'stevedore_container_outcomes_total',
  help: 'How foreground containers ended: exit_zero, exit_nonzero, killed, timed_out, out_of_memory, cancelled.',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const deliveriesRetried = new Counter({
  name: 'stevedore_deliveries_retried_total',
  help: 'Deliveries to a chat platform that had to be tried again (rate limits, 5xx, network).',
  labelNames: ['route'] as const,
  registers: [registry],
});

export const cleanupRemoved = new Counter({
  name: 'stevedore_cleanup_removed_total',
  help: 'Objects removed by cleanups, by kind.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const cleanupBytes = new Counter({
  name: 'stevedore_cleanup_freed_bytes_total',
  help: 'Bytes freed by cleanups, as the engine reports them.',
  registers: [registry],
});

/** Queue depth, read from Redis when scraped; the stack tells it where to look. */
export const queueDepth = new Gauge({
  name: 'stevedore_queue_jobs',
  help: 'Jobs in the command queue, by state.',
  labelNames: ['state'] as const,
  registers: [registry],
  async collect() {
    const counts = await depthSource?.().catch(() => undefined);
    for (const [state, n] of Object.entries(counts ?? {})) this.set({ state }, n);
  },
});

let depthSource: (() => Promise<Record<string, number>>) | undefined;
export function measureQueueWith(source: () => Promise<Record<string, number>>): void {
  depthSource = source;
}

/** The outcome label of a run, from what the sandbox reported. */
export function outcomeLabel(o: { exitCode: number; timedOut: boolean; oomKilled: boolean; cancelled?: boolean }): string {
  if (o.cancelled) return 'cancelled';
  if (o.oomKilled) return 'out_of_memory';
  if (o.timedOut) return 'timed_out';
  if (o.exitCode === 0) return 'exit_zero';
  return o.exitCode === 137 || o.exitCode === 143 ? 'killed' : 'exit_nonzero';
}

export const requestsRefused = new Counter({
  name: 'stevedore_requests_refused_total',
  help: 'Requests refused before they became commands, by kind (signature: a forged or stale Slack request; replay).',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const hostSlots = new Gauge({
  name: 'stevedore_host_slots',
  help: 'With SANDBOX_HOSTS: containers a served host may make or run at once (kind=total) and those in use (kind=in_use).',
  labelNames: ['host', 'kind'] as const,
  registers: [registry],
  collect() {
    for (const s of slotSources.values()) {
      const { host, size, inUse } = s();
      this.set({ host, kind: 'total' }, size);
      this.set({ host, kind: 'in_use' }, inUse);
    }
  },
});

const slotSources = new Map<string, () => { host: string; size: number; inUse: number }>();
/** A served host's slots, read when scraped. */
export function measureHostSlotsWith(host: string, source: () => { host: string; size: number; inUse: number }): void {
  slotSources.set(host, source);
}

export const hostFailures = new Counter({
  name: 'stevedore_host_failures_total',
  help: 'With SANDBOX_HOSTS: calls a host did not answer, by host.',
  labelNames: ['host'] as const,
  registers: [registry],
});

export const hostCooldowns = new Counter({
  name: 'stevedore_host_cooldowns_total',
  help: 'With SANDBOX_HOSTS: times a host was taken out for a cool-down, by host.',
  labelNames: ['host'] as const,
  registers: [registry],
});

export const hostOut = new Gauge({
  name: 'stevedore_host_out',
  help: 'With SANDBOX_HOSTS: 1 while a host is out for a cool-down, by host.',
  labelNames: ['host'] as const,
  registers: [registry],
});

export const acksUnreplicated = new Counter({
  name: 'stevedore_acks_unreplicated_total',
  help: 'Jobs acknowledged (or replies marked sent) before REDIS_WAIT_REPLICAS replicas confirmed them within REDIS_WAIT_TIMEOUT (held by the primary alone).',
  registers: [registry],
});
