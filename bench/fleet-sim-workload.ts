// The fleet simulator's inputs: the measured service times, the command mix, and the arrivals (a steady Poisson
// stream, or a day: a diurnal curve with classes of learners typing the same command within a minute).
import { exponential, type EngineRate, type SimJob } from './fleet-sim-model.js';

/**
 * Measured here (bench/README.md, "Last run", 2 vCPUs): one `run --rm whalesay boo` alone through dockerode (create,
 * attach, start, wait, remove) takes 245 ms (median; Stevedore's terminal path 243 ms), and 200 runs at the worker's
 * concurrency of 4 take 32.15 s through the same dockerode floor: 6.22 containers per second (Stevedore: 6.24), so
 * 643 ms each with 4 at once. Between 1 and 4 at once the rate is taken as a straight line; past 4 it stays at 6.22
 * (the engine's two vCPUs are full).
 */
export const LIFECYCLE_ALONE_S = 0.245;
export const BURST_RATE_AT_4 = 200 / 32.152;
export const MEASURED_SLOTS = 4;

export const measuredRate: EngineRate = (k) => {
  const alone = 1 / LIFECYCLE_ALONE_S;
  if (k <= 1) return alone;
  if (k >= MEASURED_SLOTS) return BURST_RATE_AT_4;
  return alone + ((BURST_RATE_AT_4 - alone) * (k - 1)) / (MEASURED_SLOTS - 1);
};

/**
 * The other operations as a share of a lifecycle, net of the CLI's start-up, from `bash bench/fleet-service-times.sh`
 * (each beside a `run --rm` in the same rounds; 10 rounds, medians): run -d 0.84, exec 0.14, rm -f 0.24, a pull the
 * engine already has 0.01; ps and logs were below the CLI's own start-up (taken as 0.02: a few ms of API call).
 */
export const WORK = { run: 1, runDetached: 0.84, exec: 0.14, rm: 0.24, pull: 0.02, list: 0.02 } as const;

export interface Kind {
  name: string;
  /** Share of all commands. */
  share: number;
  /** null: answered by the bot without a job (explain, help, jobs). */
  job: null | (Omit<SimJob, 'id' | 'arrival' | 'owner' | 'hold'> & { longShare?: number });
}

/**
 * The command mix: an assumption (no production traffic exists yet), chosen to lean on the engines: 48 % of
 * commands make or run a container. `longShare`: the share of foreground runs whose container runs on its own for
 * 0.5 to 5 s after its start (ping -c 3, sleep, a build step) and keeps its slot meanwhile; the rest are
 * whalesay-like, their run time inside the measured lifecycle. `pullWork`: a pull's work on each engine (a cached pull by
 * default; larger for pulls that fetch new layers).
 */
export function commandMix(longShare: number, pullWork: number = WORK.pull): Kind[] {
  const base = { creates: false, followUp: false, removes: false };
  return [
    { name: 'run', share: 0.4, job: { ...base, kind: 'run', work: WORK.run, slot: true, longShare } },
    { name: 'run -d', share: 0.08, job: { ...base, kind: 'run -d', work: WORK.runDetached, slot: true, creates: true } },
    { name: 'exec', share: 0.05, job: { ...base, kind: 'exec', work: WORK.exec, slot: true, followUp: true } },
    { name: 'logs', share: 0.1, job: { ...base, kind: 'logs', work: WORK.list, slot: false, followUp: true } },
    { name: 'rm', share: 0.05, job: { ...base, kind: 'rm', work: WORK.rm, slot: false, followUp: true, removes: true } },
    // Lists (ps, images, volume ls) gather from every host, and pull pulls on every host (src/sandbox/fleet-sandbox.ts):
    // each waits in the shared queue for a worker's place, and is answered when the slowest engine has answered.
    { name: 'list', share: 0.12, job: { ...base, kind: 'list', work: WORK.list, slot: true, everywhere: true } },
    { name: 'pull', share: 0.05, job: { ...base, kind: 'pull', work: pullWork, slot: true, everywhere: true } },
    { name: 'explain', share: 0.15, job: null },
  ];
}

/** Commands a minute through the day, as a share of the peak: a team's day in one time zone, with lunch and evening study. */
export const DIURNAL = [
  0.1, 0.06, 0.04, 0.03, 0.03, 0.05, 0.1, 0.25, 0.55, 0.85, 1, 0.95, 0.6, 0.8, 0.95, 1, 0.9, 0.75, 0.55, 0.6, 0.7, 0.65, 0.4, 0.2,
];

export interface Arrival {
  t: number;
  /** A class's command (the same for all 30 learners), or drawn from the mix. */
  kind?: string;
  owner?: number;
}

/** A Poisson stream at `perMinute`, for `seconds`. */
export function steadyArrivals(random: () => number, perMinute: number, seconds: number): Arrival[] {
  const out: Arrival[] = [];
  for (let t = exponential(random, 60 / perMinute); t < seconds; t += exponential(random, 60 / perMinute)) out.push({ t });
  return out;
}

/**
 * A day: Poisson arrivals whose rate follows DIURNAL (straight lines between the hours, peak `perMinute`), by
 * thinning; plus `classes` classes of `classSize` learners, each starting on the hour within its first ten minutes
 * (hours drawn from the curve between 9 and 21), every learner typing the same `run` within one minute.
 */
export function dayArrivals(random: () => number, perMinute: number, classes: number, classSize: number, users: number): Arrival[] {
  const out: Arrival[] = [];
  const peak = perMinute / 60;
  const at = (t: number) => {
    const h = t / 3600;
    const i = Math.floor(h) % 24;
    const f = h - Math.floor(h);
    return peak * (DIURNAL[i]! * (1 - f) + DIURNAL[(i + 1) % 24]! * f);
  };
  for (let t = exponential(random, 1 / peak); t < 86_400; t += exponential(random, 1 / peak)) if (random() * peak < at(t)) out.push({ t });
  const hours = DIURNAL.map((w, h) => (h >= 9 && h <= 21 ? w : 0));
  const total = hours.reduce((a, b) => a + b, 0);
  let owner = users; // learners are owners of their own, after the background users
  for (let c = 0; c < classes; c++) {
    let x = random() * total;
    const hour = hours.findIndex((w) => (x -= w) < 0);
    const begin = hour * 3600 + random() * 600;
    for (let l = 0; l < classSize; l++) out.push({ t: begin + random() * 60, kind: 'run', owner: owner++ });
  }
  return out.sort((a, b) => a.t - b.t);
}

/**
 * Turns arrivals into jobs: each draws its command from the mix (a class's is given), its owner among `users`,
 * and a foreground run its own run time. Follow-ups come from owners who have a container when they can (the
 * simulation pins them to its engine); an owner with none is answered by any engine, without a slot.
 */
export function toJobs(random: () => number, arrivals: Arrival[], mix: Kind[], users: number): { jobs: SimJob[]; botAnswered: number } {
  const jobs: SimJob[] = [];
  let botAnswered = 0;
  const cumulative = mix.map((k, i) => ({ k, upTo: mix.slice(0, i + 1).reduce((a, m) => a + m.share, 0) }));
  // Owners with a detached container, so follow-ups find theirs: recent makers are the likeliest to follow up.
  const makers: number[] = [];
  for (const a of arrivals) {
    const r = random();
    const kind = a.kind
      ? mix.find((m) => m.name === a.kind)!
      : (cumulative.find((c) => r < c.upTo) ?? cumulative[cumulative.length - 1]!).k;
    if (!kind.job) {
      botAnswered++;
      continue;
    }
    const { longShare, ...shape } = kind.job;
    let owner = a.owner ?? Math.floor(random() * users);
    if (shape.followUp && makers.length > 0) owner = makers[Math.max(0, makers.length - 1 - Math.floor(exponential(random, 50)))]!;
    if (shape.creates) makers.push(owner);
    const hold = longShare !== undefined && random() < longShare ? 0.5 + random() * 4.5 : 0;
    jobs.push({ ...shape, id: jobs.length, arrival: a.t, owner, hold });
  }
  return { jobs, botAnswered };
}
