import type { Worker } from 'bullmq';

/** Why a worker takes no new job: a drain, its host out for a cool-down, or its host served by another process. */
export type HoldReason = 'drain' | 'out' | 'standby';

type Gated = Pick<Worker, 'pause' | 'resume' | 'run'>;

/**
 * Everything that holds one worker back, in one place: it takes jobs only while nothing holds it, so the end of one
 * hold (a host back from its cool-down) never resumes a worker another still holds (a drain). The worker is made
 * with `autorun: false` and started here the first time nothing holds it.
 */
export class WorkerGate {
  private readonly holds = new Set<HoldReason>();
  private started = false;

  constructor(
    private readonly worker: Gated,
    initial: readonly HoldReason[],
    private readonly onError: (error: Error) => void,
  ) {
    initial.forEach((r) => this.holds.add(r));
    this.open();
  }

  get held(): boolean {
    return this.holds.size > 0;
  }

  /** Holds the worker for `reason`; with `finishRunning`, resolves once its running jobs are done (a drain). */
  async hold(reason: HoldReason, finishRunning = false): Promise<void> {
    const wasOpen = !this.holds.size;
    this.holds.add(reason);
    if (wasOpen && this.started) await this.worker.pause(!finishRunning);
  }

  free(reason: HoldReason): void {
    if (this.holds.delete(reason)) this.open();
  }

  /** The gate as one reason sees it, shaped as the worker it stands for (the drain watch pauses and resumes it). */
  as(reason: HoldReason): Pick<Worker, 'pause' | 'resume'> {
    return { pause: () => this.hold(reason, true), resume: () => this.free(reason) } as Pick<Worker, 'pause' | 'resume'>;
  }

  private open(): void {
    if (this.holds.size) return;
    if (this.started) {
      this.worker.resume();
      return;
    }
    this.started = true;
    void this.worker.run().catch(this.onError);
  }
}
