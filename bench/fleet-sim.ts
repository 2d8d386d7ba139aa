// Fleet simulation: a day of commands (or a steady stream) against N simulated engines with the service times
// measured on this project's machine, one shared queue taken by the free engine, follow-ups pinned to their
// container's engine. Simulated time only: no engine, no Redis, no timers. Deterministic for a seed.
// Prints queue wait p50/p99 of the jobs that make or run a container (run, run -d, exec), the latency of lists and
// pulls (queue wait and the slowest engine's answer: they reach every engine), and each engine's use.
// Usage: npm run fleet:sim -- [--rate 1000] [--seed 1] [--minutes 60] [--slots 4] [--long-share 0.2]
//                             [--classes 100] [--users 2000] [--pull-work 0.02] [--engines 1,2,5,20,100]
import { rng, simulate, type SimJob } from './fleet-sim-model.js';
import { commandMix, dayArrivals, measuredRate, steadyArrivals, toJobs, WORK } from './fleet-sim-workload.js';
import { arg, percentile, printTable } from './report.js';

const RATE = arg('rate', 1000);
const SEED = arg('seed', 1);
const MINUTES = arg('minutes', 60);
const SLOTS = arg('slots', 4);
const LONG_SHARE = arg('long-share', 0.2);
const CLASSES = arg('classes', 100);
const USERS = arg('users', 2000);
const PULL_WORK = arg('pull-work', WORK.pull);
const enginesAt = process.argv.indexOf('--engines');
const ENGINES = (enginesAt >= 0 ? process.argv[enginesAt + 1]! : '1,2,5,20,100').split(',').map(Number);

const mix = commandMix(LONG_SHARE, PULL_WORK);
const fmt = (s: number) => (s < 10 ? s.toFixed(2) : s < 1000 ? s.toFixed(0) : `${(s / 60).toFixed(0)} min`);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const fine = (s: number) => (s < 1 ? s.toFixed(3) : fmt(s));
/** p50 / p99 of arrival to answer, of the jobs of one kind. */
const latency = (jobs: SimJob[], kind: string) => {
  const times = jobs.filter((j) => j.kind === kind).map((j) => j.end! - j.arrival);
  return `${fine(percentile(times, 50))} / ${fine(percentile(times, 99))}`;
};

function rows(jobs: SimJob[], horizon: number): string[][] {
  return ENGINES.map((n) => {
    const work = jobs.reduce((a, j) => a + j.work * (j.everywhere ? n : 1), 0);
    const result = simulate(jobs, { engines: n, slots: SLOTS, rate: measuredRate }, horizon);
    const waits = result.jobs.filter((j) => j.slot && !j.everywhere).map((j) => j.start! - j.arrival);
    const moved = result.jobs.filter((j) => j.pinnedTo !== undefined && j.engine !== j.pinnedTo).length;
    const use = result.engines.map((e) => e.slotUse);
    const shown =
      n <= 5 ? use.map(pct).join(' ') : `${pct(Math.min(...use))} / ${pct(use.reduce((a, b) => a + b, 0) / n)} / ${pct(Math.max(...use))}`;
    return [
      String(n),
      (work / (horizon * n * measuredRate(SLOTS))).toFixed(2),
      String(waits.length),
      fmt(percentile(waits, 50)),
      fmt(percentile(waits, 99)),
      fmt(waits.reduce((a, b) => Math.max(a, b), 0)),
      latency(result.jobs, 'list'),
      latency(result.jobs, 'pull'),
      shown,
      String(moved),
      result.drainedAt > horizon + 60 ? `+${fmt(result.drainedAt - horizon)}` : 'yes',
    ];
  });
}

const header = [
  'engines',
  'engine load',
  'slot jobs',
  'wait p50 (s)',
  'wait p99 (s)',
  'wait max (s)',
  'list p50 / p99 (s)',
  'pull p50 / p99 (s)',
  'slot use per engine (min / mean / max)',
  'pinned moved',
  'drained',
];

process.stdout.write(
  `Fleet simulation, seed ${SEED}: ${SLOTS} slots per engine, one lifecycle 245 ms alone and 6.22/s with 4 at once ` +
    `(bench/README.md), ${pct(LONG_SHARE)} of foreground runs keep their slot 0.5-5 s longer.\n` +
    `engine load: the engine work offered over what the engines do at full slots (above 1: the queue grows).\n` +
    `wait: run, run -d and exec, from arrival to a slot. list (ps, images, volume ls) and pull: from arrival to the ` +
    `answer of the slowest engine (each reaches every engine).\n`,
);

const steadyRandom = rng(SEED);
const steady = toJobs(steadyRandom, steadyArrivals(steadyRandom, RATE, MINUTES * 60), mix, USERS);
printTable(
  `Steady: ${RATE} commands a minute (Poisson) for ${MINUTES} min; ${steady.jobs.length} jobs, ${steady.botAnswered} answered by the bot`,
  rows(steady.jobs, MINUTES * 60),
  header,
);

const dayRandom = rng(SEED + 1);
const day = toJobs(dayRandom, dayArrivals(dayRandom, RATE, CLASSES, 30, USERS), mix, USERS);
printTable(
  `A day: peak ${RATE} commands a minute on a diurnal curve, ${CLASSES} classes of 30 learners running the same ` +
    `command within a minute; ${day.jobs.length + day.botAnswered} commands, ${day.botAnswered} answered by the bot`,
  rows(day.jobs, 86_400),
  header,
);
