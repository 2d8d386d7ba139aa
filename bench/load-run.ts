// Shared by the soak and the chaos run: commands from many users through the bot's own entry, every final reply
// counted on a delivery route of the run's own, progress printed while it runs, and an end that always comes (all
// answered, or the deadline). Timings belong here, in bench/, never in the tests.
import { pino } from 'pino';
import type { Config } from '../src/config.js';
import type { ChatRequest } from '../src/core/request.js';
import { dockerClient } from '../src/sandbox/docker-client.js';
import type { Stack } from '../src/stack.js';
import { LABEL } from '../src/policy/labels.js';
import { deploymentContainers } from '../test/helpers/test-stack.js';

export interface LoadOptions {
  commands: number;
  users: number;
  /** The whole run stops waiting at this time (ms since the epoch); what is missing then is counted missing. */
  deadlineMs: number;
  /** The command each user sends; n counts from 0. */
  text(user: number, n: number): string;
  /** Told every few seconds how the run goes (the caller adds its own counts, such as kills). */
  progressEveryMs?: number;
  progress?(line: string): void;
  extra?(): string;
  /** Commands sent at once by each user before it waits for their replies (1: one after the other). */
  pipelined?: number;
}

export interface LoadResult {
  sent: number;
  accepted: number;
  refused: number;
  /** Refusal titles, counted. */
  refusals: Map<string, number>;
  finals: Map<string, number>;
  /** Final replies that report an error (a lost job, an unreachable engine…), counted by title shape. */
  failedFinals: number;
  missing: string[];
  duplicates: number;
  elapsedMs: number;
  timedOut: boolean;
  /** When each accepted job got its final reply. */
  answeredAt: Map<string, number>;
  acceptedAt: Map<string, number>;
}

/** A delivery route that counts final replies per job and wakes whoever waits for one. */
export function finalCounter(stack: Stack, route: string) {
  const finals = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  let failed = 0;
  const consumer = stack.deliveries.consume(
    route,
    async (d) => {
      if (d.kind !== 'final') return;
      finals.set(d.jobId, (finals.get(d.jobId) ?? 0) + 1);
      if (!answeredAt.has(d.jobId)) answeredAt.set(d.jobId, Date.now());
      if (d.reply.status === 'error') failed += 1;
      waiting.get(d.jobId)?.();
    },
    pino({ level: 'silent' }),
  );
  return {
    finals,
    answeredAt,
    failed: () => failed,
    /** Resolves when the job's final reply has come, or at `until`. */
    wait(jobId: string, until: Promise<void>): Promise<void> {
      if (finals.has(jobId)) return Promise.resolve();
      return Promise.race([new Promise<void>((resolve) => waiting.set(jobId, resolve)), until]);
    },
    close: () => consumer.close(),
  };
}

/** Sends the commands, waits for their replies until the deadline, and counts. Never waits past the deadline. */
export async function runLoad(stack: Stack, route: string, options: LoadOptions): Promise<LoadResult> {
  const counter = finalCounter(stack, route);
  const acceptedAt = new Map<string, number>();
  const refusals = new Map<string, number>();
  let sent = 0;
  let refused = 0;
  let timedOut = false;
  const started = Date.now();
  let expire: () => void = () => {};
  const deadline = new Promise<void>((resolve) => (expire = resolve));
  const timer = setTimeout(
    () => {
      timedOut = true;
      expire();
    },
    Math.max(0, options.deadlineMs - Date.now()),
  );
  const line = () =>
    `sent ${sent}, accepted ${acceptedAt.size}, refused ${refused}, finals ${counter.finals.size}` +
    `${options.extra ? `, ${options.extra()}` : ''} (${((Date.now() - started) / 1000).toFixed(0)} s)`;
  const ticker = setInterval(() => options.progress?.(line()), options.progressEveryMs ?? 5000);

  const one = async (u: number, n: number): Promise<string | undefined> => {
    const request: ChatRequest = {
      platform: 'terminal',
      userId: `load-user-${u}`,
      channelId: route,
      text: options.text(u, n),
      replyTo: { route, channelId: route },
    };
    const answer = await stack.handle!(request).catch((error: Error) => ({ kind: 'error' as const, error }));
    if (answer.kind === 'queued') {
      acceptedAt.set(answer.queued.jobId, Date.now());
      return answer.queued.jobId;
    }
    refused += 1;
    const why = answer.kind === 'reply' ? answer.reply.title : answer.error.message;
    refusals.set(why, (refusals.get(why) ?? 0) + 1);
    return undefined;
  };
  const user = async (u: number): Promise<void> => {
    while (sent < options.commands && !timedOut) {
      const batch: Promise<string | undefined>[] = [];
      for (let i = 0; i < (options.pipelined ?? 1) && sent < options.commands; i++) batch.push(one(u, sent++));
      const ids = (await Promise.all(batch)).filter((id): id is string => id !== undefined);
      await Promise.all(ids.map((id) => counter.wait(id, deadline)));
    }
  };
  await Promise.race([Promise.all(Array.from({ length: options.users }, (_, u) => user(u))), deadline]);
  // Every accepted job's reply, until the deadline (a user still sending when it came left some unawaited).
  await Promise.race([Promise.all([...acceptedAt.keys()].map((id) => counter.wait(id, deadline))), deadline]);
  clearTimeout(timer);
  clearInterval(ticker);
  options.progress?.(line());
  await counter.close();
  const missing = [...acceptedAt.keys()].filter((id) => !counter.finals.has(id));
  return {
    sent,
    accepted: acceptedAt.size,
    refused,
    refusals,
    finals: counter.finals,
    failedFinals: counter.failed(),
    missing,
    duplicates: [...counter.finals.values()].filter((n) => n > 1).length,
    elapsedMs: Date.now() - started,
    timedOut,
    answeredAt: counter.answeredAt,
    acceptedAt,
  };
}

/** Containers and volumes of the deployment left on the engine: after every reply, nothing should be. */
export async function orphans(config: Config): Promise<{ containers: number; volumes: number }> {
  const docker = dockerClient(config);
  const containers = (await deploymentContainers(docker, config)).length;
  const volumes = ((await docker.listVolumes({ filters: { label: [`${LABEL.deployment}=${config.deployment}`] } })).Volumes ?? []).length;
  return { containers, volumes };
}

/** Resolves with `p`, or with `fallback` after `ms`: nothing at the end of a run may hang it. */
export function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref())]);
}
