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
});
