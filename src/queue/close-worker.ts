import type { Worker } from 'bullmq';

const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
  ]);

/**
 * SIGTERM: take no new jobs, give running ones `graceMs` to finish, then let go; a job still running is taken up
 * again by another worker once its lock expires, and finds its container instead of starting another. A close
 * that does not finish in time (a worker stuck on a connection Redis dropped) is cut by disconnecting.
 */
export async function closeWithGrace(worker: Worker, graceMs: number): Promise<void> {
  if (await within(worker.close(), graceMs)) return;
  await within(worker.disconnect(), 2000);
}
