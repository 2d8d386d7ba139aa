// Soak: N commands from U users through the real pipeline while workers are killed at random (SIGKILL). It prints
// progress while it runs (sent, accepted, finals, kills), stops at an overall deadline whatever happens, and ends
// with the counts that must hold: every accepted command one final reply, no duplicates, no orphan containers or
// volumes, and the time each kill took to recover. Exits 1 when a count that must be zero is not.
// Usage: npm run soak -- [--commands 1000] [--users 50] [--kill-every 15] [--deadline SECONDS]
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startStack } from '../src/stack.js';
import { exited, spawnStevedore } from '../test/helpers/processes.js';
import { cleanUp } from '../test/helpers/test-stack.js';
import { orphans, runLoad, within } from './load-run.js';
import { arg, median, printTable } from './report.js';

const COMMANDS = arg('commands', 1000);
const USERS = arg('users', 50);
const KILL_EVERY_S = arg('kill-every', 15);
const DEADLINE_S = arg('deadline', 120 + Math.ceil(COMMANDS * 0.6));
const WORKERS = 2;
const started = Date.now();
// However the run goes, the process ends: the deadline, then a minute for the table and the clean-up at most.
setTimeout(
  () => {
    process.stderr.write('soak: the clean-up after the deadline did not end; exiting\n');
    process.exit(2);
  },
  (DEADLINE_S + 60) * 1000,
).unref();

const id = Date.now().toString(36);
const policyFile = join(tmpdir(), `stevedore-soak-${id}.yaml`);
writeFileSync(
  policyFile,
  'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000, queuedJobs: 10, queueDepth: 5000 }\n',
);
const env: Record<string, string> = {
  QUEUE_PREFIX: `{sv-soak-${id}}`,
  STEVEDORE_DEPLOYMENT: `soak-${id}`,
  POLICY_FILE: policyFile,
  LOG_LEVEL: 'silent',
  JOB_LOCK: '3s',
  WORKER_CONCURRENCY: '4',
  // Each worker process serves /metrics: on a port of its own, or the second would fail to start.
  HEALTH_PORT: '0',
};
const config = loadConfig({ ...process.env, ...env });
const stack = await startStack(config, { roles: new Set(['bot']), log: pino({ level: 'silent' }) });

const workers = Array.from({ length: WORKERS }, () => spawnStevedore(env, 'worker'));
// Stopped by a signal, the soak takes its workers with it: none is left running against its queue.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const w of workers) w.kill('SIGKILL');
    process.exit(130);
  });
const kills: { at: number; active: string[] }[] = [];
let stopKilling = false;
/**
 * A worker killed every KILL_EVERY_S seconds, but never before its replacement has registered with the queue:
 * on a loaded machine a worker can take longer than that to start, and killing starting workers tests nothing.
 */
const killer = (async () => {
  while (!stopKilling) {
    await new Promise((r) => setTimeout(r, KILL_EVERY_S * 1000));
    while (!stopKilling && (await stack.commandQueue.queue.getWorkersCount().catch(() => 0)) < WORKERS)
      await new Promise((r) => setTimeout(r, 200));
    if (stopKilling) return;
    const victim = Math.floor(Math.random() * workers.length);
    const active = (await stack.commandQueue.queue.getActive().catch(() => [])).map((j) => j.id!);
    workers[victim]!.kill('SIGKILL');
    await exited(workers[victim]!);
    kills.push({ at: Date.now(), active });
    workers[victim] = spawnStevedore(env, 'worker');
  }
})();

const result = await runLoad(stack, 'soak', {
  commands: COMMANDS,
  users: USERS,
  deadlineMs: started + DEADLINE_S * 1000,
  text: (u, n) => `run --rm busybox echo ${u}-${n}`,
  progress: (line) => process.stdout.write(`soak: ${line}\n`),
  extra: () => `kills ${kills.length}`,
});
stopKilling = true;
await within(killer, 10_000, undefined);

// Recovery of a kill: until every job that was active at that moment had its final reply (unanswered: not counted).
const recoveries = kills
  .filter((k) => k.active.length && k.active.every((j) => result.answeredAt.has(j)))
  .map((k) => Math.max(0, ...k.active.map((j) => result.answeredAt.get(j)! - k.at)));
// A doubled reply would be queued by now; the deliveries of the route are drained before counting.
await within(
  (async () => {
    while ((await stack.deliveries.pending('soak')) > 0) await new Promise((r) => setTimeout(r, 200));
  })(),
  5000,
  undefined,
);
const left = await within(orphans(config), 10_000, { containers: -1, volumes: -1 });
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
const places = await within(redis.zcard(`${config.queuePrefix}:admitted`), 5000, -1);
redis.disconnect();

printTable('Soak', [
  ['commands sent', String(result.sent)],
  ['users', String(USERS)],
  ['accepted (queued)', String(result.accepted)],
  ['refused at the door', String(result.refused)],
  ['final replies', String(result.finals.size)],
  ['  of which errors (lost jobs told so)', String(result.failedFinals)],
  ['missing replies', String(result.missing.length) + (result.missing.length ? ` (#${result.missing.slice(0, 10).join(', #')})` : '')],
  ['duplicate replies', String(result.duplicates)],
  ['orphan containers / volumes', `${left.containers} / ${left.volumes}`],
  ['admission places not given back', String(places)],
  ['worker kills (SIGKILL)', String(kills.length)],
  [
    'recovery per kill, p50 / max (s)',
    recoveries.length ? `${(median(recoveries) / 1000).toFixed(1)} / ${(Math.max(...recoveries) / 1000).toFixed(1)}` : '-',
  ],
  ['deadline reached', result.timedOut ? `yes (${DEADLINE_S} s)` : 'no'],
  ['duration (s)', (result.elapsedMs / 1000).toFixed(1)],
  ['containers per second', (result.finals.size / (result.elapsedMs / 1000)).toFixed(2)],
]);

const ok = result.missing.length === 0 && result.duplicates === 0 && left.containers === 0 && left.volumes === 0 && !result.timedOut;
for (const w of workers) w.kill('SIGTERM');
await within(Promise.all(workers.map(exited)), 30_000, undefined);
for (const w of workers) w.kill('SIGKILL');
await within(stack.close(), 10_000, undefined);
await within(cleanUp(config), 15_000, undefined);
process.exit(ok ? 0 : 1);
