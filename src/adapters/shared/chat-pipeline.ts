import type { Logger } from 'pino';
import type { Queued } from '../../core/job.js';
import type { ShortLivedStoreApi } from '../../core/ops-api.js';
import type { ChatRequest, ReplyTarget } from '../../core/request.js';
import type { Accepted, Answer, ReplyAnswer } from '../../pipeline/handle-request.js';

/** What a chat adapter is handed by the composition root: the two halves of the bot's pipeline, and places to keep things. */
export interface ChatPipeline {
  admit(request: ChatRequest): Promise<Accepted | ReplyAnswer>;
  queue(accepted: Accepted): Promise<Answer>;
  /**
   * Shows "queued #id (position n)" where the job's progress is shown, through the ordered deliveries: once a
   * burst of commands has been acknowledged, and not at all when the job has moved on by then.
   */
  announceQueued(queued: Queued, replyTo: ReplyTarget): void;
  store: ShortLivedStoreApi;
  log: Logger;
}
