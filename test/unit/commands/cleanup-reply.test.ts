import { describe, expect, it } from 'vitest';
import { cleanupReply, type CleanupResult } from '../../../commands/cleanup.js';
import { msg } from '../../../src/core/messages/index.js';
import type { CleanupItem } from '../../../src/policy/cleanup-rules.js';

const items: CleanupItem[] = [
  { kind: 'container', id: 'c1', name: 'web', owner: 'bob', reason: msg('cleanup.reason.exited', { state: 'exited' }), bytes: 2_000 },
  { kind: 'volume', id: 'v1', name: 'data', owner: 'alice', reason: msg('cleanup.reason.unused'), bytes: 3_000_000 },
  { kind: 'image', id: 'sha256:abc', name: 'abcdef012345', owner: '', reason: msg('cleanup.reason.dangling'), bytes: 500 },
];
const done: CleanupResult = { dryRun: false, items, bytes: 3_002_500 };

describe('cleanupReply', () => {
  it('says what went, grouped by owner (the ownerless first), and the space freed', () => {
    const reply = cleanupReply(done, 'en');
    expect(reply.status).toBe('ok');
    expect(reply.title).toBe('Cleanup removed 3 objects, 3MB');
    const [header, ...rows] = reply.code!.text.split('\n');
    expect(header!.split(/\s{3,}/)).toEqual(['OWNER', 'KIND', 'NAME', 'WHY', 'SIZE']);
    expect(rows.map((r) => r.split(/\s{3,}/))).toEqual([
      ['(no owner)', 'image', 'abcdef012345', 'dangling', '500B'],
      ['alice', 'volume', 'data', 'unused for long enough', '3MB'],
      ['bob', 'container', 'web', 'exited for long enough', '2kB'],
    ]);
    expect(reply.fields).toEqual([{ name: 'Space freed', value: '3MB' }]);
  });

  it('says a dry run removed nothing, and what it would free', () => {
    const reply = cleanupReply({ ...done, dryRun: true }, 'en');
    expect(reply.title).toBe('Cleanup would remove 3 objects, 3MB (dry run: nothing was removed)');
    expect(reply.fields).toEqual([{ name: 'Space it would free', value: '3MB' }]);
  });

  it('says so when there is nothing to remove, or when another cleanup holds the lock', () => {
    expect(cleanupReply({ dryRun: false, items: [], bytes: 0 }, 'en')).toEqual({ status: 'info', title: 'Cleanup: nothing to remove' });
    expect(cleanupReply({ dryRun: true, items: [], bytes: 0 }, 'en').title).toBe('Cleanup: nothing to remove (dry run)');
    const busy = cleanupReply({ dryRun: false, items: [], bytes: 0, busy: true }, 'en');
    expect(busy).toMatchObject({ status: 'info', title: 'Another cleanup is running' });
  });

  it('speaks Korean to a Korean reader, headers and reasons included, with the columns lined up', () => {
    const reply = cleanupReply({ ...done, dryRun: true }, 'ko');
    expect(reply.title).toBe('정리 시험 실행: 3개, 3MB를 지울 수 있습니다 (실제로 지운 것은 없습니다)');
    expect(reply.fields).toEqual([{ name: '확보할 수 있는 공간', value: '3MB' }]);
    const lines = reply.code!.text.split('\n');
    expect(lines[0]!.split(/\s{3,}/)).toEqual(['소유자', '종류', '이름', '이유', '크기']);
    expect(lines[1]!.split(/\s{3,}/)).toEqual(['(소유자 없음)', '이미지', 'abcdef012345', '태그 없는 이미지(dangling)', '500B']);
    // Hangul takes two columns: the second column starts at the same screen column on every line.
    const secondColumn = (line: string) =>
      [.../^(.*?\S\s{3,})\S/.exec(line)![1]!].reduce((n, ch) => n + (/[\uac00-\ud7a3]/.test(ch) ? 2 : 1), 0);
    expect(new Set(lines.map(secondColumn)).size).toBe(1);
    expect(cleanupReply({ dryRun: false, items: [], bytes: 0, busy: true }, 'ko').title).toBe('다른 정리 작업이 실행 중입니다');
  });
});
