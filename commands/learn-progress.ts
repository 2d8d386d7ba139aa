import type { Lang } from '../src/core/flag-spec.js';
import { msg, say } from '../src/core/messages/index.js';
import type { LabRecord } from '../src/core/queue-ports.js';
import type { Reply } from '../src/core/reply.js';
import { formatTable } from '../src/core/table.js';
import { LABS } from '../src/labs/index.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const nameOf = (r: LabRecord) => r.name ?? r.owner;

/** The team's table: who finished which lab (✔), who is at which step of one (2/4), by name. */
function teamTable(records: LabRecord[], lang: Lang): string {
  const rows = [...records]
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)))
    .map((r) => [
      nameOf(r),
      ...LABS.map((lab) =>
        r.finished[lab.number] ? '✔' : r.current?.lab === lab.number ? `${r.current.step + 1}/${lab.steps.length}` : '-',
      ),
    ]);
  return formatTable([say('labs.col.learner', lang), ...LABS.map((lab) => String(lab.number))], rows);
}

const labNames = (lang: Lang) => LABS.map((lab) => `${lab.number}. ${lab.title[lang]}`).join('\n');

/** `/docker learn progress`: the team's table under the labs' names. */
export function progressReply(records: LabRecord[], lang: Lang): Reply {
  if (!records.length) return { status: 'info', title: say('labs.progress.title', lang), body: say('labs.progress.empty', lang) };
  return { status: 'info', title: say('labs.progress.title', lang), body: labNames(lang), code: { text: teamTable(records, lang) } };
}

/**
 * The week's summary for the ops channel: who finished which lab in the 7 days before `now`, then the team's
 * table. Nothing when nobody has started a lab.
 */
export function weeklySummary(records: LabRecord[], now: number, lang: Lang): Reply | undefined {
  if (!records.length) return undefined;
  const lines: string[] = [];
  let finished = 0;
  for (const r of [...records].sort((a, b) => nameOf(a).localeCompare(nameOf(b)))) {
    const labs = LABS.filter((lab) => (r.finished[lab.number] ?? 0) > now - WEEK_MS);
    finished += labs.length;
    if (labs.length)
      lines.push(say(msg('labs.week.line', { name: nameOf(r), labs: labs.map((l) => `${l.number}. ${l.title[lang]}`).join(', ') }), lang));
  }
  const learners = lines.length;
  return {
    status: 'info',
    title: finished ? say(msg('labs.week.title', { finished, learners }), lang) : say('labs.week.none', lang),
    body: lines.length ? lines.join('\n') : say('labs.week.noneBody', lang),
    code: { text: teamTable(records, lang) },
  };
}
