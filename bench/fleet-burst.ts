// The fleet's burst: runs through Stevedore over two real engines (each in a network namespace of its own, pulling
// through the project's registry as its mirror; one worker process serving both), against the floor of the same two engines driven at once with dockerode in the
// same run. On one machine the engines share its CPUs: the floor is what the two reach together here.
// `npx tsx bench/fleet-burst.ts [--burst 100] [--slots 4]`; `npm run bench` runs it too (compiled).
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/config.js';
import { startStack } from '../src/stack.js';
import { exited, spawnStevedore } from '../test/helpers/processes.js';
import { cleanUp } from '../test/helpers/test-stack.js';
import { OwnEngine } from '../test/faults/own-engine.js';
import { RegistryMirror } from '../test/faults/registry-mirror.js';
import { EngineEventCounts } from './engine-events.js';
import { dockerodeLifecycle } from './floors.js';
import { arg, machine, printTable } from './report.js';

export interface FleetBurstOptions {
  burst: number;
  slots: number;
  /** The worker from dist/ (after `npm run build`), as a deployment runs it; else from the sources. */
  compiled: boolean;
  step(what: string): void;
}

export async function fleetBurst(options: FleetBurstOptions): Promise<{ rows: string[][]; results: Record<string, unknown> }> {
  const { burst, slots, step } = options;
  const loadAtStart = loadavg();
  const id = Date.now().toString(36);
  const mirror = new RegistryMirror(join(tmpdir(), `sv-bench-fleet-mirror-${id}`));
  const engines = ['a', 'b'].map((name) => ({
    name,
    engine: new OwnEngine(join(tmpdir(), `sv-bench-fleet-${name}-${id}`), { mirror: { registry: mirror, name } }),
  }));
  step('fleet: starting two engines and their registry mirror');
  await mirror.start();
  for (const { engine } of engines) {
    await engine.start();
    engine.pull('busybox:latest');
  }
  const policyFile = join(tmpdir(), `stevedore-bench-fleet-${id}.yaml`);
  writeFileSync(
    policyFile,
    'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 1000000, queuedJobs: 100000, queueDepth: 1000000 }\n',
  );
  const env: Record<string, string> = {
    QUEUE_PREFIX: `{sv-bench-fleet-${id}}`,
    STEVEDORE_DEPLOYMENT: `bench-fleet-${id}`,
    POLICY_FILE: policyFile,
    LOG_LEVEL: 'warn',
    HEALTH_PORT: '0',
    SANDBOX_HOSTS: engines.map(({ name, engine }) => `${name}=${engine.host}?slots=${slots}`).join(' '),
  };
  const config = loadConfig({ ...process.env, ...env });
  const worker = spawnStevedore(env, 'worker', options.compiled);
  const bot = await startStack(config, {
    roles: new Set(['bot']),
    log: pino({ level: 'warn' }),
    terminalOut: new PassThrough().resume(),
    terminalUser: 'bench',
  });
  const submit = (text: string) => bot.terminal!.submit(text);
  try {
    step('fleet: warming up');
    const warmUp = await Promise.all(Array.from({ length: 2 * slots }, () => submit('run --rm busybox true')));
    const hosts = engines.map(({ engine }) => engine.host);

    // `--rm` as the floor removes each container: the same work on both sides. Each engine's share is counted from
    // its live events: a container's destroy is logged before Stevedore replies for it and before the floor's remove
    // returns.
    step(`fleet: ${burst} runs through Stevedore`);
    const stevedoreEvents = await EngineEventCounts.open(config, hosts, 'destroy', Date.now());
    const started = performance.now();
    const replies = await Promise.all(Array.from({ length: burst }, () => submit('run --rm busybox true')));
    const stevedoreMs = performance.now() - started;
    const notOk = [...warmUp, ...replies].filter((r) => r.status !== 'ok');
    const perEngine = await stevedoreEvents.reach(replies.length - notOk.length, 30_000);
    stevedoreEvents.close();
    for (const { engine } of engines) {
      const list = ids(engine, config);
      if (list.length) engine.docker('rm', '-f', ...list);
    }

    step(`fleet: ${burst} runs with dockerode on both engines at once`);
    const floorEvents = await EngineEventCounts.open(config, hosts, 'destroy', Date.now());
    const floorFailures: string[] = [];
    let next = 0;
    const floorStarted = performance.now();
    await Promise.all(
      engines.flatMap(({ engine }) => {
        const direct: Config = { ...config, dockerHost: engine.host };
        return Array.from({ length: slots }, async () => {
          while (next++ < burst) await dockerodeLifecycle(direct, 'true').catch((e: Error) => floorFailures.push(e.message));
        });
      }),
    );
    const floorMs = performance.now() - floorStarted;
    const floorPer = await floorEvents.reach(burst - floorFailures.length, 30_000);
    floorEvents.close();
    const loadAtEnd = loadavg();

    for (const r of notOk) process.stderr.write(`[fleet] a reply not ok: ${r.status} ${r.title} ${r.body ?? ''}\n`);
    for (const m of floorFailures) process.stderr.write(`[fleet] a floor run failed: ${m}\n`);
    const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(2);
    const split = (counts: number[], ms: number) => `${counts.map((n) => rate(n, ms)).join(' / ')} (${counts.join(' + ')})`;
    const ratio = burst / stevedoreMs / (burst / floorMs);
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
    const rows = [
      [
        `fleet burst: ${burst} runs over 2 engines (${slots} slots each), containers/s`,
        rate(burst, stevedoreMs),
        rate(burst, floorMs),
        ratio.toFixed(2),
        '≥ 0.9 × floor',
        ratio >= 0.9 ? 'yes' : 'no',
      ],
      ['fleet burst: per engine a / b, containers/s (containers)', split(perEngine, stevedoreMs), split(floorPer, floorMs), '', '', ''],
      [
        'fleet burst: replies not ok (with the warm-up) / floor runs failed',
        String(notOk.length),
        String(floorFailures.length),
        '',
        '0',
        notOk.length + floorFailures.length === 0 ? 'yes' : 'no',
      ],
      ['fleet burst: load average 1 / 5 / 15 min, start → end', `${load(loadAtStart)} → ${load(loadAtEnd)}`, '', '', '', ''],
    ];
    return {
      rows,
      results: {
        burst,
        slots,
        stevedoreMs,
        floorMs,
        perEngine,
        floorPer,
        notOk: notOk.length,
        floorFailed: floorFailures.length,
        loadAtStart,
        loadAtEnd,
      },
    };
  } finally {
    worker.kill('SIGTERM');
    await exited(worker);
    await bot.close();
    await cleanUp(config).catch(() => {});
    for (const { engine } of engines) await engine.destroy();
    await mirror.destroy();
    rmSync(policyFile, { force: true });
  }
}

/** This deployment's containers on one engine. */
function ids(engine: OwnEngine, config: Config): string[] {
  return engine.docker('ps', '-aq', '--filter', `label=stevedore.deployment=${config.deployment}`).stdout.split('\n').filter(Boolean);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await fleetBurst({
    burst: arg('burst', 100),
    slots: arg('slots', 4),
    compiled: false,
    step: (what) => process.stderr.write(`[fleet ${new Date().toISOString().slice(11, 19)}] ${what}\n`),
  });
  printTable(`Stevedore fleet burst (${machine()})`, rows, ['measure', 'Stevedore', 'floor', 'ratio', 'target', 'met']);
  process.exit(0);
}
