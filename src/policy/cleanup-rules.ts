import { msg, type Message } from '../core/messages/index.js';
import type { ContainerInfo, ImageInfo, VolumeInfo } from '../core/sandbox-api.js';

export interface CleanupRules {
  /** Exited containers older than this (since creation) are removed. */
  exitedAgeMs: number;
  /** Remove images with no tag that no container uses. */
  danglingImages: boolean;
  /** Volumes no container uses, created longer ago than this, are removed. */
  volumeAgeMs: number;
}

export interface CleanupItem {
  kind: 'container' | 'image' | 'volume';
  id: string;
  name: string;
  /** The owner's name or id; empty for what nobody owns (dangling images). */
  owner: string;
  /** Why it goes, said in the reader's language when the reply is made. */
  reason: Message;
  bytes: number;
}

/**
 * Decides what a cleanup removes, from what the engine lists: only this deployment's labelled containers (the
 * list is already filtered by label) that have exited long enough ago or outlived their time to live, their
 * volumes that nothing uses and that are old enough, and dangling images. A container running in the foreground is never touched: its worker is waiting for it.
 */
export function planCleanup(
  containers: readonly ContainerInfo[],
  dangling: readonly ImageInfo[],
  volumes: readonly VolumeInfo[],
  now: number,
  rules: CleanupRules,
): CleanupItem[] {
  const items: CleanupItem[] = [];
  for (const c of containers) {
    const owner = c.ownerName ?? c.owner;
    if (c.state === 'running' && c.detached && c.expiresMs !== undefined && c.expiresMs <= now) {
      items.push({ kind: 'container', id: c.id, name: c.name, owner, reason: msg('cleanup.reason.ttl'), bytes: c.sizeBytes ?? 0 });
    } else if (c.state !== 'running' && c.state !== 'restarting' && now - c.createdMs >= rules.exitedAgeMs) {
      items.push({
        kind: 'container',
        id: c.id,
        name: c.name,
        owner,
        reason: msg('cleanup.reason.exited', { state: c.state }),
        bytes: c.sizeBytes ?? 0,
      });
    }
  }
  // A volume is in use while any container (running or not) mounts it; containers removed above free theirs.
  const removed = new Set(items.map((i) => i.name));
  for (const v of volumes) {
    if (v.usedBy.every((name) => removed.has(name)) && now - v.createdMs >= rules.volumeAgeMs) {
      items.push({
        kind: 'volume',
        id: v.volume,
        name: v.name,
        owner: v.ownerName ?? v.owner,
        reason: msg('cleanup.reason.unused'),
        bytes: v.sizeBytes ?? 0,
      });
    }
  }
  if (rules.danglingImages) {
    for (const i of dangling)
      items.push({
        kind: 'image',
        id: i.id,
        name: i.id.replace(/^sha256:/, '').slice(0, 12),
        owner: '',
        reason: msg('cleanup.reason.dangling'),
        bytes: i.sizeBytes,
      });
  }
  return items;
}
