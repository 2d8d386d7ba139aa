import type { Lang } from '../flag-spec.js';
import type { Entry, Params } from './catalog-types.js';
import { chaosMessages } from './chaos.js';
import { common } from './common.js';
import { deployMessages } from './deploy.js';
import { discordMessages } from './discord.js';
import { explainMessages } from './explain.js';
import { fleetMessages } from './fleet.js';
import { labMessages } from './labs.js';
import { liveMessages } from './live.js';
import { pipeline } from './pipeline.js';
import { commandMessages } from './commands.js';
import { parseMessages } from './parse.js';
import { policyMessages } from './policy.js';
import { sandboxMessages } from './sandbox.js';
import { slackMessages } from './slack.js';
import { tenantMessages } from './tenants.js';

/**
 * Every message a user can see, under an identifier, in English and Korean. Code says `msg('quota.rate', {…})`;
 * the text is chosen where the reply is made, in the language of the one who asked. A typed catalogue of our own
 * rather than i18next: two languages, ids and parameters checked by the compiler, nothing loaded at run time.
 * Each area keeps its messages in a file of its own beside this one; add the file to MESSAGES.
 */
export const MESSAGES = {
  ...common,
  ...pipeline,
  ...explainMessages,
  ...labMessages,
  ...discordMessages,
  ...slackMessages,
  ...parseMessages,
  ...policyMessages,
  ...commandMessages,
  ...sandboxMessages,
  ...chaosMessages,
  ...deployMessages,
  ...tenantMessages,
  ...liveMessages,
  ...fleetMessages,
} as const;

export type MessageId = keyof typeof MESSAGES;
type EntryOf<Id extends MessageId> = (typeof MESSAGES)[Id];
type ParamsOf<Id extends MessageId> = EntryOf<Id>['en'] extends (p: infer P) => string ? P : undefined;

/** A message not yet put into words: its id and what fills it in. */
export interface Message {
  readonly id: MessageId;
  readonly params?: Params;
}

/** A message with its parameters, to be said later in the reader's language. */
export function msg<Id extends MessageId>(id: Id, ...params: ParamsOf<Id> extends undefined ? [] : [ParamsOf<Id>]): Message {
  return params[0] === undefined ? { id } : { id, params: params[0] as Params };
}

/** A message in one language. */
export function say(message: Message | MessageId, lang: Lang): string {
  const m = typeof message === 'string' ? { id: message } : message;
  const entry = MESSAGES[m.id] as Entry | undefined;
  if (!entry) throw new Error(`no message ${m.id}`);
  const text = entry[lang];
  return typeof text === 'function' ? text(m.params ?? {}) : text;
}

/** The language of a user's choice, or the deployment's default. */
export function langOf(locale: string | undefined, fallback: Lang = 'en'): Lang {
  if (!locale) return fallback;
  return locale.toLowerCase().startsWith('ko') ? 'ko' : locale.toLowerCase().startsWith('en') ? 'en' : fallback;
}

export type { Lang };
