import { EngineUnavailable, ForAnotherHost, isUserError, UserError } from '../errors.js';
import type { CommandJob } from '../core/job.js';
import { langOf, msg } from '../core/messages/index.js';
import { withoutPrefix } from '../core/parse.js';
import type { SandboxHost } from '../core/sandbox-hosts.js';
import { Semaphore } from '../core/semaphore.js';
import { measureHostSlotsWith } from '../health/metrics.js';
import { executeJob, type JobDeps } from '../pipeline/execute-job.js';
import { withLeftOutHint, withLeftOutNote } from './left-out-notes.js';
import type { Fleet } from './fleet.js';
import type { Shared } from './shared.js';
import { WorkerGate } from '../queue/worker-gate.js';
import { keepHostLease } from './host-lease.js';
import type { CommandWorker, Taker } from './taker.js';

/** Commands that make or run a container: each holds one of its host's slots while it runs. */
const HOLDS_A_SLOT = new Set(['run', 'exec', 'cp', 'curl']);
/** Commands whose reply covers every host (lists, pull): they say which host was not heard from. */
const COVERS_EVERY_HOST = new Set(['ps', 'images', 'volume ls', 'pull']);

/**
 * One host of the fleet served by this process: a worker on the shared queue (new work) and one on the host's own
 * queue (work on what it holds), both under one semaphore of the host's slots; the host's health checked on the
 * health interval, and while it is out for a cool-down its shared worker takes nothing.
 */
export function hostTakers(shared: Shared, fleet: Fleet, host: SandboxHost, deps: JobDeps): Taker[] {
  const { config, registry } = shared;
  const slots = new Semaphore(host.slots);
  const gates: WorkerGate[] = [];
  let sharedWorker: CommandWorker | undefined;
  /** The shared queue's gate: a cool-down holds it (pinned work is refused with the reason instead). */
  let sharedGate: WorkerGate | undefined;
  let offered = host.slots;
  const offerShared = (change: number) => {
    offered += change;
    if (sharedWorker) sharedWorker.concurrency = Math.max(1, offered);
  };
  const health = fleet.serve(host.name, (out) => {
    shared.log.warn({ host: host.name, out }, out ? 'sandbox host out for a cool-down' : 'sandbox host back');
    if (out) void sharedGate?.hold('out');
    else sharedGate?.free('out');
  });
  // One process serves the host at a time (its lease); the others stand by with both workers held.
  const lease = keepHostLease({
    leases: fleet.leases,
    host: host.name,
    ttlMs: config.hostLease,
    log: shared.log,
    changed: (held) => {
      if (held) fleet.serving.add(host.name);
      else fleet.serving.delete(host.name);
      for (const gate of gates) void (held ? gate.free('standby') : gate.hold('standby'));
    },
  });
  shared.starting.push(lease.first);
  measureHostSlotsWith(host.name, () => ({ host: host.name, size: lease.held ? slots.size : 0, inUse: slots.inUse }));
  const sandbox = fleet.sandboxes.get(host.name)!;
  const timer = setInterval(() => void (lease.held && health.check(() => sandbox.ping()).catch(() => {})), config.healthInterval);
  shared.closables.push({ close: async () => clearInterval(timer) });
  shared.healthChecks[`host ${host.name}`] = async () => {
    if (!lease.held) return { ok: true, detail: 'standing by: another process serves this host' };
    // A host out fails the check only when every host this process serves is out (a restart would not help one).
    const othersIn = [...fleet.serving].some((h) => h !== host.name && !fleet.health.get(h)?.out);
    return {
      ok: !health.out || othersIn,
      detail: `${health.out ? 'out for a cool-down; ' : ''}${slots.inUse}/${slots.size} slots in use, ${health.failures} failed calls, ${health.cooldowns} cool-downs${host.labels.length ? `; labels ${host.labels.join(', ')}` : ''}`,
    };
  };
  // The lease is given up once both workers have closed (their running jobs done), so a standby never overlaps.
  let open = 2;
  const closed = async () => {
    if (--open === 0) await lease.close();
  };
  const gate = (worker: CommandWorker) => {
    const g = new WorkerGate(worker, lease.held ? [] : ['standby'], (error) =>
      shared.log.error({ err: error, host: host.name }, 'command worker stopped'),
    );
    gates.push(g);
    return g;
  };

  const execute: Taker['execute'] = async (jobId, job, signal) => {
    // A job taken up again after it changed things on a host runs there again (it finds its container there).
    // (A record naming a host taken out of SANDBOX_HOSTS is not followed.)
    const recorded = await fleet.jobHosts.of(jobId);
    const home = job.host ?? (recorded && fleet.sandboxes.has(recorded) ? recorded : host.name);
    if (home === host.name && health.out) {
      if (job.host === undefined) throw new ForAnotherHost(`host ${home} is out for a cool-down`); // back to the shared queue
      const until = (await fleet.states.out()).get(home) ?? Date.now();
      const seconds = Math.max(1, Math.round((until - Date.now()) / 1000));
      throw new UserError('unavailable', msg('fleet.hostOut', { host: home, seconds }), msg('fleet.hostOut.hint'));
    }
    const view = fleet.view(home, () => fleet.jobHosts.record(jobId, home));
    const run = () => executeJob(jobId, job, { ...deps, sandbox: view }, signal);
    const holds = holdsASlot(job, registry) && home === host.name;
    // A slot pinned work holds (or waits for) is not offered to the shared queue: its worker takes what it can start.
    const pinnedSlot = holds && job.host !== undefined;
    if (pinnedSlot) offerShared(-1);
    try {
      const reply = await (holds ? slots.hold(run) : run());
      return coversEveryHost(job, registry) ? withLeftOutNote(reply, view.leftOut, langOf(job.who.locale)) : reply;
    } catch (error) {
      // Work that changed things on its host, or was meant for it alone, is not run again elsewhere: when the
      // host no longer answers, it ends here with the reason. New work that changed nothing goes back to the queue.
      if (isUserError(error)) throw withLeftOutHint(error, view.leftOut, langOf(job.who.locale));
      if (!(job.host !== undefined || view.changed)) {
        // New work that changed nothing goes back to the queue at once while another host takes work (each try here
        // counts against this host, which is soon out); with none, it waits for the engine as one host's work does.
        const served = await fleet.served();
        const others = (await fleet.inService()).filter((h) => h !== host.name && served.has(h));
        if (error instanceof EngineUnavailable && others.length) throw new ForAnotherHost(`host ${host.name} did not answer`);
        throw error;
      }
      const answers = await fleet.sandboxes
        .get(home)!
        .ping()
        .then(
          () => true,
          () => false,
        );
      if (answers) throw error;
      throw new UserError('unavailable', msg('fleet.hostLost', { host: home }), msg('fleet.hostLost.hint'));
    } finally {
      if (pinnedSlot) offerShared(+1);
    }
  };
  return [
    {
      queue: shared.commandQueue.queue,
      concurrency: host.slots,
      execute,
      gated: (worker) => {
        sharedWorker = worker;
        return (sharedGate = gate(worker));
      },
      closed,
    },
    { queue: shared.commandQueue.pinned.get(host.name)!, concurrency: host.slots, execute, gated: gate, closed },
  ];
}

function holdsASlot(job: CommandJob, registry: Shared['registry']): boolean {
  const name = registry.lookup(withoutPrefix(job.text).split(/\s+/))?.definition.name;
  return name !== undefined && HOLDS_A_SLOT.has(name);
}

function coversEveryHost(job: CommandJob, registry: Shared['registry']): boolean {
  const words = withoutPrefix(job.text).split(/\s+/);
  const found = registry.lookup(words);
  if (!found) return false;
  const name = found.definition.name;
  return COVERS_EVERY_HOST.has(name) || COVERS_EVERY_HOST.has(`${name} ${words[found.words] ?? ''}`);
}
