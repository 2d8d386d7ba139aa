import { cleanupReply, runCleanup, type CleanupResult } from '../../commands/cleanup.js';
import { weeklySummary } from '../../commands/learn-progress.js';
import { startMonitor } from '../health/monitor.js';
import { startMaintenance } from '../queue/maintenance.js';
import type { Shared } from './shared.js';

/**
 * The scheduler role: the cleanup and the week's lab summary on their schedules, and the watch on Redis and the
 * engine, reported to the ops channel.
 */
export async function startScheduler(shared: Shared) {
  const { config, log } = shared;
  const sandbox = shared.sandboxOf();
  const cleanupNow = async (): Promise<CleanupResult> => {
    const result = await runCleanup(sandbox, shared.locks, config, false);
    if (result.items.length || config.cleanupReportEmpty) await shared.notifyOps(cleanupReply(result, config.defaultLang));
    return result;
  };
  const labsSummary = async () => {
    const summary = weeklySummary(await shared.labs.all(), Date.now(), config.defaultLang);
    if (summary) await shared.notifyOps(summary);
  };
  const maintenance = await startMaintenance({
    connection: shared.blocking,
    prefix: config.queuePrefix,
    schedules: [
      { name: 'cleanup', pattern: config.cleanupCron, run: async () => void (await cleanupNow()) },
      { name: 'labs-summary', pattern: config.labsSummaryCron, run: labsSummary },
    ],
    log,
  });
  const monitor = startMonitor(
    { Redis: shared.healthChecks.redis!, 'Docker engine': shared.healthChecks.docker! },
    config.healthInterval,
    shared.notifyOps,
    config.defaultLang,
  );
  shared.closables.push(maintenance, { close: async () => monitor.stop() });
  return { cleanupNow };
}
