import type { Lang } from '../core/flag-spec.js';
import { msg, say } from '../core/messages/index.js';
import type { Reply } from '../core/reply.js';
import type { HealthCheck } from './health-server.js';

/**
 * Watches dependencies and tells the ops channel when one becomes unreachable and when it is back. A message
 * that cannot be sent now (Redis itself is down) is sent on recovery, with how long it was away. The notices are
 * said in `lang`, the ops channel's language (the deployment's default).
 */
export function startMonitor(
  checks: Record<string, HealthCheck>,
  intervalMs: number,
  notify: (reply: Reply) => Promise<void>,
  lang: Lang = 'en',
): { stop(): void } {
  const downSince = new Map<string, number>();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const [name, check] of Object.entries(checks)) {
        const { ok, detail } = await check().catch((e: Error) => ({ ok: false, detail: e.message }));
        const since = downSince.get(name);
        if (!ok && since === undefined) {
          downSince.set(name, Date.now());
          await notify({ status: 'error', title: say(msg('monitor.down', { name }), lang), body: detail }).catch(() => {});
        } else if (ok && since !== undefined) {
          downSince.delete(name);
          await notify({
            status: 'ok',
            title: say(msg('monitor.back', { name }), lang),
            body: say(msg('monitor.back.body', { seconds: Math.round((Date.now() - since) / 1000) }), lang),
          }).catch(() => {});
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  return { stop: () => clearInterval(timer) };
}
