import { progressText, type Progress, type Reply, type ReplyStatus } from '../../core/reply.js';
import type { Lang } from '../../core/flag-spec.js';
import type { Queued } from '../../core/job.js';
import { msg, say } from '../../core/messages/index.js';
import { codeBlock, escapeFences, fitCodeBlock, fitTail } from '../shared/fit-text.js';

/** Slack's Block Kit limits (https://api.slack.com/reference/block-kit/blocks), and the message text's. */
export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  contextElements: 10,
  contextText: 3000,
  blocks: 50,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  buttonsPerBlock: 25,
  /** The message's top-level `text` (a notification's fallback); Slack refuses far longer ones with msg_too_long. */
  text: 3000,
};
const ICON: Record<ReplyStatus, string> = {
  ok: ':white_check_mark:',
  failed: ':x:',
  refused: ':no_entry:',
  error: ':warning:',
  info: ':information_source:',
};
export const ACTION_PREFIX = 'docker-';
/** The fences of a code block in a section: "```\n" and "\n```". */
const FENCES = 8;

/**
 * Escapes text for mrkdwn: &, < and > become entities, so `<!channel>`, `<!here>` and `<@U123>` in output are
 * shown as text and never notify anyone, and no link or formatting can be injected.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SlackMessage {
  text: string;
  blocks: unknown[];
  /** The whole output, to upload as a file when the message could show only its head and tail. */
  fullOutput?: string;
  files: { name: string; data: Buffer; title: string }[];
}

/**
 * Where a reply goes: the channel (with files); a channel the bot may post in but not upload to (a public channel it
 * was not invited to, posted in with chat:write.public); or the command's response_url, which carries no files. The
 * last two say, under clipped output, how to get the rest and how to invite the bot, named `bot`.
 */
export type Via = { kind: 'channel' } | { kind: 'no-files'; bot: string } | { kind: 'response_url'; bot: string };

/** A reply in Block Kit. Every text is escaped first and clipped after, so no limit is passed whatever it holds. */
export function renderReply(reply: Reply, lang: Lang = 'en', via: Via = { kind: 'channel' }): SlackMessage {
  const blocks: unknown[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clipEscaped(`${ICON[reply.status]} ${escapeMrkdwn(reply.title)}`, LIMITS.headerText), emoji: true },
    },
  ];
  if (reply.body) blocks.push(section(clipEscaped(escapeMrkdwn(reply.body), LIMITS.sectionText)));
  let fullOutput: string | undefined;
  const notes: string[] = [];
  if (reply.code?.text) {
    const fitted = fitCodeBlock(escapeFences(escapeMrkdwn(reply.code.text)), LIMITS.sectionText - FENCES, { entities: true });
    blocks.push(section(codeBlock(fitted.text)));
    if (fitted.cut && via.kind === 'channel') {
      fullOutput = reply.code.text;
      notes.push(say(msg('output.cut', { lines: fitted.cut, chars: fitted.omittedChars }), lang));
    }
    if (fitted.cut && via.kind !== 'channel') {
      const logs = reply.buttons?.find((b) => b.id === 'logs')?.command ?? 'logs';
      notes.push(say(msg('slack.notMember.cut', { bot: via.bot, logs: `/docker ${logs}` }), lang));
    }
    if (reply.code.truncated) notes.push(say(msg('slack.output.sandboxCut'), lang));
  }
  const invited = (bot: string) => notes.some((n) => n.includes(`/invite @${bot}`));
  if (via.kind === 'response_url' && !invited(via.bot)) notes.push(say(msg('slack.notMember.invite', { bot: via.bot }), lang));
  if (via.kind === 'no-files' && reply.files?.length && !invited(via.bot))
    notes.push(say(msg('slack.notMember.files', { bot: via.bot }), lang));
  if (notes.length)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clipEscaped(notes.join(' '), LIMITS.contextText) }] });
  const short = (reply.fields ?? []).filter((f) => !f.value.includes('\n'));
  const long = (reply.fields ?? []).filter((f) => f.value.includes('\n'));
  if (short.length)
    blocks.push({
      type: 'context',
      elements: short
        .slice(0, LIMITS.contextElements)
        .map((f) => ({ type: 'mrkdwn', text: clipEscaped(`*${escapeMrkdwn(f.name)}:* ${escapeMrkdwn(f.value)}`, LIMITS.contextText) })),
    });
  for (const f of long) {
    const name = clipEscaped(`*${escapeMrkdwn(f.name)}*`, 200);
    const fitted = fitCodeBlock(escapeFences(escapeMrkdwn(f.value)), LIMITS.sectionText - FENCES - name.length - 1, { entities: true });
    blocks.push(section(`${name}\n${codeBlock(fitted.text)}`));
  }
  const buttons = buttonElements(reply.buttons);
  // Buttons are what the user acts on: they keep their place within the block limit.
  // A response_url's message is no channel message: its buttons would act where the bot cannot answer.
  const withButtons = buttons.length > 0 && via.kind !== 'response_url';
  const room = LIMITS.blocks - (withButtons ? 1 : 0);
  const kept = blocks.slice(0, room);
  if (withButtons) kept.push({ type: 'actions', elements: buttons });
  const files = (reply.files ?? []).map((f) => ({ name: f.name, data: Buffer.from(f.base64, 'base64'), title: f.description }));
  return {
    text: clipEscaped(escapeMrkdwn(reply.title), LIMITS.text),
    blocks: kept,
    fullOutput,
    files: via.kind === 'channel' ? files : [],
  };
}

const STAGE: Record<Progress['stage'], string> = {
  queued: ':hourglass_flowing_sand:',
  pulling: ':arrow_down:',
  running: ':arrow_forward:',
  done: ':black_square_for_stop:',
};

export function renderProgress(jobId: string, progress: Progress): SlackMessage {
  const { stage, detail } = progressText(progress);
  const text = clipEscaped(`${STAGE[progress.stage]} ${stage} #${jobId}${detail ? ` (${escapeMrkdwn(detail)})` : ''}`, LIMITS.sectionText);
  const blocks = [section(text)];
  // The latest output under the stage: as much of its end as a section takes.
  if (progress.output?.text)
    blocks.push(
      section(codeBlock(fitTail(escapeFences(escapeMrkdwn(progress.output.text)), LIMITS.sectionText - FENCES, { entities: true }))),
    );
  const buttons = buttonElements(progress.buttons);
  if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
  return { text, blocks, files: [] };
}

export function renderQueued(queued: Queued, lang: Lang): SlackMessage {
  return renderProgress(queued.jobId, { stage: 'queued', position: queued.position, lang });
}

/** The job's channel message, once its reply went to the requester alone. */
export function renderAnsweredPrivately(jobId: string, lang: Lang): SlackMessage {
  const text = escapeMrkdwn(say(msg('slack.answeredPrivately', { job: jobId }), lang));
  return { text, blocks: [section(text)], files: [] };
}

/** Buttons as Block Kit elements; each stands for its command (its value). */
function buttonElements(buttons: Reply['buttons']): unknown[] {
  const seen = new Set<string>();
  return (buttons ?? [])
    .filter((b) => b.command.length <= LIMITS.buttonValue)
    .slice(0, LIMITS.buttonsPerBlock)
    .map((b, i) => {
      // Slack refuses two elements of a message with the same action_id.
      let actionId = `${ACTION_PREFIX}${b.id}`.slice(0, LIMITS.actionId);
      if (seen.has(actionId)) actionId = `${actionId}-${i}`;
      seen.add(actionId);
      return {
        type: 'button',
        action_id: actionId,
        text: { type: 'plain_text', text: clip(b.label, LIMITS.buttonText) },
        value: b.command,
      };
    });
}

function section(text: string): unknown {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Clips text already escaped, never inside an entity (`&amp;`) or a surrogate pair. */
export function clipEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const amp = text.lastIndexOf('&', end - 1);
  if (amp >= 0 && end - amp < 5 && text.indexOf(';', amp) >= end) end = amp;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
