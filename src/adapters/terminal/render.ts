import type { Progress, Reply, ReplyStatus } from '../../core/reply.js';
import type { Queued } from '../../core/job.js';

const ICON: Record<ReplyStatus, string> = { ok: '✔', failed: '✖', refused: '⛔', error: '✖', info: 'ℹ' };
const STAGE: Record<Progress['stage'], string> = { queued: '⏳ queued', pulling: '⬇ pulling', running: '▶ running', done: '■ done' };

/** A reply as plain terminal text: title, body, output as is, then the fields on one line. */
export function renderReply(reply: Reply): string {
  const lines = [`${ICON[reply.status]} ${reply.title}`];
  if (reply.body) lines.push(reply.body);
  if (reply.code?.text) lines.push(reply.code.text.replace(/\n$/, ''));
  if (reply.code?.truncated) lines.push('… (output cut)');
  const short = reply.fields?.filter((f) => !f.value.includes('\n')) ?? [];
  const long = reply.fields?.filter((f) => f.value.includes('\n')) ?? [];
  if (short.length) lines.push(short.map((f) => `${f.name}: ${f.value}`).join(' · '));
  for (const f of long) lines.push(`${f.name}:\n${f.value.replace(/^/gm, '  ')}`);
  for (const file of reply.files ?? []) lines.push(`📎 ${file.name}: ${file.description}`);
  return `${lines.join('\n')}\n`;
}

export function renderQueued(queued: Queued): string {
  return `${STAGE.queued} #${queued.jobId} (position ${queued.position})\n`;
}

export function renderProgress(jobId: string, progress: Progress): string {
  return `${STAGE[progress.stage]} #${jobId}${progress.detail ? ` ${progress.detail}` : ''}\n`;
}
