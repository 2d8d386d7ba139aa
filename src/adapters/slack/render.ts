import { progressText, type Progress, type Reply, type ReplyStatus } from '../../core/reply.js';
import type { Lang } from '../../core/flag-spec.js';
import type { Queued } from '../../core/job.js';
import { codeBlock, escapeFences, fitCodeBlock } from '../shared/fit-text.js';

/** Slack's limits (https://api.slack.com/reference/block-kit/blocks). */
export const LIMITS = { headerText: 150, sectionText: 3000, contextElements: 10, blocks: 50, buttonValue: 2000, buttonsPerBlock: 25 };
const ICON: Record<ReplyStatus, string> = {
  ok: ':white_check_mark:',
  failed: ':x:',
  refused: ':no_entry:',
  error: ':warning:',
  info: ':information_source:',
};
export const ACTION_PREFIX = 'docker-';

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

export function renderReply(reply: Reply): SlackMessage {
  const blocks: unknown[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(`${ICON[reply.status]} ${escapeMrkdwn(reply.title)}`, LIMITS.headerText), emoji: true },
    },
  ];
  if (reply.body) blocks.push(section(escapeMrkdwn(clip(reply.body, LIMITS.sectionText - 10))));
  let fullOutput: string | undefined;
  if (reply.code?.text) {
    const fitted = fitCodeBlock(escapeFences(escapeMrkdwn(reply.code.text)), LIMITS.sectionText - 10);
    blocks.push(section(codeBlock(fitted.text)));
    if (fitted.cut) fullOutput = reply.code.text;
    const notes = [
      fitted.cut ? `${fitted.cut} lines not shown: the whole output is attached as output.txt.` : '',
      reply.code.truncated ? 'Output was cut at the sandbox limit.' : '',
    ].filter(Boolean);
    if (notes.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join(' ') }] });
  }
  const short = (reply.fields ?? []).filter((f) => !f.value.includes('\n'));
  const long = (reply.fields ?? []).filter((f) => f.value.includes('\n'));
  if (short.length)
    blocks.push({
      type: 'context',
      elements: short
        .slice(0, LIMITS.contextElements)
        .map((f) => ({ type: 'mrkdwn', text: `*${escapeMrkdwn(f.name)}:* ${escapeMrkdwn(f.value)}` })),
    });
  for (const f of long)
    blocks.push(section(clip(`*${escapeMrkdwn(f.name)}*\n${codeBlock(escapeFences(escapeMrkdwn(f.value)))}`, LIMITS.sectionText)));
  const buttons = (reply.buttons ?? []).filter((b) => b.command.length <= LIMITS.buttonValue);
  if (buttons.length) {
    blocks.push({
      type: 'actions',
      elements: buttons.map((b) => ({
        type: 'button',
        action_id: `${ACTION_PREFIX}${b.id}`,
        text: { type: 'plain_text', text: b.label },
        value: b.command,
      })),
    });
  }
  const files = (reply.files ?? []).map((f) => ({ name: f.name, data: Buffer.from(f.base64, 'base64'), title: f.description }));
  return { text: clip(escapeMrkdwn(reply.title), 300), blocks: blocks.slice(0, LIMITS.blocks), fullOutput, files };
}

const STAGE: Record<Progress['stage'], string> = {
  queued: ':hourglass_flowing_sand:',
  pulling: ':arrow_down:',
  running: ':arrow_forward:',
  done: ':black_square_for_stop:',
};

export function renderProgress(jobId: string, progress: Progress): SlackMessage {
  const { stage, detail } = progressText(progress);
  const text = `${STAGE[progress.stage]} ${stage} #${jobId}${detail ? ` (${escapeMrkdwn(detail)})` : ''}`;
  return { text, blocks: [section(text)], files: [] };
}

export function renderQueued(queued: Queued, lang: Lang): SlackMessage {
  return renderProgress(queued.jobId, { stage: 'queued', position: queued.position, lang });
}

function section(text: string): unknown {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
