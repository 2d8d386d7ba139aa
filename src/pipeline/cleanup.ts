import type { Lang } from '../core/flag-spec.js';
import type { OpsApi } from '../core/ops-api.js';
import type { Reply } from '../core/reply.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { formatTable } from '../core/table.js';
import { formatBytes } from '../core/units.js';
import { planCleanup, type CleanupItem } from '../policy/cleanup-rules.js';
import { cleanupBytes, cleanupRemoved } from '../health/metrics.js';

export interface CleanupResult {
  dryRun: boolean;
  items: CleanupItem[];
  bytes: number;
  /** Set when nothing was done because another cleanup was running. */
  busy?: boolean;
}

const LOCK = 'cleanup';
const LOCK_MS = 10 * 60_000;

/**
 * One cleanup of the sandbox host, from the schedule or from /docker cleanup. Only one runs at a time (a lock in
 * Redis); each removal is independent, so a cleanup that dies halfway is simply run again.
 */
export async function runCleanup(sandbox: SandboxApi, ops: OpsApi, settings: Settings, dryRun: boolean): Promise<CleanupResult> {
  const [containers, dangling, volumes] = await Promise.all([
    sandbox.listContainers({ all: true, size: true }),
    sandbox.danglingImages(),
    sandbox.listVolumes(),
  ]);
  const items = planCleanup(containers, dangling, volumes, Date.now(), {
    exitedAgeMs: settings.cleanupExitedAge,
    danglingImages: settings.cleanupDanglingImages,
    volumeAgeMs: settings.cleanupVolumeAge,
  });
  const planned = items.reduce((n, i) => n + i.bytes, 0);
  if (dryRun) return { dryRun, items, bytes: planned };
  if (!(await ops.lock(LOCK, LOCK_MS))) return { dryRun, items: [], bytes: 0, busy: true };
  try {
    let bytes = 0;
    for (const item of items.filter((i) => i.kind === 'container')) {
      await sandbox.removeContainer(item.id, true).catch(() => {}); // gone already: fine
      bytes += item.bytes;
    }
    for (const item of items.filter((i) => i.kind === 'volume')) {
      await sandbox.removeVolume(item.id).catch(() => {});
      bytes += item.bytes;
    }
    if (items.some((i) => i.kind === 'image')) bytes += (await sandbox.pruneDanglingImages()).bytes;
    for (const item of items) cleanupRemoved.inc({ kind: item.kind });
    cleanupBytes.inc(bytes);
    return { dryRun, items, bytes };
  } finally {
    await ops.unlock(LOCK);
  }
}

/** A cleanup as a reply: what went (or would go), grouped by owner, and the space freed. */
export function cleanupReply(result: CleanupResult, lang: Lang = 'en'): Reply {
  if (result.busy)
    return { status: 'info', title: 'Another cleanup is running', body: 'Nothing was done; try again when it has finished.' };
  const verb = result.dryRun ? 'would remove' : 'removed';
  if (result.items.length === 0) return { status: 'info', title: `Cleanup: nothing to remove${result.dryRun ? ' (dry run)' : ''}` };
  const owners = [...new Set(result.items.map((i) => i.owner))].sort();
  const rows = owners.flatMap((owner) =>
    result.items.filter((i) => i.owner === owner).map((i) => [owner, i.kind, i.name, i.reason, formatBytes(i.bytes)]),
  );
  return {
    status: 'ok',
    title: `Cleanup ${verb} ${result.items.length} object${result.items.length === 1 ? '' : 's'}, ${formatBytes(result.bytes)}${result.dryRun ? ' (dry run: nothing was removed)' : ''}`,
    code: { text: formatTable(['OWNER', 'KIND', 'NAME', 'WHY', 'SIZE'], rows) },
    fields: [
      { name: lang === 'ko' ? '확보한 공간' : result.dryRun ? 'Space it would free' : 'Space freed', value: formatBytes(result.bytes) },
    ],
  };
}
