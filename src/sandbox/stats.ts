import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { msg } from '../core/messages/index.js';
import type { LogOptions, OnOutput, StatsSample } from '../core/sandbox-api.js';
import { toUserError } from './engine-errors.js';
import { CappedOutput } from './output.js';

/** A container's logs, narrowed by time and decorated as asked (the Engine API's logs call, not following). */
export async function readLogs(
  docker: Docker,
  id: string,
  tail: number | 'all',
  maxBytes: number,
  options: LogOptions = {},
): Promise<{ text: string; truncated: boolean }> {
  const raw = (await docker.getContainer(id).logs({
    stdout: true,
    stderr: true,
    follow: false,
    tail: tail === 'all' ? undefined : tail,
    since: options.since,
    until: options.until,
    timestamps: options.timestamps,
    details: options.details,
  })) as unknown as Buffer;
  const output = new CappedOutput(maxBytes);
  output.pushMultiplexed(Buffer.from(raw));
  return { text: output.text(), truncated: output.truncated };
}

/** `logs -f`: the engine's follow stream, read until the container stops (the engine ends it) or `signal` aborts. */
export async function followLogs(
  docker: Docker,
  id: string,
  tail: number | 'all',
  maxBytes: number,
  options: LogOptions & { onOutput?: OnOutput },
  signal: AbortSignal,
): Promise<{ text: string; truncated: boolean }> {
  const stream = (await docker.getContainer(id).logs({
    stdout: true,
    stderr: true,
    follow: true,
    tail: tail === 'all' ? undefined : tail,
    since: options.since,
    until: options.until,
    timestamps: options.timestamps,
    details: options.details,
  })) as unknown as Readable;
  const stop = () => stream.destroy();
  const output = new CappedOutput(maxBytes, stop, options.onOutput);
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop);
  try {
    await CappedOutput.drain(stream, output);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return { text: output.text(), truncated: output.truncated };
}

/** The parts of the engine's stats answer read here (cgroup v1 and v2 alike). */
interface RawStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  pids_stats?: { current?: number };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
}

/**
 * One sample, computed as the Docker CLI computes `docker stats`: CPU from the delta between the engine's two
 * readings, memory without the page cache the kernel can drop (inactive_file), network and block I/O summed.
 */
export async function readStats(docker: Docker, id: string): Promise<StatsSample> {
  const raw = (await docker
    .getContainer(id)
    .stats({ stream: false })
    .catch((error) => {
      throw toUserError(error, (engine) => msg('sandbox.engineRefused', { engine }));
    })) as unknown as RawStats;
  return statsSample(raw);
}

/** The figures `docker stats` shows, from one answer of the engine's stats call. */
export function statsSample(raw: RawStats): StatsSample {
  const cpu = raw.cpu_stats ?? {};
  const pre = raw.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const cpus = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  const memory = raw.memory_stats ?? {};
  const cache = memory.stats?.inactive_file ?? memory.stats?.total_inactive_file ?? 0;
  const usage = memory.usage ?? 0;
  let rx = 0;
  let tx = 0;
  for (const net of Object.values(raw.networks ?? {})) {
    rx += net.rx_bytes ?? 0;
    tx += net.tx_bytes ?? 0;
  }
  let read = 0;
  let write = 0;
  for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    if (/^read$/i.test(entry.op)) read += entry.value;
    else if (/^write$/i.test(entry.op)) write += entry.value;
  }
  return {
    cpuPercent,
    memoryBytes: cache < usage ? usage - cache : usage,
    memoryLimitBytes: memory.limit ?? 0,
    pids: raw.pids_stats?.current ?? 0,
    netRxBytes: rx,
    netTxBytes: tx,
    blockReadBytes: read,
    blockWriteBytes: write,
  };
}

/** The processes of a running container (`ps -ef` columns on a Linux engine). */
export async function readTop(docker: Docker, id: string): Promise<{ titles: string[]; processes: string[][] }> {
  const top = (await docker
    .getContainer(id)
    .top()
    .catch((error) => {
      throw toUserError(error, (engine) => msg('sandbox.engineRefused', { engine }));
    })) as { Titles?: string[]; Processes?: string[][] };
  return { titles: top.Titles ?? [], processes: top.Processes ?? [] };
}
