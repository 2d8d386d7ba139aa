import { progressText, type Progress, type Reply, type ReplyStatus } from '../../core/reply.js';
import type { Queued } from '../../core/job.js';
import type { Lang } from '../../core/flag-spec.js';
import { say } from '../../core/messages/index.js';

const ICON: Record<ReplyStatus, string> = { ok: '✔', failed: '✖', refused: '⛔', error: '✖', info: 'ℹ' };
const STAGE: Record<Progress['stage'], string> = { queued: '⏳', pulling: '⬇', running: '▶', done: '■' };

/** A reply as plain terminal text: title, body, output as is, then the fields on one line. */
export function renderReply(reply: Reply, lang: Lang = 'en'): string {
  const lines = [`${ICON[reply.status]} ${reply.title}`];
  if (reply.body) lines.push(reply.body);
  if (reply.code?.text) lines.push(reply.code.text.replace(/\n$/, ''));
  if (reply.code?.truncated) lines.push(say('terminal.outputCut', lang));
  const short = reply.fields?.filter((f) => !f.value.includes('\n')) ?? [];
  const long = reply.fields?.filter((f) => f.value.includes('\n')) ?? [];
  if (short.length) lines.push(short.map((f) => `${f.name}: ${f.value}`).join(' · '));
  for (const f of long) lines.push(`${f.name}:\n${f.value.replace(/^/gm, '  ')}`);
  for (const file of reply.files ?? []) lines.push(`📎 ${file.name}: ${file.description}`);
  return `${lines.join('\n')}\n`;
}

export function renderQueued(queued: Queued, lang: Lang): string {
  return renderProgress(queued.jobId, { stage: 'queued', position: queued.position, lang });
}

export function renderProgress(jobId: string, progress: Progress): string {
  const { stage, detail } = progressText(progress);
  return `${STAGE[progress.stage]} ${stage} #${jobId}${detail ? ` (${detail})` : ''}\n`;
}
