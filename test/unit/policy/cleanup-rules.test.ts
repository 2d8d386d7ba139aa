import { describe, expect, it } from 'vitest';
import type { ContainerInfo, ImageInfo, VolumeInfo } from '../../../src/core/sandbox-api.js';
import { planCleanup, type CleanupRules } from '../../../src/policy/cleanup-rules.js';

const NOW = 1_000_000_000_000;
const HOUR = 3_600_000;
const RULES: CleanupRules = { exitedAgeMs: 24 * HOUR, danglingImages: true, volumeAgeMs: 7 * 24 * HOUR };

const container = (over: Partial<ContainerInfo>): ContainerInfo => ({
  id: `${over.name ?? 'c'}-id`,
  name: 'c',
  image: 'busybox:latest',
  command: 'true',
  createdMs: NOW - 48 * HOUR,
  state: 'exited',
  status: 'Exited (0)',
  owner: 'terminal:alice',
  ownerName: 'alice',
  detached: false,
  sizeBytes: 100,
  ...over,
});
const volume = (over: Partial<VolumeInfo>): VolumeInfo => ({
  name: 'data',
  volume: 'dep-alice-data',
  owner: 'terminal:alice',
  ownerName: 'alice',
  createdMs: NOW - 30 * 24 * HOUR,
  sizeBytes: 1000,
  usedBy: [],
  ...over,
});
const image: ImageInfo = { id: 'sha256:0123456789abcdef0123', tags: [], createdMs: NOW - HOUR, sizeBytes: 5000 };

const plan = (containers: ContainerInfo[], dangling: ImageInfo[] = [], volumes: VolumeInfo[] = [], rules = RULES) =>
  planCleanup(containers, dangling, volumes, NOW, rules).map((i) => ({ kind: i.kind, name: i.name, reason: i.reason.id }));

describe('planCleanup', () => {
  it('removes stopped containers old enough, and leaves younger ones', () => {
    expect(plan([container({ name: 'old' }), container({ name: 'young', createdMs: NOW - HOUR })])).toEqual([
      { kind: 'container', name: 'old', reason: 'cleanup.reason.exited' },
    ]);
  });

  it('never touches a running container in the foreground, however old; a detached one goes when its time to live is past', () => {
    const items = plan([
      container({ name: 'fg', state: 'running', createdMs: NOW - 100 * HOUR }),
      container({ name: 'bg-live', state: 'running', detached: true, expiresMs: NOW + HOUR }),
      container({ name: 'bg-over', state: 'running', detached: true, expiresMs: NOW - 1 }),
      container({ name: 'restarting', state: 'restarting' }),
    ]);
    expect(items).toEqual([{ kind: 'container', name: 'bg-over', reason: 'cleanup.reason.ttl' }]);
  });

  it('removes a volume only when nothing keeps using it and it is old enough', () => {
    const items = plan(
      [container({ name: 'holder', state: 'running' }), container({ name: 'gone' })],
      [],
      [
        volume({ name: 'free' }),
        volume({ name: 'held', volume: 'v-held', usedBy: ['holder'] }),
        volume({ name: 'freed', volume: 'v-freed', usedBy: ['gone'] }),
        volume({ name: 'new', volume: 'v-new', createdMs: NOW - HOUR }),
      ],
    );
    expect(items.filter((i) => i.kind === 'volume')).toEqual([
      { kind: 'volume', name: 'free', reason: 'cleanup.reason.unused' },
      { kind: 'volume', name: 'freed', reason: 'cleanup.reason.unused' },
    ]);
  });

  it('removes dangling images only when the rules say so, named by their short id and owned by nobody', () => {
    const items = planCleanup([], [image], [], NOW, RULES);
    expect(items).toEqual([
      { kind: 'image', id: image.id, name: '0123456789ab', owner: '', reason: { id: 'cleanup.reason.dangling' }, bytes: 5000 },
    ]);
    expect(plan([], [image], [], { ...RULES, danglingImages: false })).toEqual([]);
  });

  it('counts what each object holds, and names owners by their name where known', () => {
    const [item] = planCleanup([container({ name: 'old', ownerName: undefined, sizeBytes: undefined })], [], [], NOW, RULES);
    expect(item).toMatchObject({ owner: 'terminal:alice', bytes: 0 });
  });
});
