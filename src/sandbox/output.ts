import type { Readable } from 'node:stream';
import { escapeHidden } from '../core/text-hygiene.js';

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Removes terminal colour and cursor sequences, and carriage returns that would overwrite lines. */
export function stripAnsi(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\r(?!\n)/g, '\n')
    .replace(/\r\n/g, '\n');
}

/**
 * Collects a container's stdout and stderr, in the order written, from the engine's multiplexed stream
 * (8-byte frame headers), keeping at most `cap` bytes. `onOverflow` fires once when the cap is passed.
 */
export class CappedOutput {
  private chunks: Buffer[] = [];
  private size = 0;
  private pending = Buffer.alloc(0);
  truncated = false;

  constructor(
    private readonly cap: number,
    private readonly onOverflow: () => void = () => {},
    /** Told after each piece of output is kept (streaming reads `text()` at its own pace). */
    private readonly onOutput?: (output: CappedOutput) => void,
  ) {}

  /** Feeds raw multiplexed bytes (attach or logs of a container without a TTY). */
  pushMultiplexed(data: Buffer): void {
    let buffer = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    while (buffer.length >= 8) {
      const length = buffer.readUInt32BE(4);
      if (buffer.length < 8 + length) break;
      this.push(buffer.subarray(8, 8 + length));
      buffer = buffer.subarray(8 + length);
    }
    this.pending = Buffer.from(buffer);
  }

  push(payload: Buffer): void {
    if (this.truncated) return;
    const room = this.cap - this.size;
    if (payload.length > room) {
      this.chunks.push(payload.subarray(0, room));
      this.size = this.cap;
      this.truncated = true;
      this.onOverflow();
      return;
    }
    this.chunks.push(payload);
    this.size += payload.length;
    if (payload.length) this.onOutput?.(this);
  }

  /** The output as text: colours stripped, and characters that hide or reorder text shown as \u{…}. */
  text(): string {
    return escapeHidden(stripAnsi(new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(this.chunks))));
  }

  /** Feeds a whole stream into `output`; resolves when the stream ends, closes or fails. */
  static drain(stream: Readable, output: CappedOutput): Promise<void> {
    return new Promise((resolve) => {
      stream.on('data', (chunk: Buffer) => output.pushMultiplexed(chunk));
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', resolve);
    });
  }
}
