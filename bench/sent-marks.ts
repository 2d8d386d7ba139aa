// What the mark of a reply sent costs each final reply (src/queue/sent-marks.ts): the check before the send and the
// write after it, one reply after another, on a Redis of the bench's own (AOF everysec, as Stevedore runs it), first
// alone, then with a replica on loopback that must confirm each mark (REDIS_WAIT_REPLICAS=1, as behind Sentinel).
// Usage: npx tsx bench/sent-marks.ts [--replies 2000]
import { Redis } from 'ioredis';
import { ReplicaBarrier } from '../src/queue/replica-barrier.js';
import { SentMarks } from '../src/queue/sent-marks.js';
import { OwnRedis } from '../test/faults/own-redis.js';
import { until } from '../test/helpers/processes.js';
import { arg, machine, median, percentile, printTable } from './report.js';

const REPLIES = arg('replies', 2000);

/** Milliseconds of check + write for each of REPLIES final replies. */
async function measure(replicated: boolean): Promise<number[]> {
  const primary = await OwnRedis.create();
  const replica = replicated ? await OwnRedis.create(['--replicaof', '127.0.0.1', String(primary.port)]) : undefined;
  if (replica) await until(() => /master_link_status:up/.test(replica.cli('info', 'replication')), 30_000, 'the replica');
  const connection = new Redis(primary.url, { maxRetriesPerRequest: null });
  const barrierConnection = new Redis(primary.url);
  const barrier = replica && new ReplicaBarrier(barrierConnection, 'bench:acks:replicated', 1, 500);
  const marks = new SentMarks(connection, 'bench', barrier);
  const samples: number[] = [];
  try {
    for (let n = 0; n < REPLIES; n++) {
      const t0 = performance.now();
      if (!(await marks.sent('deliveries-slack-0', `final-${n}`))) await marks.mark('deliveries-slack-0', `final-${n}`);
      samples.push(performance.now() - t0);
    }
  } finally {
    connection.disconnect();
    barrierConnection.disconnect();
    await replica?.destroy();
    await primary.destroy();
  }
  return samples;
}

const rows: string[][] = [];
for (const [label, replicated] of [
  ['primary alone', false],
  ['with a replica confirming (WAIT 1)', true],
] as const) {
  const samples = await measure(replicated);
  rows.push([label, median(samples).toFixed(2), percentile(samples, 99).toFixed(2)]);
}
printTable(`Mark of a reply sent, check + write per final reply (${REPLIES} replies; ${machine()})`, rows, ['Redis', 'p50 ms', 'p99 ms']);
