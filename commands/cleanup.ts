import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { flagBool } from '../src/core/parse-flags.js';
import type { Lang } from '../src/core/flag-spec.js';
import type { LocksApi } from '../src/core/queue-ports.js';
import type { Reply } from '../src/core/reply.js';
import type { SandboxApi } from '../src/core/sandbox-api.js';
import type { Settings } from '../src/core/settings.js';
import { formatTable } from '../src/core/table.js';
import { formatBytes } from '../src/core/units.js';
import { planCleanup, type CleanupItem } from '../src/policy/cleanup-rules.js';
import { cleanupBytes, cleanupRemoved } from '../src/health/metrics.js';

export const cleanup = defineCommand<{ dryRun: boolean }>({
  name: 'cleanup',
  aliases: ['admin cleanup'],
  summary: {
    en: "Remove Stevedore's old containers and dangling images now (admins)",
    ko: 'Stevedore의 오래된 컨테이너와 dangling 이미지를 지금 정리한다 (관리자)',
  },
  usage: 'cleanup [--dry-run]',
  flags: [
    {
      long: 'dry-run',
      type: 'bool',
      en: 'Show what would go and the space it would free; remove nothing',
      ko: '무엇이 지워질지와 확보될 공간만 보여 주고 아무것도 지우지 않는다',
    },
  ],
  positionals: [],
  chatOptions: ['dry-run'],
  interspersed: true,
  access: 'admin',
  runsOn: 'worker',
  build: (parsed) => ({ dryRun: flagBool(parsed, 'dry-run') }),
  async execute(ctx) {
    return cleanupReply(await runCleanup(ctx.sandbox, ctx.locks, ctx.settings, ctx.args.dryRun), ctx.lang);
  },
});

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
export async function runCleanup(sandbox: SandboxApi, locks: LocksApi, settings: Settings, dryRun: boolean): Promise<CleanupResult> {
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
  if (!(await locks.lock(LOCK, LOCK_MS))) return { dryRun, items: [], bytes: 0, busy: true };
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
    await locks.unlock(LOCK);
  }
}

/** A cleanup as a reply: what went (or would go), grouped by owner, and the space freed. */
export function cleanupReply(result: CleanupResult, lang: Lang = 'en'): Reply {
  if (result.busy) return { status: 'info', title: say('cleanup.busy', lang), body: say('cleanup.busy.body', lang) };
  const dryRun = result.dryRun ? 1 : 0;
  if (result.items.length === 0) return { status: 'info', title: say(msg('cleanup.nothing', { dryRun }), lang) };
  const owners = [...new Set(result.items.map((i) => i.owner))].sort();
  const rows = owners.flatMap((owner) =>
    result.items
      .filter((i) => i.owner === owner)
      .map((i) => [owner || say('cleanup.noOwner', lang), say(`kind.${i.kind}`, lang), i.name, say(i.reason, lang), formatBytes(i.bytes)]),
  );
  const header = (['column.owner', 'column.kind', 'column.name', 'column.why', 'column.size'] as const).map((c) => say(c, lang));
  return {
    status: 'ok',
    title: say(msg('cleanup.done', { dryRun, count: result.items.length, size: formatBytes(result.bytes) }), lang),
    code: { text: formatTable(header, rows) },
    fields: [{ name: say(msg('cleanup.freed', { dryRun }), lang), value: formatBytes(result.bytes) }],
  };
}
