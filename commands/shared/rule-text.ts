import { say, type MessageId } from '../../src/core/messages/index.js';

/** A catalogue entry as a flag rule's reason, in both languages (flag rules hold their text, not an id). */
export function ruleText(id: MessageId): { en: string; ko: string } {
  return { en: say(id, 'en'), ko: say(id, 'ko') };
}
