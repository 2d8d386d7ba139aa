// A probe for the acknowledgement path alone: one bot (Slack HTTP) with no worker, one load process.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startStack } from '../src/stack.js';
import { SlackStandIn } from '../test/stand-ins/slack-stand-in.js';
import { cleanUp } from '../test/helpers/test-stack.js';
import { arg, percentile, runScript } from './report.js';

const ROOT = resolve(import.meta.dirname, '..');
const slack = new SlackStandIn();
await slack.start();
const id = Date.now().toString(36);
const policyFile = join(tmpdir(), `stevedore-probe-${id}.yaml`);
writeFileSync(policyFile, 'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000000, queuedJobs: 100000, queueDepth: 1000000 }\n');
const config = loadConfig({ ...process.env, QUEUE_PREFIX: `{sv-probe-${id}}`, STEVEDORE_DEPLOYMENT: `probe-${id}`, POLICY_FILE: policyFile, LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: 'xoxb', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slack.apiUrl, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' });
const stack = await startStack(config, { roles: new Set(['bot']), log: pino({ level: 'warn' }) });
const port = stack.slackAddress!.port;
const run = async (n: number, c: number) => JSON.parse((await runScript(ROOT, join(ROOT, 'bench/load.ts'), [String(port), 's', String(n), String(c), process.argv[2] ?? 'ps'])).trim().split('\n').at(-1)!);
await run(100, 10);
const r = await run(arg('n', 500), arg('c', 50));
process.stdout.write(`p50 ${percentile(r.latencies, 50).toFixed(1)} p99 ${percentile(r.latencies, 99).toFixed(1)} rate ${(r.latencies.length / (r.wallMs / 1000)).toFixed(0)}/s failures ${r.failures}\n`);
await stack.close();
await cleanUp(config);
await slack.stop();
process.exit(0);
