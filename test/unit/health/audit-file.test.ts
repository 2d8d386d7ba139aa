import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditFile } from '../../../src/health/audit-file.js';
import type { AuditEntry } from '../../../src/core/queue-ports.js';

const entry = (i: number): AuditEntry => ({ at: i, platform: 'slack', userId: 'U1', channelId: 'C1', verdict: 'queued', jobId: String(i) });

describe('the audit file', () => {
  it('appends JSON lines in order, one file per process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const file = new AuditFile(join(dir, 'audit.jsonl'), 1 << 20, 4242);
    const errors: unknown[] = [];
    for (let i = 0; i < 50; i++) file.write(entry(i), (e) => errors.push(e));
    await file.flushed();
    expect(file.path).toBe(join(dir, 'audit.jsonl.4242'));
    const lines = readFileSync(file.path, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).jobId)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(errors).toEqual([]);
  });

  it('rotates past its size and keeps the last five', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const file = new AuditFile(join(dir, 'a'), 300, 1);
    for (let i = 0; i < 60; i++) file.write(entry(i), () => {});
    await file.flushed();
    expect(readdirSync(dir).sort()).toEqual(['a.1', 'a.1.1', 'a.1.2', 'a.1.3', 'a.1.4', 'a.1.5']);
    const newest = readFileSync(join(dir, 'a.1'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).at);
    expect(newest.at(-1)).toBe(59);
  });

  it('says when it cannot write, without throwing at the caller', async () => {
    const file = new AuditFile('/nonexistent-dir/audit', 1000, 1);
    const errors: unknown[] = [];
    file.write(entry(1), (e) => errors.push(e));
    await file.flushed();
    expect(errors).toHaveLength(1);
  });
});
