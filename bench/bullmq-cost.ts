// BullMQ's own cost per job on this machine: queue.add, a worker's pick-up and the job's completion, for a job that
// does nothing, against the local Redis (127.0.0.1:6379) under a queue prefix of its own (removed after). The job
// options are the command queue's (src/queue/command-queue.ts). For each row: jobs per second, this process's CPU
// per job (BullMQ's and ioredis's JavaScript), Redis's CPU per job, the round trips and the Redis commands (those
// inside BullMQ's Lua scripts included) per job, and so Redis's CPU per command. Medians of the rounds. Then what
// idle workers ask of Redis (blocking fetches, stalled-job checks), per worker and second: a fleet's floor, counted
// by this process (the Redis is shared: its own counters would also hold other clients' traffic, printed first).
// Usage: npx tsx bench/bullmq-cost.ts [--jobs 5000] [--rounds 3] [--idle-workers 20] [--idle-seconds 10] [--port 6379]
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { arg, machine, median, percentile, printTable } from './report.js';

const JOBS = arg('jobs', 5000);
const ROUNDS = arg('rounds', 3);
const PORT = arg('port', 6379);
const IDLE_WORKERS = arg('idle-workers', 20);
const IDLE_SECONDS = arg('idle-seconds', 10);
const ADDS_IN_FLIGHT = 8;
const PREFIX = `{bench-bullmq-${process.pid}}`;
const connections: Redis[] = []; // BullMQ leaves a connection it was given open: each is closed at the end
const connect = () => {
  const c = new Redis({ host: '127.0.0.1', port: PORT, maxRetriesPerRequest: null });
  connections.push(c);
  return c;
};

// Every command any connection of this process sends (BullMQ's scripts are one EVALSHA each).
let roundTrips = 0;
const byName = new Map<string, number>();
const send = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (...args: Parameters<typeof send>) {
  roundTrips++;
  byName.set(args[0].name, (byName.get(args[0].name) ?? 0) + 1);
  return send.apply(this, args);
};

const probe = connect(); // INFO only, outside the measured windows
const connection = connect();
const queue = new Queue('command', {
  connection,
  prefix: PREFIX,
  defaultJobOptions: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 1000 },
  },
});
// A command job's shape and size (src/core/job.ts).
const payload = {
  v: 2,
  text: 'run --rm whalesay cowsay boo',
  who: { platform: 'slack', id: 'U0123456789', name: 'learner', locale: 'en' },
  replyTo: {
    platform: 'slack',
    channel: 'C0123456789',
    thread: '1712345678.123456',
    responseUrl: 'https://hooks.slack.com/commands/T0/1/abc',
  },
  reservation: 'r-0123456789',
};

const completed = new Set<string>();
const waiters = new Map<string, () => void>();
const done = (id: string) => new Promise<void>((resolve) => (completed.delete(id) ? resolve() : waiters.set(id, resolve)));

/** A worker with the command worker's options, ready and not yet taking jobs (`run()` starts it). */
async function readyWorker(concurrency: number): Promise<Worker> {
  const worker = new Worker('command', async () => 'ok', {
    connection: connect(),
    prefix: PREFIX,
    concurrency,
    autorun: false,
    lockDuration: 5000,
    stalledInterval: 5000,
    maxStalledCount: 1,
  });
  worker.on('completed', (job) => {
    const waiter = waiters.get(job.id!);
    if (waiter) (waiters.delete(job.id!), waiter());
    else completed.add(job.id!);
  });
  await worker.waitUntilReady();
  return worker;
}

/** Resolves when `worker` has completed `n` more jobs. */
const completions = (worker: Worker, n: number) =>
  new Promise<void>((resolve) => {
    let k = 0;
    const on = () => void (++k === n && (worker.off('completed', on), resolve()));
    worker.on('completed', on);
  });

async function redisNow(): Promise<{ cpuMs: number; commands: number }> {
  const info = await probe.info();
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)![1]);
  return { cpuMs: (field('used_cpu_user') + field('used_cpu_sys')) * 1000, commands: field('total_commands_processed') };
}

/** Runs `work` (which handles `jobs` jobs) and returns its figures; the probe's own INFO is taken off the commands. */
async function measure(jobs: number, work: () => Promise<number[]>): Promise<number[]> {
  const r0 = await redisNow();
  const trips0 = roundTrips;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const latencies = await work();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const trips = roundTrips - trips0;
  const r1 = await redisNow();
  const commands = r1.commands - r0.commands - 1;
  const redisMs = r1.cpuMs - r0.cpuMs;
  return [
    jobs / seconds,
    latencies.length ? percentile(latencies, 50) : NaN,
    (cpu.user + cpu.system) / 1000 / jobs,
    redisMs / jobs,
    trips / jobs,
    commands / jobs,
    (redisMs * 1000) / commands,
  ];
}

const addAll = async (n: number) => {
  let next = 0;
  const adder = async () => {
    while (next++ < n) await queue.add('command', payload);
  };
  await Promise.all(Array.from({ length: ADDS_IN_FLIGHT }, adder));
  return [];
};

/** `inFlight` users each adding a job and waiting for its completion, then the next. */
const closedLoop = async (n: number, inFlight: number) => {
  const latencies: number[] = [];
  let next = 0;
  const user = async () => {
    while (next++ < n) {
      const t = performance.now();
      const job = await queue.add('command', payload);
      await done(job.id!);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, user));
  return latencies;
};

const rows = new Map<string, number[][]>();
let idleCalls = '';
let others = '';
const record = (name: string, figures: number[]) => rows.set(name, [...(rows.get(name) ?? []), figures]);
try {
  const before = await redisNow();
  await new Promise((r) => setTimeout(r, 2000));
  const after = await redisNow();
  others = `other clients before the run: ${((after.commands - before.commands - 1) / 2).toFixed(0)} commands/s, ${((after.cpuMs - before.cpuMs) / 2).toFixed(1)} ms of Redis CPU/s`;
  const warm = await readyWorker(8);
  void warm.run();
  await closedLoop(500, 8);
  await warm.close();
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of [1, 8]) {
      record(`add alone, ${ADDS_IN_FLIGHT} in flight, no worker`, await measure(JOBS, () => addAll(JOBS)));
      const worker = await readyWorker(concurrency);
      const drain = async () => {
        const all = completions(worker, JOBS);
        void worker.run();
        await all;
        return [];
      };
      record(`pick-up and completion of a backlog, concurrency ${concurrency}`, await measure(JOBS, drain));
      completed.clear();
      const loop = () => closedLoop(JOBS, concurrency);
      record(`add, pick-up, completion: ${concurrency} in flight, concurrency ${concurrency}`, await measure(JOBS, loop));
      await worker.close();
    }
  }
  // Idle workers of the host worker's shape (concurrency 4), waiting on an empty queue for a while.
  const idle = await Promise.all(Array.from({ length: IDLE_WORKERS }, () => readyWorker(4)));
  for (const w of idle) void w.run();
  await new Promise((r) => setTimeout(r, 1000));
  byName.clear();
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  idleCalls = [...byName].map(([name, n]) => `${name} ${(n / (IDLE_WORKERS * IDLE_SECONDS)).toFixed(2)}`).join(', ');
  await Promise.all(idle.map((w) => w.close()));
} finally {
  await queue.obliterate({ force: true });
  await queue.close();
  await Promise.all(connections.map((c) => c.quit()));
}

const f = (x: number, digits: number) => (Number.isNaN(x) ? '' : x.toFixed(digits));
const version = (await import('bullmq/package.json', { with: { type: 'json' } })).default.version;
process.stdout.write(`BullMQ ${version}, ${machine()}, Redis 127.0.0.1:${PORT} (${others})\n`);
printTable(
  `${JOBS} jobs a row, median of ${ROUNDS} rounds; a job that does nothing, the command queue's job options`,
  [...rows].map(([name, runs]) => {
    const m = runs[0]!.map((_, i) => median(runs.map((r) => r[i]!)));
    return [name, f(m[0]!, 0), f(m[1]!, 2), f(m[2]!, 3), f(m[3]!, 3), f(m[4]!, 1), f(m[5]!, 1), f(m[6]!, 1)];
  }),
  [
    'row',
    'jobs/s',
    'add to done p50 (ms)',
    'this process CPU/job (ms)',
    'Redis CPU/job (ms)',
    'round trips/job',
    'Redis commands/job',
    'Redis µs/command',
  ],
);
process.stdout.write(
  `\n${IDLE_WORKERS} idle workers (concurrency 4, the command worker's options) on an empty queue for ${IDLE_SECONDS} s, ` +
    `round trips per worker a second: ${idleCalls}\n`,
);
