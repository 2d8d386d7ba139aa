import type { Logger } from 'pino';
import type { Delivery, DeliveryApi } from '../core/job.js';
import type { ShortLivedStoreApi } from '../core/queue-ports.js';
import type { ChatRequest } from '../core/request.js';
import { AckFirst } from './ack-first.js';
import { admitRequest, queueAccepted, type Answer, type RequestDeps } from './handle-request.js';
import { RefusalTally, type RefusalSample } from './refusal-tally.js';

/**
 * The one way in for every chat adapter: admit (parse, policy, quotas) → queue → acknowledge (the platform's early
 * answer) → announce "queued". A command with an attached file is acknowledged before the file is taken in (a
 * download can outlast the platform's 3 s), then queued. Adapters call `handle` and render what it returns.
 */
export class ChatEntry {
  private readonly ackFirst = new AckFirst();
  private readonly refusals: RefusalTally;

  constructor(
    private readonly deps: RequestDeps & { deliveries: DeliveryApi; deliveryYieldMs: number },
    /** Where adapters keep short-lived credentials (a Discord interaction token). */
    readonly store: ShortLivedStoreApi,
    readonly log: Logger,
  ) {
    this.refusals = new RefusalTally(deps.audit, log);
  }

  /**
   * One command. `acknowledge` is called once the job is stored (so a bot killed before it acknowledges leaves a job
   * that runs and is answered, not an acknowledgement with nothing behind it), or, for a command with a file, before
   * the download. Resolves with what to show at once: a reply (help, explain, a refusal), or the news that the job was
   * queued.
   */
  async handle(request: ChatRequest, acknowledge?: () => Promise<void>): Promise<Answer> {
    const answer = await this.ackFirst.admitting(async () => {
      const admitted = await admitRequest(request, this.deps);
      if (admitted.kind !== 'accepted') return admitted;
      const hasFile = Boolean(admitted.command.definition.uploadFrom?.(admitted.command.args));
      if (hasFile) await acknowledge?.();
      const queued = await queueAccepted(admitted, this.deps);
      if (!hasFile) await acknowledge?.();
      return queued;
    });
    if (answer.kind === 'queued') this.announceQueued(answer, request);
    if (answer.kind === 'reply' && answer.replayed) this.refused('replay', request);
    return answer;
  }

  /** A request refused before it became a command (a forged signature, a replay): counted and sampled in the audit. */
  refused(kind: string, sample: RefusalSample): void {
    this.refusals.note(kind, sample);
  }

  /** Writes what is still counted of refused requests (the process is stopping). */
  close(): Promise<void> {
    return this.refusals.flush();
  }

  /**
   * "Queued #id (position n)" where the job's progress is shown, through the ordered deliveries: at once, or after
   * a burst of commands. The notice is news, not a promise (the job is stored and its final reply will come), so a
   * job that has moved on by then does not get it.
   */
  private announceQueued(answer: Extract<Answer, { kind: 'queued' }>, request: ChatRequest): void {
    const { queued, lang } = answer;
    const notice: Delivery = {
      kind: 'progress',
      jobId: queued.jobId,
      replyTo: request.replyTo,
      progress: { stage: 'queued', position: queued.position, lang },
      unlessMoved: true,
    };
    const sent = this.ackFirst.busy()
      ? this.ackFirst.quiet(this.deps.deliveryYieldMs).then(() => this.deps.deliveries.deliver(notice))
      : this.deps.deliveries.deliver(notice);
    sent.catch((error) => this.log.warn({ err: error, job: queued.jobId }, 'queued notice not sent'));
  }

  /** An adapter's sender, made to wait while a burst of commands is being acknowledged (DELIVERY_YIELD at most). */
  afterAcks(send: (delivery: Delivery) => Promise<void>): (delivery: Delivery) => Promise<void> {
    return async (delivery) => {
      await this.ackFirst.quiet(this.deps.deliveryYieldMs);
      await send(delivery);
    };
  }
}
