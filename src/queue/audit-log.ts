import type { Redis } from 'ioredis';
import type { AuditEntry } from '../core/queue-ports.js';

/** The audit trail: a capped Redis stream, durable with AOF, newest last. */
export class AuditLog {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly kept: number,
    /** Also told of every entry (the audit file), handed in: queue/ keeps to Redis. */
    private readonly mirror: (entry: AuditEntry) => void = () => {},
  ) {
    this.key = `${prefix}:audit`;
  }

  async record(entry: AuditEntry): Promise<void> {
    this.mirror(entry);
    const fields = Object.entries(entry)
      .filter(([, v]) => v !== undefined)
      .flatMap(([k, v]) => [k, String(v)]);
    await this.redis.xadd(this.key, 'MAXLEN', '~', String(this.kept), '*', ...fields);
  }

  async recent(count: number): Promise<AuditEntry[]> {
    const rows = await this.redis.xrevrange(this.key, '+', '-', 'COUNT', count);
    return rows.map(([, flat]) => {
      const o: Record<string, string> = {};
      for (let i = 0; i < flat.length; i += 2) o[flat[i]!] = flat[i + 1]!;
      return {
        ...o,
        at: Number(o.at),
        exitCode: o.exitCode === undefined ? undefined : Number(o.exitCode),
        durationMs: o.durationMs === undefined ? undefined : Number(o.durationMs),
      } as AuditEntry;
    });
  }
}
