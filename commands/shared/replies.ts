import { joinArgv } from '../../src/core/argv.js';
import type { Lang } from '../../src/core/flag-spec.js';
import { say } from '../../src/core/messages/index.js';
import type { Reply, ReplyButton } from '../../src/core/reply.js';

/** The follow-up buttons for a container: they stand for chat commands and pass through the same policy. */
export function containerButtons(
  name: string,
  options: { rerun?: readonly string[]; explain?: readonly string[]; exists: boolean },
  lang: Lang,
): ReplyButton[] {
  const buttons: ReplyButton[] = [];
  if (options.exists) {
    buttons.push({ id: 'logs', label: say('button.logs', lang), command: `logs ${joinArgv([name])}` });
    buttons.push({ id: 'rm', label: say('button.remove', lang), command: `rm -f ${joinArgv([name])}` });
  }
  if (options.rerun) buttons.push({ id: 'rerun', label: say('button.rerun', lang), command: `run ${joinArgv(options.rerun)}` });
  if (options.explain)
    buttons.push({ id: 'explain', label: say('button.explain', lang), command: `explain run ${joinArgv(options.explain)}` });
  return buttons;
}

/** A listing: a title and a table in a code block; a table with no rows but its header also says `empty`. */
export function listing(title: string, table: string, empty: string): Reply {
  return { status: 'info', title, ...(table.includes('\n') ? {} : { body: empty }), code: { text: table } };
}

/** With SANDBOX_HOSTS, lists gather from every host: a HOST column is added to the table then, and only then. */
export function hostColumn(header: string[], rows: string[][], list: readonly { host?: string }[], lang: Lang): [string[], string[][]] {
  if (!list.some((x) => x.host !== undefined)) return [header, rows];
  return [[...header, say('column.host', lang)], rows.map((row, i) => [...row, list[i]?.host ?? ''])];
}
