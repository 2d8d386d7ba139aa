import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import type Docker from 'dockerode';
import { loadConfig, type Config } from '../../src/config.js';
import type { TerminalAdapter } from '../../src/adapters/terminal/terminal-adapter.js';
import { LABEL } from '../../src/policy/labels.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { removeVolume } from '../../src/sandbox/volumes.js';
import { startStack, type Role, type Stack } from '../../src/stack.js';

export const testLog = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * The environment of a Stevedore of its own for one test: its own queue prefix and deployment label.
 * `policy` is YAML for a policy file of its own; without it the default policy holds.
 */
export function isolatedEnv(env: Record<string, string> = {}, policy?: string): Record<string, string> {
  const id = randomBytes(4).toString('hex');
  const out: Record<string, string> = {
    QUEUE_PREFIX: `{sv-test-${id}}`,
    STEVEDORE_DEPLOYMENT: `t-${id}`,
    LOG_LEVEL: 'silent',
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...env,
  };
  if (policy !== undefined) {
    out.POLICY_FILE = join(tmpdir(), `stevedore-policy-${id}.yaml`);
    writeFileSync(out.POLICY_FILE, policy);
  }
  return out;
}

export function isolatedConfig(env: Record<string, string> = {}, policy?: string): Config {
  return loadConfig(isolatedEnv(env, policy));
}

/** This deployment's containers on the engine, all states. */
export function deploymentContainers(docker: Docker, config: Config): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${LABEL.deployment}=${config.deployment}`] } });
}

/** Removes the deployment's containers, volumes and Redis keys. */
export async function cleanUp(config: Config): Promise<void> {
  const docker = dockerClient(config);
  for (const c of await deploymentContainers(docker, config))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => {});
  const volumes = (await docker.listVolumes({ filters: { label: [`${LABEL.deployment}=${config.deployment}`] } })).Volumes ?? [];
  // As the sandbox removes them: a disk volume's loop device and image go with it.
  for (const v of volumes) await removeVolume(docker, v.Name).catch(() => {});
  // The deployment's image pins are tags of its own on the engine (src/sandbox/image-pins.ts).
  for (const image of await docker.listImages())
    for (const tag of image.RepoTags ?? [])
      if (tag.startsWith(`${config.deployment}-pin/`))
        await docker
          .getImage(tag)
          .remove()
          .catch(() => {});
  const redis = new Redis(config.redisUrl);
  const keys = await redis.keys(`${config.queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

/** A Stevedore for one test file, driven from terminal adapters as several users. */
/** A Stevedore (by default the whole: bot, worker, scheduler) whose terminal is one user's, and all it printed. */
export async function startPrintingStack(
  config: Config,
  options: { roles?: Role[]; user?: string } = {},
): Promise<{ stack: Stack; printed(): string }> {
  let printed = '';
  const out = new PassThrough();
  out.on('data', (c: Buffer) => (printed += c.toString()));
  const stack = await startStack(config, {
    roles: new Set(options.roles ?? ['bot', 'worker', 'scheduler']),
    log: testLog(),
    terminalOut: out,
    terminalUser: options.user ?? 'alice',
  });
  return { stack, printed: () => printed };
}

export interface TestStack {
  config: Config;
  alice: TerminalAdapter;
  bob: TerminalAdapter;
  main: Stack;
  docker: Docker;
  /** Everything the terminal adapters printed so far. */
  printed(): string;
  containers(): Promise<Docker.ContainerInfo[]>;
  /** Another terminal user, in a channel of its own choosing, on the same queue. */
  user(userId: string, channelId?: string): Promise<TerminalAdapter>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  env?: Record<string, string>;
  policy?: string;
  /** false: no worker runs, so queued jobs stay queued. */
  worker?: boolean;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const config = isolatedConfig(options.env, options.policy);
  const log = testLog();
  let printed = '';
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const roles = new Set<Role>(options.worker === false ? ['bot'] : ['bot', 'worker']);
  const main = await startStack(config, { roles, log, terminalOut: out, terminalUser: 'alice' });
  const extra: Stack[] = [];
  const user = async (userId: string, channelId?: string) => {
    const stack = await startStack(config, {
      roles: new Set(['bot']),
      log,
      terminalOut: out,
      terminalUser: userId,
      terminalChannel: channelId,
    });
    extra.push(stack);
    return stack.terminal!;
  };
  const bob = await user('bob');
  const docker = dockerClient(config);
  return {
    config,
    alice: main.terminal!,
    bob,
    user,
    main,
    docker,
    printed: () => printed,
    containers: () => deploymentContainers(docker, config),
    async close() {
      await Promise.all([main, ...extra].map((s) => s.close()));
      await cleanUp(config);
    },
  };
}

/**
 * The engine's events for this deployment's containers while `during` ran: asked afterwards for exactly that window
 * (the events API closes the stream at `until`), so nothing is waited for on a clock.
 */
export async function engineEvents(docker: Docker, deployment: string, during: () => Promise<unknown>): Promise<string[]> {
  const stamp = () => (Date.now() / 1000).toFixed(3);
  const since = stamp();
  await during();
  const until = (Number(stamp()) + 0.001).toFixed(3);
  const stream = (await docker.getEvents({
    since: Number(since),
    until: Number(until),
    filters: { label: [`${LABEL.deployment}=${deployment}`] },
  })) as unknown as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { Action: string }).Action);
}
