import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { binarySize, statsRow } from '../../commands/stats.js';
import { statsSample } from '../../src/sandbox/stats.js';
import { dockerHelpFlags } from '../helpers/docker-help.js';

describe('stats and top', () => {
  it('have the flags the installed docker CLI lists, with the same shorthands', () => {
    for (const [name, cli] of [
      ['stats', ['container', 'stats']],
      ['top', ['container', 'top']],
    ] as const) {
      const help = dockerHelpFlags([...cli]);
      expect(help, `docker ${cli.join(' ')} --help`).toBeDefined();
      const ours = commands.get(name)!.flags.map((f) => `${f.short ?? ''}/${f.long}`);
      expect(ours.sort()).toEqual(help!.map((f) => `${f.short ?? ''}/${f.long}`).sort());
    }
  });

  it('compute a sample as the Docker CLI does: CPU from two readings, memory without inactive page cache', () => {
    const sample = statsSample({
      cpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 4 },
      precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 16_000_000_000 },
      memory_stats: { usage: 10 * 1024 ** 2, limit: 256 * 1024 ** 2, stats: { inactive_file: 2 * 1024 ** 2 } },
      pids_stats: { current: 3 },
      networks: { eth0: { rx_bytes: 1500, tx_bytes: 700 }, eth1: { rx_bytes: 500, tx_bytes: 300 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'read', value: 4096 },
          { op: 'write', value: 2_000_000 },
        ],
      },
    });
    expect(sample).toEqual({
      cpuPercent: 100,
      memoryBytes: 8 * 1024 ** 2,
      memoryLimitBytes: 256 * 1024 ** 2,
      pids: 3,
      netRxBytes: 2000,
      netTxBytes: 1000,
      blockReadBytes: 4096,
      blockWriteBytes: 2_000_000,
    });
    expect(statsRow('abc', 'web', sample, 'alice')).toEqual([
      'abc',
      'web',
      '100.00%',
      '8MiB / 256MiB',
      '3.13%',
      '2kB / 1kB',
      '4.1kB / 2MB',
      '3',
      'alice',
    ]);
    expect(binarySize(1_253_376)).toBe('1.195MiB');
    // A stopped container's sample has no readings: zeros, not NaN.
    expect(statsRow('abc', 'old', statsSample({}), 'alice').slice(2, 5)).toEqual(['0.00%', '0B / 0B', '--']);
  });
});
