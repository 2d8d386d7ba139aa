import { appendFile, rename, stat } from 'node:fs/promises';
import type { AuditEntry } from '../core/queue-ports.js';

/** Rotated files kept beside the one being written: `<file>.1` is the newest. */
const KEPT = 5;

/**
 * The audit trail as JSON lines in a file an operator can ship, beside the Redis stream: it survives the queue's
 * Redis being flushed. One file per process (`<AUDIT_FILE>.<pid>`), so that processes never rotate each other's
 * file; rotated at `maxBytes`, the last five kept.
 */
export class AuditFile {
  readonly path: string;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    base: string,
    private readonly maxBytes: number,
    pid: number,
  ) {
    this.path = `${base}.${pid}`;
  }

  /** Appends one entry; writes are kept in order, and a failed write is reported, not thrown at the caller. */
  write(entry: AuditEntry, onError: (error: unknown) => void): void {
    const line = `${JSON.stringify(entry)}\n`;
    this.chain = this.chain.then(() => this.append(line)).catch(onError);
  }

  /** Resolves once every entry written so far is on disk. */
  flushed(): Promise<void> {
    return this.chain;
  }

  private async append(line: string): Promise<void> {
    const size = (await stat(this.path).catch(() => undefined))?.size ?? 0;
    if (size > 0 && size + line.length > this.maxBytes) {
      for (let i = KEPT - 1; i >= 1; i--) await rename(`${this.path}.${i}`, `${this.path}.${i + 1}`).catch(() => {});
      await rename(this.path, `${this.path}.1`);
    }
    await appendFile(this.path, line, { mode: 0o640 });
  }
}
