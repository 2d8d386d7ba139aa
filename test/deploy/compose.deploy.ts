import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn, type SlackCall } from '../stand-ins/slack-stand-in.js';
import { freePort } from '../helpers/processes.js';

/**
 * The composed stack, end to end: the images of `npm run deploy:images`, docker-compose.yml as a team runs it, the
 * Slack adapter in the bot container talking to the strict stand-in in this process. The stand-in listens on
 * loopback and on a unix socket; the bot reaches it through a relay container on the stack's own network that
 * forwards to the socket (test/deploy/compose.slack-relay.yml), so no address of this machine's network is used.
 */
const run = promisify(execFile);
const ROOT = process.cwd();
const id = randomBytes(3).toString('hex');
const PROJECT = `svdeploy${id}`;
const DIR = join(ROOT, '.data', `deploy-test-${id}`);
const RELAY_DIR = join(ROOT, '.data', `deploy-relay-${id}`);
/**
 * The relay's program, both ways through sockets in a folder shared with this process: the bot's calls to Slack
 * (port 8080) to the stand-in's socket, and the slash commands this test sends (bot.sock) to the bot's port.
 */
const RELAY = `const net = require('net');
const pipe = (c, s) => { c.pipe(s).pipe(c); c.on('error', () => s.destroy()); s.on('error', () => c.destroy()); };
net.createServer((c) => pipe(c, net.connect('/relay/slack.sock'))).listen(8080);
require('fs').rmSync('/relay/bot.sock', { force: true });
net.createServer((c) => pipe(c, net.connect(3000, 'bot'))).listen('/relay/bot.sock', () => require('fs').chmodSync('/relay/bot.sock', 0o666));`;
const RELAY_URL = 'http://slack-relay:8080';
const SECRET = `signing-${id}`;
const started = Date.now();
const step = (text: string) => console.log(`[deploy ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${text}`);

let slack: SlackStandIn;
let relay: Server;
/** A loopback port of this process's own that leads to the bot, through the relay (the stack's ports are in its engine's namespace). */
let toBot: Server;
const ports = { registry: 0, slack: 0 };
let env: NodeJS.ProcessEnv;

async function sh(file: string, args: string[], timeoutMs = 300_000): Promise<string> {
  const { stdout } = await run(file, args, { env, cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 << 20 });
  return stdout.trim();
}
/** The compose files: the stack, and on a host where privileged containers cannot start, its unprivileged engine. */
const files = ['-f', 'docker-compose.yml', '-f', 'test/deploy/compose.slack-relay.yml'];
const compose = (...args: string[]) => sh('docker-compose', ['-p', PROJECT, ...files, ...args]);
const containers = async (service: string) => (await compose('ps', '-q', service)).split('\n').filter(Boolean);

/** Polls `check` until it returns something truthy, at most `ms`; says what it waited for when it gives up. */
async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve()
      .then(check)
      .catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The final replies (messages with a header and an exit code) whose blocks contain `marker`. */
function finals(marker: string): SlackCall[] {
  return [...slack.find('chat.update'), ...slack.find('chat.postMessage')].filter((c) => {
    const blocks = JSON.stringify(c.args.blocks ?? '');
    return blocks.includes(marker) && blocks.includes('Exit code');
  });
}

async function send(text: string, user = 'U1'): Promise<string> {
  const responseUrl = slack.responseUrl().replace(/^http:\/\/127\.0\.0\.1:\d+/, RELAY_URL);
  const answer = await slack.slashCommand((toBot.address() as AddressInfo).port, SECRET, {
    text,
    response_url: responseUrl,
    user_id: user,
    user_name: user,
  });
  expect(answer.status, answer.body).toBe(200);
  return answer.body;
}

/** Jobs each worker container has finished, from its own /metrics. */
async function jobsPerWorker(): Promise<Map<string, number>> {
  const script = `fetch('http://127.0.0.1:9464/metrics').then((r) => r.text()).then((t) => console.log(t))`;
  const counts = new Map<string, number>();
  for (const c of await containers('worker')) {
    const text = await sh('docker', ['exec', c, 'node', '-e', script]);
    const lines = text.split('\n').filter((l) => l.startsWith('stevedore_job_duration_seconds_count'));
    counts.set(
      c,
      lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0),
    );
  }
  return counts;
}

beforeAll(async () => {
  [ports.registry, ports.slack] = [await freePort(), await freePort()];
  slack = new SlackStandIn();
  await slack.start();
  env = {
    ...process.env,
    STEVEDORE_DEPLOY_DIR: DIR,
    STEVEDORE_REGISTRY_PORT: String(ports.registry),
    STEVEDORE_SLACK_PORT: String(ports.slack),
    STEVEDORE_DEPLOYMENT: PROJECT,
    SLACK_BOT_TOKEN: 'xoxb-deploy',
    SLACK_SIGNING_SECRET: SECRET,
    WORKER_CONCURRENCY: '1',
    STEVEDORE_RELAY_DIR: RELAY_DIR,
    SLACK_API_URL: `${RELAY_URL}/api/`,
  };
  await sh('bash', ['deploy/setup.sh']);
  const privileged = await sh('docker', ['run', '--rm', '--privileged', '--entrypoint', 'true', 'stevedore/engine:local']).then(
    () => true,
    () => false,
  );
  if (!privileged) files.push('-f', 'deploy/compose.unprivileged.yml');
  step(privileged ? 'the sandbox engine runs privileged' : 'this host cannot start privileged containers: deploy/compose.unprivileged.yml');
  // The tokens are in the secrets folder now; the containers read them from there, never from the environment.
  delete env.SLACK_BOT_TOKEN;
  delete env.SLACK_SIGNING_SECRET;
  Object.assign(env, {
    SLACK_BOT_TOKEN_FILE: '/run/secrets/slack_bot_token',
    SLACK_SIGNING_SECRET_FILE: '/run/secrets/slack_signing_secret',
  });
  step(`setup done in ${DIR}; bringing up redis, registry and the sandbox engine (project ${PROJECT})`);
  await compose('up', '-d', 'redis', 'sandbox');
  // The stand-in, reachable from the stack through the relay and the socket (the relay's user may be remapped: the
  // folder and the socket are open to it).
  mkdirSync(RELAY_DIR, { recursive: true });
  chmodSync(RELAY_DIR, 0o777);
  writeFileSync(join(RELAY_DIR, 'relay.cjs'), RELAY, { mode: 0o644 });
  relay = createServer((socket) => (slack as unknown as { http: Server }).http.emit('connection', socket));
  await new Promise<void>((r) => relay.listen(join(RELAY_DIR, 'slack.sock'), r));
  chmodSync(join(RELAY_DIR, 'slack.sock'), 0o666);
  await compose('up', '-d', 'slack-relay');
  toBot = createServer((c) => {
    const s = connect(join(RELAY_DIR, 'bot.sock'));
    c.pipe(s).pipe(c);
    c.on('error', () => s.destroy());
    s.on('error', () => c.destroy());
  });
  await new Promise<void>((r) => toBot.listen(0, '127.0.0.1', r));
  step(`stand-in on 127.0.0.1:${slack.port}, reached by the stack at ${RELAY_URL}; seeding the registry`);
  await sh('bash', ['deploy/seed-registry.sh']);
  step('bot, 2 workers and the scheduler starting (compose waits for Redis and the engine to be healthy)');
  await compose('up', '-d', '--scale', 'worker=2', 'bot', 'worker', 'scheduler');
  await until(
    'the bot to answer Slack',
    async () => (await sh('docker', ['inspect', '-f', '{{.State.Health.Status}}', (await containers('bot'))[0]!])) === 'healthy',
  );
  step('stack healthy');
}, 900_000);

afterAll(async () => {
  if (env) {
    if (process.env.DEPLOY_TEST_LOGS) console.log(await compose('logs', '--no-color', '--tail', '80').catch((e) => String(e)));
    await compose('down', '-v', '--remove-orphans').catch((error) => console.error(`down failed: ${error}`));
  }
  relay?.close();
  toBot?.close();
  await slack?.stop();
  rmSync(DIR, { recursive: true, force: true });
  rmSync(RELAY_DIR, { recursive: true, force: true });
});

describe('the composed stack', () => {
  it('runs as the images say: non-root, read-only root, no dev dependencies, Redis with a password and AOF', async () => {
    const bot = (await containers('bot'))[0]!;
    expect(await sh('docker', ['inspect', '-f', '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}', bot])).toBe('10001:10001 true');
    expect(await sh('docker', ['exec', bot, 'node', '-e', 'process.stdout.write(String(process.getuid()))'])).toBe('10001');
    await expect(sh('docker', ['exec', bot, 'node', '-e', "require('fs').writeFileSync('/app/x', 'x')"])).rejects.toThrow(
      /EROFS|read-only/,
    );
    await expect(sh('docker', ['exec', bot, 'node', '-e', "require.resolve('vitest')"])).rejects.toThrow(/Cannot find module/);
    const redis = (await containers('redis'))[0]!;
    expect(await sh('docker', ['exec', redis, 'redis-cli', 'ping']).catch((e: Error) => e.message)).toMatch(/NOAUTH/);
    const config = (key: string) =>
      sh('docker', ['exec', redis, 'sh', '-c', `REDISCLI_AUTH="$(cat /run/secrets/redis_password)" redis-cli config get ${key}`]);
    expect(await config('appendonly')).toBe('appendonly\nyes');
    expect(await config('maxmemory-policy')).toBe('maxmemory-policy\nnoeviction');
    // The engine answers only with a client certificate, over TLS.
    const worker = (await containers('worker'))[0]!;
    const plain = `fetch('http://sandbox:2376/_ping').then((r) => console.log(r.status), (e) => console.log('refused', e.cause?.code ?? e.message))`;
    expect(await sh('docker', ['exec', worker, 'node', '-e', plain])).not.toBe('200');
    // TLS that trusts the engine but shows no client certificate is refused; with Stevedore's certificate, answered.
    // Without a certificate the engine may end the handshake without a word: no answer in 10 s is a refusal too.
    const ping = (withCert: boolean) =>
      `const fs = require('fs'); const say = (x) => { console.log(x); process.exit(0); };` +
      `require('https').get({ host: 'sandbox', port: 2376, path: '/_ping', ca: fs.readFileSync('/certs/ca.pem')` +
      (withCert ? `, cert: fs.readFileSync('/certs/cert.pem'), key: fs.readFileSync('/certs/key.pem')` : '') +
      ` }, (r) => say(r.statusCode)).on('error', () => say('refused')); setTimeout(() => say('refused'), 10000);`;
    expect(await sh('docker', ['exec', worker, 'node', '-e', ping(false)])).toBe('refused');
    expect(await sh('docker', ['exec', worker, 'node', '-e', ping(true)])).toBe('200');
  });

  it('answers /docker run whalesay boo sent through Slack with the whale', async () => {
    const ack = await send('run whalesay boo');
    expect(JSON.parse(ack).text).toMatch(/Queued #\d+/);
    const [whale] = await until('the whale', () => finals('&lt; boo &gt;')[0] && finals('&lt; boo &gt;'));
    step(`whale received (${whale!.method})`);
  });

  it('bounds a volume in the sandbox engine: writing past VOLUME_SIZE fails inside the container', async () => {
    const marker = `filled-${id}`;
    await send(`run --rm -v data:/data busybox sh -c "dd if=/dev/zero of=/data/f bs=1M count=200; echo ${marker}"`);
    const [reply] = await until('the volume reply', () => finals(marker)[0] && finals(marker));
    expect(JSON.stringify(reply!.args.blocks)).toMatch(/No space left on device/);
    step('a volume in the composed sandbox engine is bounded');
  });

  it('spreads jobs over 3 workers', async () => {
    await compose('up', '-d', '--no-recreate', '--scale', 'worker=3', 'worker');
    await until('3 healthy workers', async () => {
      const ids = await containers('worker');
      const states = await Promise.all(ids.map((c) => sh('docker', ['inspect', '-f', '{{.State.Health.Status}}', c])));
      return ids.length === 3 && states.every((s) => s === 'healthy');
    });
    const before = await jobsPerWorker();
    const markers = Array.from({ length: 9 }, (_, i) => `spread-${i}-${id}`);
    // One user each: a user's own limits (rate, jobs at once) are not what this measures.
    const acks = await Promise.all(markers.map((m, i) => send(`run busybox sh -c "sleep 1; echo ${m}"`, `US${i}`)));
    for (const ack of acks) expect(JSON.parse(ack).text).toMatch(/Queued #\d+/);
    await until('every spread job', () => markers.every((m) => finals(m).length === 1));
    // Each worker's own count of finished jobs, less what it had finished before these 9 (the whale's).
    const after = await jobsPerWorker();
    const perWorker = [...after].map(([c, n]) => n - (before.get(c) ?? 0));
    step(`of the 9 jobs, finished per worker: ${perWorker.join(', ')}`);
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(9);
    expect(perWorker.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('still gives exactly one reply when the worker running a job is killed mid-job', async () => {
    // One worker left, so the job's worker is known; then it is killed while the job's container runs.
    await compose('up', '-d', '--no-recreate', '--scale', 'worker=1', 'worker');
    const [victim] = await containers('worker');
    const marker = `survivor-${id}`;
    await send(`run busybox sh -c "sleep 6; echo ${marker}"`);
    const sandbox = (await containers('sandbox'))[0]!;
    await until(
      'the job container to run',
      async () => (await sh('docker', ['exec', sandbox, 'docker', 'ps', '-q', '--filter', `label=stevedore.deployment=${PROJECT}`])) !== '',
    );
    await sh('docker', ['kill', victim!]);
    step('worker killed mid-job; two fresh workers started');
    await compose('up', '-d', '--scale', 'worker=2', 'worker');
    await until('the killed job reply', () => finals(marker).length > 0, 180_000);
    // Another command's whole round trip after it: a second final reply of the killed job would have come by now.
    await send('run whalesay after');
    await until('the next whale', () => finals('&lt; after &gt;').length > 0);
    expect(finals(marker)).toHaveLength(1);
    // Run once: the worker that took the job up again found its container instead of creating a second one.
    const made = await sh('docker', ['exec', sandbox, 'docker', 'ps', '-a', '--no-trunc', '--format', '{{.Command}}']);
    expect(made.split('\n').filter((c) => c.includes(marker))).toHaveLength(1);
    step('exactly one reply and one container for the killed job');
  });

  it('leaves nothing behind after down -v', async () => {
    await compose('down', '-v', '--remove-orphans');
    const label = `label=com.docker.compose.project=${PROJECT}`;
    expect(await sh('docker', ['ps', '-aq', '--filter', label])).toBe('');
    expect(await sh('docker', ['volume', 'ls', '-q', '--filter', label])).toBe('');
    expect(await sh('docker', ['network', 'ls', '-q', '--filter', label])).toBe('');
    step('down -v: no container, volume or network of the project left');
  });
});
