import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { say } from '../../src/core/messages/index.js';
import { EngineUntrusted } from '../../src/errors.js';
import type { Stack } from '../../src/stack.js';
import { until } from '../helpers/processes.js';
import { cleanUp, isolatedEnv, startPrintingStack } from '../helpers/test-stack.js';
import { OwnEngine } from './own-engine.js';
import { accepting, freePort, makeTlsFiles, must, OwnProcess, OwnSshd, type TlsFiles } from './remote-access.js';

/**
 * One real engine in a network namespace of its own, reached three ways as a host of SANDBOX_HOSTS: its unix socket;
 * tcp:// with TLS (the engine listens on its namespace's loopback with --tlsverify; two socats bridge that port,
 * through a unix socket, to a port on the host's loopback); and ssh:// to an sshd of the test's own, whose logins
 * reach the engine's socket. A Stevedore of its own runs `run busybox echo hi` on each. Then hosts at the same
 * addresses that must not be trusted (a CA that did not sign the engine's certificate, a known_hosts with another
 * key) fail with the reason, counted against the host's health until it is taken out, as an engine away is.
 */
const dir = resolve(import.meta.dirname, '../../.data', `sv-remote-${process.pid}`);
let tls: TlsFiles;
let engine: OwnEngine;
const engineTlsPort = 2376; // in the engine's namespace
let tlsPort = 0; // on the host's loopback
const bridge: OwnProcess[] = [];
let sshd: OwnSshd;
const stacks: { stack: Stack; config: Config }[] = [];
const seconds: Record<string, number> = {};

const tlsHost = (ca: string) => `tcp://127.0.0.1:${tlsPort}?ca=${ca}&cert=${tls.client.cert}&key=${tls.client.key}`;
const sshHost = (knownHosts: string) => `ssh://${sshd.user}@127.0.0.1:${sshd.port}?known_hosts=${knownHosts}`;

/** A Stevedore of its own with these SANDBOX_HOSTS (closed, and its Redis keys gone, after the file). */
async function startFleet(hosts: string, env: Record<string, string> = {}) {
  const config = loadConfig(
    isolatedEnv(
      { SANDBOX_HOSTS: hosts, SSH_AUTH_SOCK: sshd.authSock, OPS_CHANNEL: 'terminal', ...env },
      'channels: [{ channel: "terminal:*", commands: [all] }]\n',
    ),
  );
  const started = await startPrintingStack(config, { roles: ['bot', 'worker'] });
  stacks.push({ stack: started.stack, config });
  return { ...started, config };
}

beforeAll(async () => {
  tls = makeTlsFiles(join(dir, 'tls'));
  engine = new OwnEngine(join(tmpdir(), `sv-remote-engine-${process.pid}`), {
    tls: { port: engineTlsPort, ca: tls.ca, ...tls.engine },
  });
  await engine.start();
  engine.seed('busybox'); // the engine has no way out: no pulls
  // The engine's TLS port, from its namespace to a unix socket, and from that socket to the host's loopback.
  const socket = join(dir, 'engine-tls.sock');
  tlsPort = await freePort();
  bridge.push(
    new OwnProcess(join(dir, 'socat-ns.log'), 'nsenter', [
      '-t',
      String(engine.namespacePid),
      '-n',
      'socat',
      `UNIX-LISTEN:${socket},fork,unlink-early`,
      `TCP:127.0.0.1:${engineTlsPort}`,
    ]),
    new OwnProcess(join(dir, 'socat-host.log'), 'socat', [`TCP-LISTEN:${tlsPort},bind=127.0.0.1,fork,reuseaddr`, `UNIX-CONNECT:${socket}`]),
  );
  bridge[0]!.start();
  await until(() => existsSync(socket), 15_000, 'the bridge’s socket');
  bridge[1]!.start();
  await until(() => accepting(tlsPort), 15_000, 'the bridge’s port');
  sshd = new OwnSshd(join(dir, 'ssh'), engine.host);
  await sshd.start();
}, 60_000);

afterAll(async () => {
  // Every step is taken, whichever fails; the first failure is reported after.
  const steps = [
    ...stacks.map(
      ({ stack, config }) =>
        async () => (await stack.close(), await cleanUp(config)),
    ),
    async () => sshd?.stop(),
    ...bridge.map((b) => () => b.stop()),
    async () => engine?.destroy(),
    async () => rmSync(dir, { recursive: true, force: true }),
  ];
  const failures: unknown[] = [];
  for (const step of steps) await step().catch((error: unknown) => failures.push(error));
  if (Object.keys(seconds).length) console.info(`run busybox echo hi, end to end: ${JSON.stringify(seconds)} s`);
  if (failures.length) throw failures[0];
}, 60_000);

describe('sandbox hosts reached over TLS and ssh', () => {
  it.each([
    ['unix', () => `local=${engine.host}`],
    ['tls', () => `remote=${tlsHost(tls.ca)}`],
    ['ssh', () => `remote=${sshHost(knownHosts('hashed'))}`],
  ])(
    'runs a command on an engine reached over %s',
    async (transport, hosts) => {
      const { stack } = await startFleet(hosts());
      const started = performance.now();
      const reply = await stack.terminal!.submit('run busybox echo hi');
      seconds[transport] = Math.round(performance.now() - started) / 1000;
      expect(reply.status).toBe('ok');
      expect(reply.code!.text.trim()).toBe('hi');
    },
    60_000,
  );

  it('does not trust an engine whose TLS certificate another CA signed, nor an ssh host whose key known_hosts does not list', async () => {
    const otherKey = knownHosts('other');
    const { stack, printed } = await startFleet(`badca=${tlsHost(tls.otherCa)} badkey=${sshHost(otherKey)}`, {
      HOST_FAILURES: '2',
      HOST_COOLDOWN: '60s',
      HEALTH_INTERVAL: '200ms',
    });
    const fleet = stack.fleet!;
    // Each call fails with the reason, in the catalogue's words: not an answer of the engine's.
    const reasons = {
      badca: `Sandbox engine badca (tcp://127.0.0.1:${tlsPort}) is not trusted: its TLS certificate does not verify with the CA Stevedore was given (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`,
      badkey: `Sandbox engine badkey (ssh://${sshd.user}@127.0.0.1:${sshd.port}) is not trusted: its ssh host key is not one ${otherKey} lists for [127.0.0.1]:${sshd.port}.`,
    };
    for (const [host, reason] of Object.entries(reasons)) {
      const error = await fleet.sandboxes
        .get(host)!
        .ping()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineUntrusted);
      expect(say((error as EngineUntrusted).said, 'en')).toBe(reason);
    }
    // The health checks' pings fail the same way: each host is taken out, and the ops channel hears why.
    for (const [host, reason] of Object.entries(reasons)) {
      await until(() => printed().includes(`Sandbox host ${host} taken out for 60 s`), 30_000, `host ${host} taken out`);
      expect(printed()).toContain(`(last: ${reason})`);
    }
    // Every host this process serves is out: each host's check fails /healthz.
    for (const host of Object.keys(reasons)) {
      const health = await stack.healthChecks[`host ${host}`]!();
      expect(health.ok).toBe(false);
      expect(health.detail).toMatch(/^out for a cool-down; 0\/4 slots in use, ([2-9]|\d\d+) failed calls, 1 cool-downs$/);
    }
  }, 60_000);
});

/** known_hosts files for the test's sshd: its host key as `ssh-keygen -H` hashes it, or another key under its name. */
function knownHosts(which: 'hashed' | 'other'): string {
  const file = join(dir, 'ssh', `known_hosts-${which}`);
  writeFileSync(file, `${sshd.knownHostsLine(which === 'hashed' ? 'host' : 'other')}\n`);
  if (which === 'hashed') must('ssh-keygen', ['-q', '-H', '-f', file]);
  return file;
}
