import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { splitArgv } from '../../src/core/argv.js';
import type { Requester } from '../../src/core/request.js';
import { explainCommandLine } from '../../src/explain/explain-command.js';
import { engineEvents, startTestStack, type TestStack } from '../helpers/test-stack.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { commandsPerMinute: 1000 }\n' }); // nobody is admin
});
afterAll(() => t?.close());

const ALICE: Requester = { platform: 'terminal', userId: 'alice', userName: 'alice', channelId: 'terminal', admin: false };

const LINES = [
  'run --name e1 busybox echo hi',
  "run --name e2 -m 128m --cpus 1 -e A=1 -e B=two --hostname box -l team=ops busybox sh -c 'exit 0'",
  'run --name e3 whalesay boo',
  'run --name e4 -d --pids-limit 32 busybox sleep 30',
  'run --name e5 -u 2000:2000 --network none -it busybox id',
  'run --name e6 --rm=false --pull never busybox',
  'run --name e7 -v e7data:/data --mount type=volume,source=e7more,target=/more,readonly busybox true',
];

/** Labels that carry the job's id or a time, which explain cannot know before the job exists. */
const withoutJobLabels = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).filter(([k]) => k !== 'stevedore.job' && k !== 'stevedore.expires'));

describe('explain is never wrong about what would run', () => {
  it.each(LINES)('%s', async (line) => {
    const explained = explainCommandLine(splitArgv(line), { who: ALICE, settings: t.config, registry: commands }, 'en');
    expect(explained.allowed).toBe(true);
    const spec = explained.spec!;
    const reply = await t.alice.submit(line);
    expect(['ok', 'failed']).toContain(reply.status);
    const container = (await t.containers()).find((c) => c.Names[0] === `/${spec.name}`);
    expect(container, spec.name).toBeDefined();
    const info = await t.docker.getContainer(container!.Id).inspect();
    expect({
      image: info.Config.Image,
      cmd: spec.Cmd ? info.Config.Cmd : undefined,
      env: info.Config.Env.filter((e) => !e.startsWith('PATH=')),
      user: info.Config.User,
      hostname: spec.Hostname ? info.Config.Hostname : undefined,
      labels: withoutJobLabels(info.Config.Labels),
      memory: info.HostConfig.Memory,
      memorySwap: info.HostConfig.MemorySwap,
      nanoCpus: info.HostConfig.NanoCpus,
      pids: info.HostConfig.PidsLimit,
      network: info.HostConfig.NetworkMode,
      readOnly: info.HostConfig.ReadonlyRootfs,
      tmpfs: info.HostConfig.Tmpfs,
      capDrop: info.HostConfig.CapDrop,
      securityOpt: info.HostConfig.SecurityOpt,
      init: info.HostConfig.Init,
      privileged: info.HostConfig.Privileged,
      restart: info.HostConfig.RestartPolicy?.Name,
      log: info.HostConfig.LogConfig,
      mounts: (info.HostConfig.Mounts ?? []).map((m) => ({
        Type: m.Type,
        Source: m.Source,
        Target: m.Target,
        ReadOnly: Boolean(m.ReadOnly),
        // How the engine would make a missing volume: a bounded one's filesystem options (container-spec.ts).
        ...(m.VolumeOptions ? { VolumeOptions: { ...m.VolumeOptions, NoCopy: Boolean(m.VolumeOptions.NoCopy) } } : {}),
      })),
    }).toEqual({
      image: spec.Image,
      cmd: spec.Cmd,
      env: spec.Env,
      user: spec.User,
      hostname: spec.Hostname,
      labels: withoutJobLabels(spec.Labels),
      memory: spec.HostConfig.Memory,
      memorySwap: spec.HostConfig.MemorySwap,
      nanoCpus: spec.HostConfig.NanoCpus,
      pids: spec.HostConfig.PidsLimit,
      network: spec.HostConfig.NetworkMode,
      readOnly: spec.HostConfig.ReadonlyRootfs,
      tmpfs: spec.HostConfig.Tmpfs,
      capDrop: spec.HostConfig.CapDrop,
      securityOpt: spec.HostConfig.SecurityOpt,
      init: spec.HostConfig.Init,
      privileged: spec.HostConfig.Privileged,
      restart: spec.HostConfig.RestartPolicy.Name,
      log: spec.HostConfig.LogConfig,
      mounts: spec.HostConfig.Mounts,
    });
  });

  it('answers explain in the bot: nothing queued, no Docker call', async () => {
    const before = await t.main.commandQueue.queue.getJobCounts();
    const events = await engineEvents(t.docker, t.config.deployment, async () => {
      const reply = await t.alice.submit('explain run --rm whalesay boo');
      expect(reply.title).toBe('Explain: /docker run --rm whalesay boo');
      const dry = await t.alice.submit('run --explain --privileged busybox');
      expect(dry.fields!.find((f) => f.name === 'Stevedore')!.value).toMatch(/^✗ refused\n--privileged/);
    });
    expect(events).toEqual([]);
    expect(await t.main.commandQueue.queue.getJobCounts()).toEqual(before);
  });

  it('explains a finished job from its exit code and limits', async () => {
    const answer = await t.alice.send(`run --rm busybox sh -c 'exit 127'`);
    expect(answer.kind).toBe('queued');
    const id = answer.kind === 'queued' ? answer.queued.jobId : '';
    // Waits on the queue's own "finished" event for the job, however long a loaded engine takes.
    const queue = t.main.commandQueue.queue;
    const events = new QueueEvents(queue.name, {
      connection: new Redis(t.config.redisUrl, { maxRetriesPerRequest: null }),
      prefix: queue.opts.prefix,
    });
    try {
      await (await queue.getJob(id))!.waitUntilFinished(events);
    } finally {
      await events.close();
    }
    expect((await t.main.jobs.job(id))?.state).toBe('completed');
    const reply = await t.alice.submit(`explain job ${id}`);
    expect(reply.code!.text).toMatch(/Exit code: 127: the command was not found in the image/);
    const other = await t.bob.submit(`explain job ${id}`);
    expect(other.title).toMatch(/No job #\d+ of yours/);
  });
});
