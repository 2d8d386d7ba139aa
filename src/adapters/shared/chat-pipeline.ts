import type { Logger } from 'pino';
import type { Delivery } from '../../core/job.js';
import type { ShortLivedStoreApi } from '../../core/ops-api.js';
import type { ChatRequest } from '../../core/request.js';
import type { Accepted, Answer, ReplyAnswer } from '../../pipeline/handle-request.js';

/** What a chat adapter is handed by the composition root: the two halves of the bot's pipeline, and places to keep things. */
export interface ChatPipeline {
  admit(request: ChatRequest): Promise<Accepted | ReplyAnswer>;
  queue(accepted: Accepted): Promise<Answer>;
  /** Delivers through the ordered delivery queue, so "queued" never lands after a later edit. */
  deliverLater(delivery: Delivery): Promise<void>;
  store: ShortLivedStoreApi;
  log: Logger;
}
