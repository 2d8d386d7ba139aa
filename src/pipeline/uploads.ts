import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { Attachment, ChatRequest } from '../core/request.js';

/** Discord writes spaces in an uploaded file's name as underscores: `my file.txt` arrives as `my_file.txt`. */
const sameName = (a: string, b: string) => a === b || a.replace(/ /g, '_') === b.replace(/ /g, '_');

/**
 * The file a command names: the attachment of that name, or on the terminal a local path (the person typing is on
 * this machine already). Refused on its declared size past `maxBytes`, before anything is downloaded or queued.
 */
export function checkUpload(request: ChatRequest, name: string, maxBytes: number): Attachment {
  const attachment: Attachment | undefined =
    request.attachments?.find((a) => sameName(a.name, name) || sameName(a.name, basename(name))) ??
    (request.attachments?.length === 1 ? request.attachments[0] : undefined) ??
    (request.platform === 'terminal' ? { name: basename(name), path: name } : undefined);
  if (!attachment) {
    throw new UserError(
      'bad-value',
      msg('upload.missing', { name }),
      request.platform === 'slack' ? msg('upload.missing.slack') : msg('upload.missing.hint', { name }),
    );
  }
  if ((attachment.size ?? 0) > maxBytes) throw tooBig(attachment, maxBytes);
  return attachment;
}

/** Takes the file in: read from this machine (terminal) or downloaded from the platform, within `maxBytes`. */
export async function takeUpload(request: ChatRequest, name: string, maxBytes: number): Promise<{ name: string; data: Buffer }> {
  const attachment = checkUpload(request, name, maxBytes);
  if (attachment.path) {
    const info = await stat(attachment.path).catch(() => undefined);
    if (!info?.isFile())
      throw new UserError('not-found', msg('upload.noLocalFile', { path: attachment.path }), msg('upload.noLocalFile.hint'));
    if (info.size > maxBytes) throw tooBig(attachment, maxBytes);
    return { name: attachment.name, data: await readFile(attachment.path) };
  }
  const response = await fetch(attachment.url!, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) }).catch(() => undefined);
  if (!response?.ok || !response.body)
    throw new UserError('unavailable', msg('upload.download', { name: attachment.name }), msg('upload.download.hint'));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw tooBig(attachment, maxBytes);
    chunks.push(Buffer.from(chunk));
  }
  return { name: attachment.name, data: Buffer.concat(chunks) };
}

/** How long an attachment may take to download. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

function tooBig(attachment: Attachment, maxBytes: number): UserError {
  return new UserError(
    'input-too-long',
    msg('upload.tooBig', { name: attachment.name, mib: Math.round(maxBytes / 1024 / 1024) }),
    msg('upload.tooBig.hint'),
  );
}
