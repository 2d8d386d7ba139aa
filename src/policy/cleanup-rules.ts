import type { ContainerInfo, ImageInfo } from '../core/sandbox-api.js';

export interface CleanupRules {
  /** Exited containers older than this (since creation) are removed. */
  exitedAgeMs: number;
  /** Remove images with no tag that no container uses. */
  danglingImages: boolean;
}

export interface CleanupItem {
  kind: 'container' | 'image';
  id: string;
  name: string;
  owner: string;
  reason: string;
  bytes: number;
}

/**
 * Decides what a cleanup removes, from what the engine lists: only this deployment's labelled containers (the
 * list is already filtered by label) that have exited long enough ago or outlived their time to live, and
 * dangling images. A container running in the foreground is never touched: its worker is waiting for it.
 */
export function planCleanup(containers: readonly ContainerInfo[], dangling: readonly ImageInfo[], now: number, rules: CleanupRules): CleanupItem[] {
  const items: CleanupItem[] = [];
  for (const c of containers) {
    const owner = c.ownerName ?? c.owner;
    if (c.state === 'running' && c.detached && c.expiresMs !== undefined && c.expiresMs <= now) {
      items.push({ kind: 'container', id: c.id, name: c.name, owner, reason: 'past its time to live', bytes: c.sizeBytes ?? 0 });
    } else if (c.state !== 'running' && c.state !== 'restarting' && now - c.createdMs >= rules.exitedAgeMs) {
      items.push({ kind: 'container', id: c.id, name: c.name, owner, reason: `${c.state} for long enough`, bytes: c.sizeBytes ?? 0 });
    }
  }
  if (rules.danglingImages) {
    for (const i of dangling) items.push({ kind: 'image', id: i.id, name: i.id.replace(/^sha256:/, '').slice(0, 12), owner: '(no owner)', reason: 'dangling', bytes: i.sizeBytes });
  }
  return items;
}
