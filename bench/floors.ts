// The physical floors: the same container, with the same sandbox settings, without Stevedore in the way.
import { execFileSync } from 'node:child_process';
import type { Config } from '../src/config.js';
import { parseImageRef } from '../src/core/image-ref.js';
import { containerSpec } from '../src/policy/container-spec.js';
import { dockerClient } from '../src/sandbox/docker-client.js';
import { CappedOutput } from '../src/sandbox/output.js';

let n = 0;

/**
 * create, attach, start, wait, remove through dockerode: what one run costs at the least. Returns ms; throws when the
 * container exits other than 0 (a run that failed is not a floor).
 */
export async function dockerodeLifecycle(config: Config, ...cmd: string[]): Promise<number> {
  const docker = dockerClient(config);
  const plan = {
    image: parseImageRef(cmd.length ? 'busybox:latest' : 'docker/whalesay:latest'),
    cmd: cmd.length ? cmd : ['cowsay', 'boo'],
    displayName: 'floor',
    containerName: `${config.deployment}-floor-${process.pid}-${n++}`,
    detach: false,
    autoRemove: true,
    env: [],
    labels: { 'stevedore.deployment': config.deployment },
    user: config.user,
    pull: 'missing' as const,
    mounts: [],
    limits: {
      memoryBytes: config.memory,
      nanoCpus: Math.round(config.cpus * 1e9),
      pidsLimit: config.pidsLimit,
      tmpfsBytes: config.tmpfsSize,
      timeoutMs: config.runTimeout,
      outputBytes: config.outputLimit,
      logMaxBytes: config.logMaxSize,
    },
  };
  const started = performance.now();
  const container = await docker.createContainer(containerSpec(plan));
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as unknown as NodeJS.ReadableStream;
  const output = new CappedOutput(config.outputLimit);
  const drained = CappedOutput.drain(stream as never, output);
  await container.start();
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  await drained;
  await container.remove({ force: true });
  const ms = performance.now() - started;
  if (StatusCode !== 0) throw new Error(`the floor's container exited with ${StatusCode}: ${output.text().slice(0, 200)}`);
  return ms;
}

/** `docker run --rm` through the CLI, same settings. Returns ms. */
export function cliLifecycle(): number {
  const started = performance.now();
  execFileSync(
    'docker',
    [
      'run',
      '--rm',
      '--network',
      'none',
      '--memory',
      '256m',
      '--memory-swap',
      '256m',
      '--cpus',
      '0.5',
      '--pids-limit',
      '64',
      '--read-only',
      '--tmpfs',
      '/tmp:rw,noexec,nosuid,nodev,size=16m',
      '--cap-drop',
      'ALL',
      '--security-opt',
      'no-new-privileges',
      '--user',
      '1000:1000',
      '--init',
      'docker/whalesay:latest',
      'cowsay',
      'boo',
    ],
    { stdio: 'ignore' },
  );
  return performance.now() - started;
}
