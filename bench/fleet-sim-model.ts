// The fleet simulator's model: N engines, one shared queue taken by the free engine, pinned follow-ups that go to the
// engine holding their container. Discrete events in simulated time (no timers, no engines): a job waits in a queue
// until a slot of an engine is free, then its engine work is shared with the other jobs in that engine (processor
// sharing at the engine's measured rate for that many jobs at once), then it may hold its slot while its container
// runs on its own. Lists and pulls take a worker's place (a slot) on the engine that took them and put their engine
// work on every engine at once; they end when the slowest engine is done. Pure and deterministic: the same jobs give
// the same result.

/** How fast one engine gets through container work with k jobs in it at once (lifecycle units per second, all jobs together). */
export type EngineRate = (k: number) => number;

export interface FleetConfig {
  engines: number;
  /** Containers at once per engine (the per-host semaphore). */
  slots: number;
  rate: EngineRate;
}

/** One command that reaches the worker. Times in seconds; work in lifecycle units (1 = one `run --rm` alone). */
export interface SimJob {
  id: number;
  kind: string;
  arrival: number;
  work: number;
  /** Seconds the job keeps its slot after its engine work: the container's own run time. */
  hold: number;
  /**
   * Takes one of its engine's slots while it runs: run and exec (the host's semaphore), lists and pulls (a place of
   * the worker that took them from the shared queue); otherwise only its engine calls count.
   */
  slot: boolean;
  /** Its engine work is done on every engine (lists gathered from every host, a pull on every host): it ends when the slowest is done. */
  everywhere?: boolean;
  /** Leaves a container behind on the engine that runs it (run -d). */
  creates: boolean;
  /** A follow-up on an existing container of this owner (logs, exec, stop, rm): it goes to that container's engine. */
  followUp: boolean;
  /** The follow-up removes the container (rm). */
  removes: boolean;
  owner: number;
  // Filled in by the simulation:
  /** The engine a follow-up was pinned to (from the record written when its container was made), if it had one. */
  pinnedTo?: number;
  /** The job that made the container a follow-up acts on. */
  containerOf?: number;
  engine?: number;
  start?: number;
  end?: number;
}

export interface EngineStats {
  /** Slot-seconds used within [0, horizon], over slots × horizon. */
  slotUse: number;
  /** Engine work done within [0, horizon], over what the engine can do at its full slots. */
  workUse: number;
  jobs: number;
}

export interface SimResult {
  jobs: SimJob[];
  engines: EngineStats[];
  /** When the last job ended (the backlog drained). */
  drainedAt: number;
}

// A binary heap of events ordered by time, then by insertion (so equal times keep their order: deterministic).
type EventIn =
  | { t: number; kind: 'arrive'; job: SimJob }
  | { t: number; kind: 'work'; engine: number; version: number }
  | { t: number; kind: 'release'; job: SimJob };
type Event = EventIn & { seq: number };

class EventHeap {
  private items: Event[] = [];
  private seq = 0;
  get size(): number {
    return this.items.length;
  }
  push(e: EventIn): void {
    const item: Event = Object.assign(e, { seq: this.seq++ });
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Event | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
const before = (x: Event, y: Event) => x.t < y.t || (x.t === y.t && x.seq < y.seq);

/** A FIFO with O(1) shift. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(x: T): void {
    this.items.push(x);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
}

interface Engine {
  free: number;
  /** Free-slot tokens of this engine in the idle list that a pinned job has used meanwhile. */
  staleTokens: number;
  active: { job: SimJob; remaining: number }[];
  lastUpdate: number;
  version: number;
  pinned: Fifo<SimJob>;
  slotSeconds: number;
  workDone: number;
  jobs: number;
}

const EPS = 1e-9;

/**
 * Runs the jobs (sorted by arrival) through the fleet until every one has ended. `horizon` (seconds) is the window
 * the use figures are taken over (the arrivals' span).
 */
export function simulate(jobsIn: readonly SimJob[], fleet: FleetConfig, horizon: number): SimResult {
  const jobs = jobsIn.map((j) => ({ ...j }));
  const events = new EventHeap();
  const engines: Engine[] = Array.from({ length: fleet.engines }, () => ({
    free: fleet.slots,
    staleTokens: 0,
    active: [],
    lastUpdate: 0,
    version: 0,
    pinned: new Fifo<SimJob>(),
    slotSeconds: 0,
    workDone: 0,
    jobs: 0,
  }));
  // Free slots in the order they became free: the worker that has waited longest is the one Redis hands the next
  // job to (blocked clients are served first come, first served).
  const idle = new Fifo<number>();
  for (let s = 0; s < fleet.slots; s++) for (let e = 0; e < fleet.engines; e++) idle.push(e);
  const shared = new Fifo<SimJob>();
  // Where each owner's containers are, as the bot reads it before queueing: job id of the maker → engine.
  const containers = new Map<number, { job: number; engine: number }[]>();
  let spread = 0; // slotless shared work (logs or rm of no container of theirs) is spread over the engines in turn
  // Engines still doing their part of each job that runs everywhere, by job id.
  const partsLeft = new Map<number, number>();
  let drainedAt = 0;

  for (const job of jobs) events.push({ t: job.arrival, kind: 'arrive', job });

  const clip = (a: number, b: number) => Math.max(0, Math.min(b, horizon) - Math.min(a, horizon));

  const advance = (e: Engine, now: number) => {
    const k = e.active.length;
    if (k > 0 && now > e.lastUpdate) {
      const each = ((now - e.lastUpdate) * fleet.rate(k)) / k;
      for (const a of e.active) a.remaining -= each;
      e.workDone += clip(e.lastUpdate, now) * fleet.rate(k);
    }
    e.lastUpdate = now;
  };
  const reschedule = (index: number, now: number) => {
    const e = engines[index]!;
    e.version++;
    const k = e.active.length;
    if (k === 0) return;
    const least = Math.min(...e.active.map((a) => a.remaining));
    events.push({ t: now + (Math.max(0, least) * k) / fleet.rate(k), kind: 'work', engine: index, version: e.version });
  };
  const start = (job: SimJob, index: number, now: number) => {
    const e = engines[index]!;
    job.engine = index;
    job.start = now;
    e.jobs++;
    if (job.creates) {
      const list = containers.get(job.owner) ?? [];
      list.push({ job: job.id, engine: index });
      containers.set(job.owner, list);
    }
    const on = job.everywhere ? engines.map((_, i) => i) : [index];
    if (job.everywhere) partsLeft.set(job.id, on.length);
    for (const i of on) {
      advance(engines[i]!, now);
      engines[i]!.active.push({ job, remaining: job.work });
      reschedule(i, now);
    }
  };
  const end = (job: SimJob, now: number) => {
    job.end = now;
    drainedAt = Math.max(drainedAt, now);
    const index = job.engine!;
    const e = engines[index]!;
    if (!job.slot) return;
    e.slotSeconds += clip(job.start!, now);
    e.free++;
    // The freed slot takes the older of its engine's pinned work and the shared queue's head.
    const p = e.pinned.peek();
    const s = shared.peek();
    const next = p && (!s || p.arrival <= s.arrival) ? e.pinned.shift() : s ? shared.shift() : undefined;
    if (next) {
      e.free--;
      start(next, index, now);
    } else idle.push(index);
  };
  const takeIdle = (): number | undefined => {
    for (let i = idle.shift(); i !== undefined; i = idle.shift()) {
      const e = engines[i]!;
      if (e.staleTokens > 0) {
        e.staleTokens--;
        continue;
      }
      return i;
    }
    return undefined;
  };

  for (let ev = events.pop(); ev; ev = events.pop()) {
    const now = ev.t;
    if (ev.kind === 'arrive') {
      const job = ev.job;
      if (job.followUp) {
        const list = containers.get(job.owner);
        const target = list?.[list.length - 1];
        if (target) {
          job.pinnedTo = target.engine;
          job.containerOf = target.job;
          if (job.removes) list!.pop();
        }
      }
      if (!job.slot) {
        // Engine calls only (logs, stop, rm): no slot to wait for.
        const index = job.pinnedTo ?? spread++ % fleet.engines;
        start(job, index, now);
        continue;
      }
      if (job.pinnedTo !== undefined) {
        const e = engines[job.pinnedTo]!;
        if (e.free > 0 && e.pinned.length === 0) {
          e.free--;
          e.staleTokens++;
          start(job, job.pinnedTo, now);
        } else e.pinned.push(job);
        continue;
      }
      const index = shared.length === 0 ? takeIdle() : undefined;
      if (index === undefined) shared.push(job);
      else {
        engines[index]!.free--;
        start(job, index, now);
      }
    } else if (ev.kind === 'work') {
      const e = engines[ev.engine]!;
      if (ev.version !== e.version) continue;
      advance(e, now);
      const done = e.active.filter((a) => a.remaining <= EPS);
      e.active = e.active.filter((a) => a.remaining > EPS);
      reschedule(ev.engine, now);
      for (const { job } of done) {
        if (job.everywhere) {
          const left = partsLeft.get(job.id)! - 1;
          if (left > 0) {
            partsLeft.set(job.id, left);
            continue;
          }
          partsLeft.delete(job.id);
        }
        if (job.slot && job.hold > 0) events.push({ t: now + job.hold, kind: 'release', job });
        else end(job, now);
      }
    } else end(ev.job, now);
  }

  return {
    jobs,
    drainedAt,
    engines: engines.map((e) => ({
      slotUse: e.slotSeconds / (fleet.slots * horizon),
      workUse: e.workDone / (fleet.rate(fleet.slots) * horizon),
      jobs: e.jobs,
    })),
  };
}

/** A small seeded generator (mulberry32): the same seed, the same day. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponential sample of the given mean. */
export const exponential = (random: () => number, mean: number) => -mean * Math.log(1 - random());
