// `npm run bench`: how fast Stevedore answers and runs, side by side with the floors measured in the same run
// (a bare Bolt app, the bare dockerode lifecycle, `docker run --rm`). Prints one table; writes bench/results.json.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { chatBenchEnv } from './chat-env.js';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { commands } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import { splitArgv } from '../src/core/argv.js';
import { explainCommandLine } from '../src/explain/explain-command.js';
import { renderCommandExplanation } from '../src/explain/render-explanation.js';
import { startStack } from '../src/stack.js';
import { DiscordStandIn } from '../test/stand-ins/discord-stand-in.js';
import { SlackStandIn, postSlashCommand } from '../test/stand-ins/slack-stand-in.js';
import { exited, spawnStevedore, until } from '../test/helpers/processes.js';
import { cleanUp } from '../test/helpers/test-stack.js';
import { dockerodeLifecycle, cliLifecycle } from './floors.js';
import { fleetBurst } from './fleet-burst.js';
import { arg, cpuMsOf, machine, median, percentile, pidOf, printTable, runScript } from './report.js';

const ROOT = resolve(import.meta.dirname, '..');
const SECRET = 'bench-signing-secret';
const ACKS = arg('acks', 1000);
const ACK_CONCURRENCY = arg('ack-concurrency', 50);
const E2E_RUNS = arg('e2e', 10);
const BURST = arg('burst', 200);
const BURST_USERS = 20;

const slack = new SlackStandIn();
const discord = new DiscordStandIn();
await slack.start();
await discord.start();
const id = Date.now().toString(36);
const env = chatBenchEnv(id, {
  slack,
  discord,
  signingSecret: SECRET,
  policy:
    'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000000, queuedJobs: 100000, queueDepth: 1000000, runningContainers: 100 }\n',
});
const slackPort = Number(env.SLACK_PORT);
const config = loadConfig({ ...process.env, ...env });
const rows: string[][] = [];
const results: Record<string, unknown> = { machine: machine(), when: new Date().toISOString() };
/** Progress on standard error, so a long run shows where it is. */
const step = (what: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
const row = (name: string, value: string, floor = '', ratio = '', target = '', met = '') =>
  rows.push([name, value, floor, ratio, target, met]);

// The roles as a deployment runs them: one compiled process each.
execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
const roles: Record<string, ChildProcess> = {
  bot: spawnStevedore(env, 'bot', true),
  worker: spawnStevedore(env, 'worker', true),
  scheduler: spawnStevedore(env, 'scheduler', true),
};
process.on('exit', () => Object.values(roles).forEach((c) => c.kill('SIGKILL'))); // never leave them behind
const rss = (p: ChildProcess) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))![1]) / 1024;
step('starting the roles');
await until(
  async () =>
    (await postSlashCommand(slackPort, SECRET, { text: 'help', trigger_id: `warm-${Date.now()}` }).catch(() => ({ status: 0 }))).status ===
    200,
  30_000,
  'the bot',
);
// A terminal of the bench's own on the same queue (no chat tokens: the bot process holds those).
const terminalConfig = loadConfig({ ...process.env, ...env, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' });
const local = await startStack(terminalConfig, {
  roles: new Set(['bot']),
  log: pino({ level: 'silent' }),
  terminalOut: new PassThrough(),
  terminalUser: 'bench',
});
await until(async () => (await local.commandQueue.queue.getWorkers()).length >= 1, 30_000, 'the worker');
await new Promise((r) => setTimeout(r, 3000));
const idle = Object.fromEntries(Object.entries(roles).map(([k, p]) => [k, rss(p)]));

async function drain(): Promise<void> {
  step('waiting for the queue and the replies to drain');
  await until(
    async () => {
      const c = await local.commandQueue.queue.getJobCounts('waiting', 'active', 'delayed');
      const replies = (await local.deliveries.pending('slack')) + (await local.deliveries.pending('discord'));
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + replies === 0;
    },
    300_000,
    'the queue and the replies to drain',
  );
}

/** The load process, separate from this one (which hosts the chat stand-ins and must keep answering). */
async function load(
  port: number,
  total: number,
  concurrency: number,
): Promise<{ latencies: number[]; failures: number; wallMs: number; cpuMs: number }> {
  const out = await runScript(ROOT, join(ROOT, 'bench/load.ts'), [String(port), SECRET, String(total), String(concurrency), 'ps']);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

// 1. Acknowledgement: Stevedore's bot against a bare Bolt app, interleaved, same load process and settings.
step('acknowledgements');
const bare = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/bare-bolt.ts'), SECRET, slack.apiUrl], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const barePort = await new Promise<number>((r) => bare.stdout!.once('data', (d: Buffer) => r(Number(d.toString().trim()))));
const ack = { stevedore: [] as number[], floor: [] as number[], stevedoreWall: 0, floorWall: 0, failures: 0 };
// Where the CPU goes while Stevedore acknowledges: each of its processes, and the services they share the cores with.
const accounted: Record<string, number | undefined> = {
  bot: roles.bot!.pid,
  worker: roles.worker!.pid,
  scheduler: roles.scheduler!.pid,
  'redis-server': pidOf('redis-server'),
  dockerd: pidOf('dockerd'),
  containerd: pidOf('containerd'),
  'bench (stand-ins)': process.pid,
};
const ackCpu: Record<string, number> = {};
const floorCpu: Record<string, number> = { 'bare Bolt': 0, load: 0 };
// Both warm, as a running deployment is: a few hundred requests get the hot paths compiled.
await load(barePort, 500, ACK_CONCURRENCY);
await load(slackPort, 500, ACK_CONCURRENCY);
await drain();
for (let round = 0; round < 2; round++) {
  const bareBefore = cpuMsOf(bare.pid!);
  const f = await load(barePort, ACKS / 2, ACK_CONCURRENCY);
  floorCpu['bare Bolt']! += cpuMsOf(bare.pid!) - bareBefore;
  floorCpu.load! += f.cpuMs;
  ack.floor.push(...f.latencies);
  ack.floorWall += f.wallMs;
  const before = Object.fromEntries(Object.entries(accounted).map(([k, pid]) => [k, pid ? cpuMsOf(pid) : 0]));
  const s = await load(slackPort, ACKS / 2, ACK_CONCURRENCY);
  for (const [k, pid] of Object.entries(accounted)) ackCpu[k] = (ackCpu[k] ?? 0) + (pid ? cpuMsOf(pid) - before[k]! : 0);
  ackCpu.load = (ackCpu.load ?? 0) + s.cpuMs;
  ack.stevedore.push(...s.latencies);
  ack.stevedoreWall += s.wallMs;
  ack.failures += s.failures + f.failures;
  await drain();
}
const single = { stevedore: (await load(slackPort, 100, 1)).latencies, floor: (await load(barePort, 100, 1)).latencies };
bare.kill();
await drain();
const p = (xs: number[], q: number) => percentile(xs, q).toFixed(1);
const ackRate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
row(`ack p50 (ms), ${ACKS} at concurrency ${ACK_CONCURRENCY}`, p(ack.stevedore, 50), p(ack.floor, 50));
row('ack p95 (ms)', p(ack.stevedore, 95), p(ack.floor, 95));
const ackP99Ratio = percentile(ack.stevedore, 99) / percentile(ack.floor, 99);
row('ack p99 (ms)', p(ack.stevedore, 99), p(ack.floor, 99), ackP99Ratio.toFixed(2), '≤ 1.5', ackP99Ratio <= 1.5 ? 'yes' : 'no');
const rateRatio = ack.stevedore.length / ack.stevedoreWall / (ack.floor.length / ack.floorWall);
row(
  'acks per second',
  ackRate(ack.stevedore.length, ack.stevedoreWall),
  ackRate(ack.floor.length, ack.floorWall),
  rateRatio.toFixed(2),
  '≥ 0.7',
  rateRatio >= 0.7 ? 'yes' : 'no',
);
row('ack p50 (ms), concurrency 1', p(single.stevedore, 50), p(single.floor, 50));
row('ack failures', String(ack.failures));
const perAck = (cpu: Record<string, number>, n: number) =>
  Object.entries(cpu)
    .filter(([, ms]) => ms > 0)
    .map(([k, ms]) => `${k} ${(ms / n).toFixed(2)}`)
    .join(', ');
row('CPU per ack (ms), by process', perAck(ackCpu, ack.stevedore.length), perAck(floorCpu, ack.floor.length));
results.ack = { ...ack, single, cpuMs: ackCpu, floorCpuMs: floorCpu };

// Discord: from INTERACTION_CREATE to the deferral reaching Discord.
const deferrals: number[] = [];
for (let batch = 0; batch < 10; batch++) {
  const sent = Array.from({ length: 20 }, () => ({
    at: performance.now() + performance.timeOrigin,
    ...discord.slashCommand({ user: '500', channel: '600', sub: 'ps' }),
  }));
  await until(
    () => sent.every((s) => discord.find('POST', new RegExp(`/interactions/\\d+/${s.token}/callback$`)).length),
    30_000,
    'deferrals',
  );
  for (const s of sent) deferrals.push(discord.find('POST', new RegExp(`/interactions/\\d+/${s.token}/callback$`))[0]!.at - s.at);
}
await drain();
row(
  'Discord deferral p50 / p99 (ms), 20 at once',
  `${p(deferrals, 50)} / ${p(deferrals, 99)}`,
  '',
  '',
  '< 3000',
  percentile(deferrals, 99) < 3000 ? 'yes' : 'no',
);
results.discordDeferralMs = deferrals;

// 2. End to end, interleaved with the floors.
step('end to end');
const e2e = { terminal: [] as number[], slack: [] as number[], dockerode: [] as number[], cli: [] as number[] };
for (let i = 0; i < E2E_RUNS; i++) {
  let t = performance.now();
  const reply = await local.terminal!.submit('run --rm whalesay boo');
  if (!reply.code?.text.includes('< boo >')) throw new Error('no whale');
  e2e.terminal.push(performance.now() - t);
  const marker = `boo-${i}`;
  t = Date.now();
  await postSlashCommand(slackPort, SECRET, {
    text: `run --rm whalesay ${marker}`,
    trigger_id: `e2e-${id}-${i}`,
    user_id: 'UE2E',
    channel_id: 'C1',
  });
  await until(
    () => slack.find('chat.update').some((c) => JSON.stringify(c.args.blocks ?? '').includes(`&lt; ${marker} &gt;`)),
    60_000,
    'the Slack whale',
  );
  e2e.slack.push(slack.find('chat.update').find((c) => JSON.stringify(c.args.blocks ?? '').includes(`&lt; ${marker} &gt;`))!.at - t);
  e2e.dockerode.push(await dockerodeLifecycle(config));
  e2e.cli.push(cliLifecycle());
}
const e2eRatio = median(e2e.terminal) / median(e2e.dockerode);
row(
  'run whalesay boo, terminal, median (ms)',
  median(e2e.terminal).toFixed(0),
  median(e2e.dockerode).toFixed(0),
  e2eRatio.toFixed(2),
  '≤ 1.10 × dockerode',
  e2eRatio <= 1.1 ? 'yes' : 'no',
);
const slackRatio = median(e2e.slack) / median(e2e.dockerode);
row(
  'run whalesay boo, Slack, median (ms)',
  median(e2e.slack).toFixed(0),
  median(e2e.dockerode).toFixed(0),
  slackRatio.toFixed(2),
  '≤ 1.10 × dockerode',
  slackRatio <= 1.1 ? 'yes' : 'no',
);
row(
  'floor: docker run --rm (CLI), median (ms)',
  median(e2e.cli).toFixed(0),
  '',
  '',
  'Stevedore below it',
  median(e2e.terminal) < median(e2e.cli) ? 'yes' : 'no',
);
results.e2e = e2e;

// 3. Burst: many users at once; every reply once.
step('burst');
const before = slack.find('chat.update').length;
const burstStart = Date.now();
await Promise.all(
  Array.from({ length: BURST }, (_, i) =>
    postSlashCommand(slackPort, SECRET, {
      text: `run --rm busybox echo burst-${i}`,
      trigger_id: `burst-${id}-${i}`,
      user_id: `UB${i % BURST_USERS}`,
      channel_id: 'C1',
    }),
  ),
);
const finals = () =>
  slack
    .find('chat.update')
    .slice(before)
    .filter((c) => /burst-\d+/.test(JSON.stringify(c.args.blocks ?? '')) && JSON.stringify(c.args.blocks).includes('Exit code'));
await until(() => new Set(finals().map((c) => c.args.ts)).size >= BURST, 600_000, 'every burst reply');
const burstMs = Math.max(...finals().map((c) => c.at)) - burstStart;
const doubled = finals().length - new Set(finals().map((c) => c.args.ts)).size;
const concurrency = config.workerConcurrency;
const floorStart = performance.now();
let nextFloor = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (nextFloor++ < BURST) await dockerodeLifecycle(config, 'true');
  }),
);
const floorMs = performance.now() - floorStart;
const burstRatio = BURST / burstMs / (BURST / floorMs);
row(
  `burst: ${BURST} runs from ${BURST_USERS} users, containers/s`,
  (BURST / (burstMs / 1000)).toFixed(2),
  (BURST / (floorMs / 1000)).toFixed(2),
  burstRatio.toFixed(2),
  '≥ 0.9 × floor',
  burstRatio >= 0.9 ? 'yes' : 'no',
);
row('burst: time to the last reply (s)', (burstMs / 1000).toFixed(1), (floorMs / 1000).toFixed(1));
row(
  'burst: replies missing / doubled',
  `${BURST - new Set(finals().map((c) => c.args.ts)).size} / ${doubled}`,
  '',
  '',
  '0 / 0',
  doubled === 0 ? 'yes' : 'no',
);
results.burst = { burstMs, floorMs, concurrency, doubled };

// 3b. The fleet's burst: two engines of the bench's own, one worker serving both, against both driven directly.
const fleet = await fleetBurst({ burst: arg('fleet-burst', 100), slots: concurrency, compiled: true, step });
rows.push(...fleet.rows);
results.fleetBurst = fleet.results;

// 4. Explain: pure CPU, no Docker and no Redis.
step('explain');
const corpus = [
  'run whalesay boo',
  'run --rm -v data:/data --name web docker/whalesay:latest cowsay hi',
  'run -d --name site -v site:/www web',
  'run -it --rm busybox sh',
  'run --privileged -v /:/host busybox',
  'run -m 128m --cpus 1 -e A=1 -e B=2 --hostname h busybox env',
  'pull docker/whalesay:latest',
  'image pull nginx:1.25',
  'images',
  'ps -a',
  'rm -f web',
  'rmi busybox',
  'logs -n 20 web',
  'stop -t 5 web',
  'start web',
  'restart web',
  'inspect web',
  'container run --frobnicate busybox',
  `run localhost:5000/a/b@sha256:${'a'.repeat(64)}`,
  'cp index.html site:/www/index.html',
  'exec site ls /www',
  'volume create data',
  'run --mount type=volume,src=v,dst=/v busybox',
];
const envExplain = {
  who: { platform: 'terminal' as const, userId: 'bench', channelId: 'bench', admin: true },
  settings: config,
  registry: commands,
};
const explainOnce = (line: string) => renderCommandExplanation(explainCommandLine(splitArgv(line), envExplain, 'en'), 'en');
corpus.forEach(explainOnce); // warm: the lifecycle pictures are drawn once per path
const explainMs: number[] = [];
for (let i = 0; i < 200; i++) {
  for (const line of corpus) {
    const t = performance.now();
    explainOnce(line);
    explainMs.push(performance.now() - t);
  }
}
row(
  `explain p50 / p99 (ms), ${explainMs.length} explanations`,
  `${percentile(explainMs, 50).toFixed(3)} / ${percentile(explainMs, 99).toFixed(3)}`,
  '',
  '',
  'p99 < 5',
  percentile(explainMs, 99) < 5 ? 'yes' : 'no',
);
results.explainMs = { p50: percentile(explainMs, 50), p99: percentile(explainMs, 99) };

// 5. Memory of each role.
step('memory');
const after = Object.fromEntries(Object.entries(roles).map(([k, p]) => [k, rss(p)]));
for (const role of Object.keys(roles)) {
  row(
    `resident memory, ${role} (MB): idle / after the burst`,
    `${idle[role]!.toFixed(0)} / ${after[role]!.toFixed(0)}`,
    '',
    '',
    'idle < 150',
    idle[role]! < 150 ? 'yes' : 'no',
  );
}
results.memoryMb = { idle, after };

printTable(`Stevedore benchmark (${machine()})`, rows, ['measure', 'Stevedore', 'floor', 'ratio', 'target', 'met']);
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

for (const child of Object.values(roles)) child.kill('SIGTERM');
await Promise.all(Object.values(roles).map(exited));
await local.close();
await cleanUp(config);
await slack.stop();
await discord.stop();
process.exit(0);
