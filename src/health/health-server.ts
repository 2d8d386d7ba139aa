import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './metrics.js';

/** One dependency's state, checked when /healthz is asked. */
export type HealthCheck = () => Promise<{ ok: boolean; detail?: string }>;

/**
 * /healthz (JSON; 200 when every check passes, 503 otherwise) and /metrics (Prometheus text). The checks are
 * handed in: Redis, the Docker engine, the chat connections this process holds.
 */
export async function startHealthServer(
  checks: Record<string, HealthCheck>,
  port: number,
  host: string,
): Promise<{ address: AddressInfo; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(await registry.metrics());
      return;
    }
    if (req.url === '/healthz') {
      const results = Object.fromEntries(
        await Promise.all(
          Object.entries(checks).map(async ([name, check]) => {
            const timeout = new Promise<{ ok: boolean; detail: string }>((r) =>
              setTimeout(() => r({ ok: false, detail: 'no answer within 3 s' }), 3000).unref(),
            );
            const result = await Promise.race([check().catch((e: Error) => ({ ok: false, detail: e.message })), timeout]);
            return [name, result] as const;
          }),
        ),
      );
      const ok = Object.values(results).every((r) => r.ok);
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'unhealthy', checks: results }));
      return;
    }
    res.writeHead(404).end();
  });
  // A port taken by another process is an error the caller hears (it carries on without /healthz), not a crash.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
