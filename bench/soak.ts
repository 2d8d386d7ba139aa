// Soak: N commands from U users through the real pipeline while workers are killed at random (SIGKILL).
// Prints the counts that must hold: accepted = final replies, no duplicates, no orphan containers, and the time
// each kill took to recover. Usage: npm run soak -- [--commands 1000] [--users 50] [--kill-every 15]
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import type { ChatRequest } from '../src/core/request.js';
import { dockerClient } from '../src/sandbox/docker-client.js';
import { startStack } from '../src/stack.js';
import { exited, spawnStevedore } from '../test/helpers/processes.js';
import { cleanUp, deploymentContainers } from '../test/helpers/test-stack.js';
import { arg, printTable } from './report.js';

const COMMANDS = arg('commands', 1000);
const USERS = arg('users', 50);
const KILL_EVERY_S = arg('kill-every', 15);
const WORKERS = 2;

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
};
const config = loadConfig({ ...process.env, ...env });
const stack = await startStack(config, { roles: new Set(['bot']), log: pino({ level: 'silent' }) });

// One delivery route for the soak: it counts final replies per job.
const finals = new Map<string, number>();
const waiting = new Map<string, () => void>();
const consumer = stack.deliveries.consume(
  'soak',
  async (d) => {
    if (d.kind !== 'final') return;
    finals.set(d.jobId, (finals.get(d.jobId) ?? 0) + 1);
    waiting.get(d.jobId)?.();
  },
  pino({ level: 'silent' }),
);

const workers = Array.from({ length: WORKERS }, () => spawnStevedore(env, 'worker'));
const kills: { at: number; active: string[]; recoveredMs?: number }[] = [];
let accepted = 0;
let refused = 0;
let sent = 0;
const started = Date.now();

async function user(u: number): Promise<void> {
  while (sent < COMMANDS) {
    const n = sent++;
    const request: ChatRequest = {
      platform: 'terminal',
      userId: `soak-user-${u}`,
      channelId: 'soak',
      text: `run --rm busybox echo ${u}-${n}`,
      replyTo: { route: 'soak', channelId: 'soak' },
    };
    const answer = await stack.handle!(request);
    if (answer.kind !== 'queued') {
      refused += 1;
      continue;
    }
    accepted += 1;
    await new Promise<void>((resolve) => {
      if (finals.has(answer.queued.jobId)) return resolve();
      waiting.set(answer.queued.jobId, resolve);
    });
  }
}

const killer = setInterval(async () => {
  const victim = Math.floor(Math.random() * workers.length);
  const active = (await stack.commandQueue.queue.getActive()).map((j) => j.id!);
  workers[victim]!.kill('SIGKILL');
  await exited(workers[victim]!);
  kills.push({ at: Date.now(), active });
  workers[victim] = spawnStevedore(env, 'worker');
}, KILL_EVERY_S * 1000);

await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
clearInterval(killer);
const elapsed = Date.now() - started;

// Recovery of a kill: until every job that was active at that moment had its final reply.
for (const kill of kills) {
  const done = await Promise.all(kill.active.map(async (jobId) => (await stack.commandQueue.queue.getJob(jobId))?.finishedOn ?? 0));
  kill.recoveredMs = Math.max(0, ...done) - kill.at;
}
await new Promise((r) => setTimeout(r, 2000)); // a doubled reply would arrive by now
const orphans = (await deploymentContainers(dockerClient(config), config)).length;
const duplicates = [...finals.values()].filter((n) => n > 1).length;

printTable('Soak', [
  ['commands sent', String(sent)],
  ['users', String(USERS)],
  ['accepted (queued)', String(accepted)],
  ['refused at the door', String(refused)],
  ['final replies', String(finals.size)],
  ['missing replies', String(accepted - finals.size)],
  ['duplicate replies', String(duplicates)],
  ['orphan containers', String(orphans)],
  ['worker kills (SIGKILL)', String(kills.length)],
  ['recovery per kill (ms)', kills.map((k) => k.recoveredMs).join(', ') || '-'],
  ['duration (s)', (elapsed / 1000).toFixed(1)],
  ['containers per second', (finals.size / (elapsed / 1000)).toFixed(2)],
]);

for (const w of workers) w.kill('SIGTERM');
await Promise.all(workers.map(exited));
await consumer.close();
await stack.close();
await cleanUp(config);
process.exit(accepted === finals.size && duplicates === 0 && orphans === 0 ? 0 : 1);
