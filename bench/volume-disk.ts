/**
 * What a bounded volume costs (docs/security.md): creating one cold against a plain local-driver volume, the check
 * of its loop device before a container uses it against a container's whole lifecycle, and the host's disk it
 * takes. Rounds interleaved on the engine of DOCKER_HOST. `npx tsx bench/volume-disk.ts [--rounds 10] [--size 64m]`
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { parseBytes } from '../src/core/units.js';
import { LABEL } from '../src/policy/labels.js';
import { dockerClient } from '../src/sandbox/docker-client.js';
import { ensureVolume, removeVolume } from '../src/sandbox/volumes.js';
import { onEngineHost } from '../test/helpers/engine-host.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' }, size: { type: 'string', default: '64m' } } });
const rounds = Number(values.rounds);
const sizeBytes = parseBytes(values.size!);
const config = loadConfig({ ...process.env, STEVEDORE_DEPLOYMENT: `bench-${randomBytes(3).toString('hex')}` });
const docker = dockerClient(config);
const disk = { dir: config.volumeDir, sizeBytes, budgetBytes: sizeBytes * 4 };
const labels = (name: string) => ({ [LABEL.deployment]: config.deployment, [LABEL.owner]: 'bench', [LABEL.name]: name });
const times: Record<string, number[]> = { plainCreate: [], diskCreate: [], attachCheck: [], lifecycle: [], remove: [] };
const blocks: { created: number; written: number }[] = [];

async function timed(key: string, fn: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await fn();
  times[key]!.push(performance.now() - start);
}

/** create, start, wait, remove: a container using the volume, as a floor to set the check against. */
async function lifecycle(volume: string, cmd: string[]): Promise<void> {
  const c = await docker.createContainer({
    Image: 'busybox:latest',
    Cmd: cmd,
    Labels: labels('bench'),
    HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: '/data' }] },
  });
  await c.start();
  await c.wait();
  await c.remove({ force: true });
}

const allocated = async (volume: string) => Number(await onEngineHost(docker, config.volumeDir, `stat -c %b /disks/${volume}.img`)) * 512;

for (let i = 0; i < rounds; i++) {
  const plain = `${config.deployment}-plain-${i}`;
  const bounded = `${config.deployment}-disk-${i}`;
  await timed('plainCreate', () => ensureVolume(docker, plain, labels(`plain-${i}`), config.user));
  await timed('diskCreate', () => ensureVolume(docker, bounded, labels(`disk-${i}`), config.user, disk));
  const created = await allocated(bounded);
  await timed('attachCheck', () => ensureVolume(docker, bounded, labels(`disk-${i}`), config.user, disk, true));
  await timed('lifecycle', () => lifecycle(bounded, ['sh', '-c', 'head -c 1048576 /dev/urandom > /data/one-mib']));
  blocks.push({ created, written: await allocated(bounded) });
  await timed('remove', () => removeVolume(docker, bounded));
  await removeVolume(docker, plain);
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
console.log(`${rounds} rounds, ${values.size} volumes, engine ${config.dockerHost}`);
for (const [key, xs] of Object.entries(times))
  console.log(`${key.padEnd(12)} p50 ${p50(xs).toFixed(0)} ms  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`);
console.log(
  `host disk per volume: ${mib(p50(blocks.map((b) => b.created)))} new, ${mib(p50(blocks.map((b) => b.written)))} after 1 MiB written`,
);
