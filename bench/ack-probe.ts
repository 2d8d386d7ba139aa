// A probe for the acknowledgement path alone: one bot (Slack HTTP) with no worker, one load process, and the
// bare Bolt floor measured in the same run. `--profile FILE` writes a CPU profile of the bot's rounds.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startStack } from '../src/stack.js';
import { SlackStandIn } from '../test/stand-ins/slack-stand-in.js';
import { cleanUp } from '../test/helpers/test-stack.js';
import { until } from '../test/helpers/processes.js';
import { arg, cpuMsOf, percentile, pidOf, runScript } from './report.js';

const ROOT = resolve(import.meta.dirname, '..');
const slack = new SlackStandIn();
await slack.start();
const id = Date.now().toString(36);
const policyFile = join(tmpdir(), `stevedore-probe-${id}.yaml`);
writeFileSync(
  policyFile,
  'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000000, queuedJobs: 100000, queueDepth: 1000000 }\n',
);
const config = loadConfig({
  ...process.env,
  QUEUE_PREFIX: `{sv-probe-${id}}`,
  STEVEDORE_DEPLOYMENT: `probe-${id}`,
  POLICY_FILE: policyFile,
  LOG_LEVEL: 'warn',
  SLACK_BOT_TOKEN: 'xoxb',
  SLACK_SIGNING_SECRET: 's',
  SLACK_API_URL: slack.apiUrl,
  SLACK_PORT: '0',
  SLACK_HOST: '127.0.0.1',
});
const stack = await startStack(config, { roles: new Set(['bot']), log: pino({ level: 'warn' }) });
const port = stack.slackAddress!.port;
const profileAt = process.argv.indexOf('--profile');
const profile = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
/** CPU time used so far by the Redis server (for the cost of each ack on Redis's side). */
const redisPid = pidOf('redis-server');
const redisCpuMs = () => (redisPid ? cpuMsOf(redisPid) : 0);
async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}
const bare = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/bare-bolt.ts'), 's', slack.apiUrl], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const barePort = await new Promise<number>((r) => bare.stdout!.once('data', (d: Buffer) => r(Number(d.toString().trim()))));
const text = process.argv.includes('--text') ? process.argv[process.argv.indexOf('--text') + 1]! : 'ps';
const run = async (p: number, n: number, c: number) =>
  JSON.parse((await runScript(ROOT, join(ROOT, 'bench/load.ts'), [String(p), 's', String(n), String(c), text])).trim().split('\n').at(-1)!);
await run(barePort, 500, 50);
await run(port, 500, 50);
for (const [name, p] of [
  ['floor', barePort],
  ['bot', port],
  ['floor', barePort],
  ['bot', port],
  ['floor', barePort],
  ['bot', port],
] as const) {
  await until(async () => (await stack.deliveries.pending('slack')) === 0, 60_000, 'replies');
  const profiling = name === 'bot' && profile ? await startProfile() : undefined;
  const cpu = process.cpuUsage();
  const redisBefore = redisCpuMs();
  const r = await run(p, arg('n', 1000), arg('c', 50));
  // The CPU of the acknowledgements themselves; the replies they queued are sent after.
  const used = process.cpuUsage(cpu);
  const redisUsed = redisCpuMs() - redisBefore;
  if (profiling) writeFileSync(profile!, JSON.stringify((await profiling.post('Profiler.stop')).profile));
  await until(async () => (await stack.deliveries.pending('slack')) === 0, 60_000, 'replies');
  process.stdout.write(
    `${name.padEnd(5)} p50 ${percentile(r.latencies, 50).toFixed(1)} p99 ${percentile(r.latencies, 99).toFixed(1)} rate ${(r.latencies.length / (r.wallMs / 1000)).toFixed(0)}/s failures ${r.failures}, ${name === 'bot' ? `bot CPU ${((used.user + used.system) / 1000 / r.latencies.length).toFixed(2)} ms/ack, Redis ${(redisUsed / r.latencies.length).toFixed(2)} ms/ack` : ''}\n`,
  );
}
bare.kill();
await stack.close();
await cleanUp(config);
await slack.stop();
process.exit(0);
