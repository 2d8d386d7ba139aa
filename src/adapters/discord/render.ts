import { msg, say, type Lang } from '../../core/messages/index.js';
import { progressText, type Progress, type Reply, type ReplyStatus } from '../../core/reply.js';
import { codeBlock, escapeFences, fitCodeBlock, fitTail } from '../shared/fit-text.js';

/** Discord's limits on one message (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  buttonsPerRow: 5,
  customId: 100,
};
const COLOR: Record<ReplyStatus, number> = { ok: 0x2da44e, failed: 0xcf222e, error: 0xcf222e, refused: 0xd4a72c, info: 0x1d63ed };
const ICON: Record<ReplyStatus, string> = { ok: '✅', failed: '❌', refused: '⛔', error: '⚠️', info: 'ℹ️' };
const BUTTON = 2;
const ACTION_ROW = 1;
const SECONDARY = 2;
export const EPHEMERAL = 64;
export const BUTTON_PREFIX = 'docker:';

/** A message body for the REST API, and the files to send with it (multipart). */
export interface DiscordMessage {
  body: {
    content: string;
    embeds: unknown[];
    components: unknown[];
    allowed_mentions: { parse: never[] };
    flags?: number;
    attachments?: { id: number; filename: string; description?: string }[];
  };
  files: { name: string; data: Buffer; contentType: string }[];
}

/** A reply as a Discord message: one embed within the limits, whole output attached when it does not fit. */
export function renderReply(reply: Reply, lang: Lang = 'en'): DiscordMessage {
  const files: DiscordMessage['files'] = [];
  let description = reply.body ? truncate(reply.body, 1500) : '';
  if (reply.code?.text !== undefined && reply.code.text !== '') {
    const room = LIMITS.description - description.length - 16 - 140; // the fences, and the note under a cut output
    const fitted = fitCodeBlock(escapeFences(reply.code.text), room);
    description = [description, codeBlock(fitted.text)].filter(Boolean).join('\n');
    if (fitted.cut || reply.code.truncated) {
      if (fitted.cut) files.push({ name: 'output.txt', data: Buffer.from(reply.code.text), contentType: 'text/plain; charset=utf-8' });
      const notes = [
        ...(fitted.cut ? [say(msg('output.cut', { lines: fitted.cut, chars: fitted.omittedChars }), lang)] : []),
        ...(reply.code.truncated ? [say(msg('discord.output.limit'), lang)] : []),
      ];
      description += `\n-# ${notes.join(' ')}`;
    }
  }
  for (const file of reply.files ?? [])
    files.push({ name: file.name, data: Buffer.from(file.base64, 'base64'), contentType: file.contentType });
  const embed: Record<string, unknown> = {
    title: truncate(`${ICON[reply.status]} ${reply.title}`, LIMITS.title),
    color: COLOR[reply.status],
    ...(description ? { description } : {}),
  };
  let total = String(embed.title).length + description.length;
  const fields = [];
  for (const f of (reply.fields ?? []).slice(0, LIMITS.fields)) {
    const name = truncate(f.name, LIMITS.fieldName);
    const value = truncate(f.value.includes('\n') ? f.value : f.value, LIMITS.fieldValue) || '—';
    if (total + name.length + value.length > LIMITS.embedTotal) break;
    total += name.length + value.length;
    fields.push({ name, value, inline: !f.value.includes('\n') && f.value.length < 40 });
  }
  if (fields.length) embed.fields = fields;
  const picture = reply.files?.find((f) => f.contentType === 'image/png');
  if (picture) embed.image = { url: `attachment://${picture.name}` };
  return {
    body: {
      content: '',
      embeds: [embed],
      components: buttonRows(reply.buttons),
      allowed_mentions: { parse: [] },
      ...(reply.ephemeral ? { flags: EPHEMERAL } : {}),
      ...(files.length ? { attachments: files.map((f, id) => ({ id, filename: f.name })) } : {}),
    },
    files,
  };
}

/** Buttons as one action row (none when there are none); each stands for its command. */
function buttonRows(buttons: Reply['buttons']): unknown[] {
  const row = (buttons ?? [])
    .map((b) => ({ type: BUTTON, style: SECONDARY, label: b.label, custom_id: `${BUTTON_PREFIX}${b.command}` }))
    .filter((b) => b.custom_id.length <= LIMITS.customId)
    .slice(0, LIMITS.buttonsPerRow);
  return row.length ? [{ type: ACTION_ROW, components: row }] : [];
}

const STAGE: Record<Progress['stage'], string> = { queued: '⏳', pulling: '⬇️', running: '▶️', done: '■' };

export function renderProgress(jobId: string, progress: Progress): DiscordMessage {
  const { stage, detail } = progressText(progress);
  const line = truncate(`${STAGE[progress.stage]} ${stage} #${jobId}${detail ? ` (${detail})` : ''}`, 200);
  const room = LIMITS.content - line.length - 1 - 8;
  // The latest output under the stage, as much of its end as the message's content takes.
  const m = plain(progress.output?.text ? `${line}\n${codeBlock(fitTail(escapeFences(progress.output.text), room))}` : line);
  m.body.components = buttonRows(progress.buttons);
  return m;
}

function plain(content: string): DiscordMessage {
  return { body: { content: truncate(content, LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } }, files: [] };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
