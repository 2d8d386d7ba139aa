import { joinArgv } from '../../src/core/argv.js';
import type { Reply, ReplyButton } from '../../src/core/reply.js';

/** The follow-up buttons for a container: they stand for chat commands and pass through the same policy. */
export function containerButtons(
  name: string,
  options: { rerun?: readonly string[]; explain?: readonly string[]; exists: boolean },
): ReplyButton[] {
  const buttons: ReplyButton[] = [];
  if (options.exists) {
    buttons.push({ id: 'logs', label: 'Logs', command: `logs ${joinArgv([name])}` });
    buttons.push({ id: 'rm', label: 'Remove', command: `rm -f ${joinArgv([name])}` });
  }
  if (options.rerun) buttons.push({ id: 'rerun', label: 'Run again', command: `run ${joinArgv(options.rerun)}` });
  if (options.explain) buttons.push({ id: 'explain', label: 'Explain', command: `explain run ${joinArgv(options.explain)}` });
  return buttons;
}

/** A listing: a title and a table in a code block; a table with no rows but its header also says `empty`. */
export function listing(title: string, table: string, empty: string): Reply {
  return { status: 'info', title, ...(table.includes('\n') ? {} : { body: empty }), code: { text: table } };
}
