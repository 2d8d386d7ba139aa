import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import type { Attachment, ChatRequest } from '../core/request.js';

/**
 * Takes in the file a command names: the attachment of that name, or on the terminal a local path (the person
 * typing is on this machine already). Refused past `maxBytes`, before anything is queued.
 */
export async function takeUpload(request: ChatRequest, name: string, maxBytes: number): Promise<{ name: string; data: Buffer }> {
  const attachment: Attachment | undefined =
    request.attachments?.find((a) => a.name === name || a.name === basename(name)) ??
    (request.platform === 'terminal' ? { name: basename(name), path: name } : undefined);
  if (!attachment) {
    const how =
      request.platform === 'slack'
        ? 'Slack slash commands carry no files: use the terminal or Discord for cp into a container.'
        : `Attach ${name} to the command (the file option).`;
    throw new UserError('bad-value', `No file named ${name} came with the command.`, how);
  }
  const tooBig = () =>
    new UserError(
      'input-too-long',
      `${attachment.name} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, the most cp takes in here.`,
      'Send a smaller file.',
    );
  if ((attachment.size ?? 0) > maxBytes) throw tooBig();
  if (attachment.path) {
    const info = await stat(attachment.path).catch(() => undefined);
    if (!info?.isFile())
      throw new UserError('not-found', `There is no file ${attachment.path} here.`, 'Give the path of a file on this machine.');
    if (info.size > maxBytes) throw tooBig();
    return { name: attachment.name, data: await readFile(attachment.path) };
  }
  const response = await fetch(attachment.url!).catch(() => undefined);
  if (!response?.ok || !response.body)
    throw new UserError('unavailable', `${attachment.name} could not be downloaded from the platform.`, 'Attach it again.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw tooBig();
    chunks.push(Buffer.from(chunk));
  }
  return { name: attachment.name, data: Buffer.concat(chunks) };
}
