import type { Lang } from './flag-spec.js';

export type Platform = 'terminal' | 'discord' | 'slack';

/**
 * Where replies for one request go. `route` names the delivery queue whose consumer can reach the platform
 * (`discord`, `slack`, or one terminal process); the rest is the platform's own address, ids only.
 */
export interface ReplyTarget {
  route: string;
  channelId: string;
  /** Platform-specific ids needed to edit the same message (interaction id, message ts, ...). */
  [key: string]: string | number | undefined;
}

/** One command as a chat platform delivered it, after the adapter verified it. */
export interface ChatRequest {
  platform: Platform;
  /** The platform's stable user id; never a display name. */
  userId: string;
  userName?: string;
  channelId: string;
  /**
   * The team's own place the request came from: the Discord guild id, or the Slack workspace (team) id. The default
   * policy serves only the team's own guilds and workspace; unset (the terminal, a DM) is decided by the policy.
   */
  workspace?: string;
  /** Platform role ids of the user, where the platform has roles. */
  roles?: string[];
  locale?: Lang;
  /** The text after `/docker`, or the whole typed line. */
  text: string;
  replyTo: ReplyTarget;
  /** Set when the platform may deliver the same request twice (a retry): the same key queues one job. */
  dedupKey?: string;
  /** The platform's id of this request (a Slack trigger id): a second request with it is answered as a replay. */
  seenKey?: string;
  /** Files sent with the command (a Discord attachment, a terminal path), for cp. */
  attachments?: Attachment[];
}

export interface Attachment {
  name: string;
  /** Where the platform serves it. */
  url?: string;
  /** A local file (the terminal only). */
  path?: string;
  size?: number;
}

/** Who a job runs for: what the worker needs to know of the request, and nothing secret. */
export interface Requester {
  platform: Platform;
  userId: string;
  userName?: string;
  channelId: string;
  locale?: Lang;
  /** The Discord guild or Slack workspace the request came from. */
  workspace?: string;
  /** Decided by the bot from the policy (user id or platform role), carried with the job. */
  admin?: boolean;
}

export function requesterOf(request: ChatRequest, admin: boolean): Requester {
  const { platform, userId, userName, channelId, locale, workspace } = request;
  return { platform, userId, userName, channelId, locale, workspace, admin };
}

/** The owner id written on containers: platform-qualified so equal ids on two platforms never meet. */
export function ownerId(who: Pick<Requester, 'platform' | 'userId'>): string {
  return `${who.platform}:${who.userId}`;
}

/** The route of ops notices meant for the terminal of this machine. */
export const TERMINAL_OPS_ROUTE = 'ops-terminal';
