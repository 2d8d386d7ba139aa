import { describe, expect, it } from 'vitest';
import { exponential, rng, simulate, type SimJob } from '../../../bench/fleet-sim-model.js';
import { commandMix, dayArrivals, measuredRate, toJobs } from '../../../bench/fleet-sim-workload.js';

/** Poisson arrivals at `lambda` per second, each needing a slot, with the given work (at rate 1 per second). */
function poissonJobs(seed: number, lambda: number, count: number, work: (random: () => number) => number): SimJob[] {
  const random = rng(seed);
  const jobs: SimJob[] = [];
  let t = 0;
  for (let id = 0; id < count; id++) {
    t += exponential(random, 1 / lambda);
    jobs.push({
      id,
      kind: 'run',
      arrival: t,
      work: work(random),
      hold: 0,
      slot: true,
      creates: false,
      followUp: false,
      removes: false,
      owner: id,
    });
  }
  return jobs;
}

/** One job that takes a slot: a run, or (everywhere) a list or a pull that reaches every engine. */
const slotJob = (id: number, kind: string, arrival: number, work: number, everywhere = false): SimJob => ({
  id,
  kind,
  arrival,
  work,
  hold: 0,
  slot: true,
  everywhere,
  creates: false,
  followUp: false,
  removes: false,
  owner: id,
});

function meanWait(jobs: SimJob[], engines: number): number {
  const horizon = jobs[jobs.length - 1]!.arrival;
  const result = simulate(jobs, { engines, slots: 1, rate: () => 1 }, horizon);
  // The first tenth is the warm-up from an empty queue.
  const steady = result.jobs.slice(jobs.length / 10);
  return steady.reduce((a, j) => a + (j.start! - j.arrival), 0) / steady.length;
}

describe('fleet simulator', () => {
  const lambda = 1.2;
  const mu = 2; // service rate: mean work 0.5 s at rate 1

  it('gives an M/M/1 queue its known mean wait, rho / (mu - lambda)', () => {
    const rho = lambda / mu;
    const expected = rho / (mu - lambda); // 0.75 s
    const measured = meanWait(
      poissonJobs(7, lambda, 100_000, (r) => exponential(r, 1 / mu)),
      1,
    );
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.05);
  });

  it('gives an M/D/1 queue its known mean wait, rho / (2 mu (1 - rho))', () => {
    const rho = lambda / mu;
    const expected = rho / (2 * mu * (1 - rho)); // 0.375 s
    const measured = meanWait(
      poissonJobs(11, lambda, 100_000, () => 1 / mu),
      1,
    );
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.05);
  });

  it('shares one queue between engines like an M/M/2 queue (Erlang C)', () => {
    // Two engines of one slot each, arrivals at 2.4 per second: a = 1.2, rho = 0.6. Had each arrival gone to an
    // engine at random instead of the free one, the wait would be that of two M/M/1 queues: 0.75 s.
    const c = 2;
    const a = (2 * lambda) / mu;
    const rho = a / c;
    const p0 = 1 / (1 + a + (a * a) / (2 * (1 - rho)));
    const erlangC = ((a * a) / (2 * (1 - rho))) * p0;
    const expected = erlangC / (c * mu - 2 * lambda); // 0.281 s
    const measured = meanWait(
      poissonJobs(13, 2 * lambda, 100_000, (r) => exponential(r, 1 / mu)),
      c,
    );
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.05);
  });

  it('keeps pinned work on the engine that holds its container, and is the same for the same seed', () => {
    const run = () => {
      const random = rng(3);
      const { jobs } = toJobs(random, dayArrivals(random, 200, 20, 30, 300).slice(0, 40_000), commandMix(0.2), 300);
      return simulate(jobs, { engines: 5, slots: 4, rate: measuredRate }, jobs[jobs.length - 1]!.arrival);
    };
    const result = run();
    const byId = new Map(result.jobs.map((j) => [j.id, j]));
    const pinned = result.jobs.filter((j) => j.pinnedTo !== undefined);
    expect(pinned.length).toBeGreaterThan(1000);
    // Pinned work reached several engines, and every job ran on the engine its container was made on.
    expect(new Set(pinned.map((j) => j.pinnedTo)).size).toBe(5);
    for (const j of pinned) {
      const maker = byId.get(j.containerOf!)!;
      expect(maker.creates).toBe(true);
      expect(maker.owner).toBe(j.owner);
      expect(j.pinnedTo).toBe(maker.engine);
      expect(j.engine).toBe(j.pinnedTo);
    }
    // Every job ended, and none began before it arrived.
    expect(result.jobs.every((j) => j.end !== undefined && j.start! >= j.arrival)).toBe(true);
    const again = run();
    expect(again.jobs.map((j) => [j.engine, j.start])).toEqual(result.jobs.map((j) => [j.engine, j.start]));
  });

  it('runs a list on every engine, answers it when the slowest is done, and holds its place until then', () => {
    // Three engines of one slot, each doing 1 unit of work a second shared among its jobs.
    const jobs = [
      slotJob(0, 'run', 0, 2), // engine 0
      slotJob(1, 'list', 0.1, 0.5, true), // takes engine 1's slot; its part shares engine 0 with run 0
      slotJob(2, 'run', 0.2, 1), // engine 2, beside the list's part there
      slotJob(3, 'run', 0.3, 0.1), // no slot free: waits for the list's
    ];
    const result = simulate(jobs, { engines: 3, slots: 1, rate: () => 1 }, 10);
    const [run0, list, run1, run2] = result.jobs;
    expect(list!.engine).toBe(1);
    // Its part is done on engine 1 at 0.6 and on engine 2 at 1.0; engine 0, shared with run 0, is the last: 1.1.
    expect(list!.end).toBeCloseTo(1.1, 9);
    expect(run2!.engine).toBe(1);
    expect(run2!.start).toBeCloseTo(1.1, 9);
    expect(run0!.end).toBeCloseTo(2.5, 9); // slowed by the list's part while they shared engine 0
    expect(run1!.end).toBeCloseTo(1.6, 9);
    // Each engine did the list's 0.5 besides its own work.
    expect(result.engines.map((e) => e.workUse * 10)).toEqual([2.5, 0.6, 1.5].map((w) => expect.closeTo(w, 9)));
    expect(result.engines.map((e) => e.jobs)).toEqual([1, 2, 1]);
  });

  it("has a pull occupy each engine, and the day's lists and pulls reach every engine", () => {
    const pull = simulate([slotJob(0, 'pull', 0, 0.5, true)], { engines: 4, slots: 1, rate: () => 1 }, 1);
    expect(pull.jobs[0]!.end).toBeCloseTo(0.5, 9);
    expect(pull.engines.map((e) => e.workUse)).toEqual([0.5, 0.5, 0.5, 0.5].map((w) => expect.closeTo(w, 9)));

    const random = rng(5);
    const { jobs } = toJobs(random, dayArrivals(random, 200, 0, 30, 300).slice(0, 5_000), commandMix(0.2), 300);
    const everywhere = jobs.filter((j) => j.everywhere);
    expect(new Set(everywhere.map((j) => j.kind))).toEqual(new Set(['list', 'pull']));
    const horizon = 1e7; // past the last end: all the work is counted
    const one = simulate(jobs, { engines: 1, slots: 4, rate: measuredRate }, horizon);
    const five = simulate(jobs, { engines: 5, slots: 4, rate: measuredRate }, horizon);
    const workOf = (r: typeof one) => r.engines.reduce((a, e) => a + e.workUse, 0) * measuredRate(4) * horizon;
    // Five engines do each list and pull five times over: four more times their work than one engine does.
    const extra = everywhere.reduce((a, j) => a + j.work, 0) * 4;
    expect(workOf(five) - workOf(one)).toBeCloseTo(extra, 3);
    expect(five.jobs.every((j) => j.end! >= j.start! && j.start! >= j.arrival)).toBe(true);
  });
});
