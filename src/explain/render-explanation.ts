import type { Lang } from '../core/flag-spec.js';
import type { Reply } from '../core/reply.js';
import type { RunPlan } from '../core/sandbox-api.js';
import { formatTable } from '../core/table.js';
import { formatBinaryBytes, formatDuration } from '../core/units.js';
import type { FlagVerdict } from '../core/flag-spec.js';
import { msg, say } from '../core/messages/index.js';
import type { Concept } from './concepts.js';
import { lifecyclePng } from './diagram.js';
import type { CommandExplanation } from './explain-command.js';
import { describePath } from './lifecycle.js';

const MARK: Record<FlagVerdict, string> = { used: '✓', bounded: '≤', ignored: '·', refused: '✗' };

/** A command explanation as a reply: segments in a code block, then image, lifecycle, API calls and verdict. */
export function renderCommandExplanation(e: CommandExplanation, lang: Lang): Reply {
  const rows = e.segments.map((s) => {
    const policy = s.verdict
      ? `${MARK[s.verdict]} ${verdictWord(s.verdict, lang)}${s.policy && s.verdict !== 'used' ? `: ${s.policy}` : ''}`
      : '';
    return [s.text, [s.meaning, policy].filter(Boolean).join('\n')];
  });
  const table = rows
    .map(
      ([text, meaning]) =>
        `${text}\n${meaning!
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}`,
    )
    .join('\n');
  const fields = [
    { name: say('explain.longForm', lang), value: e.longForm },
    { name: say('explain.field.lifecycle', lang), value: describePath(e.path, lang) || '—' },
    { name: say('explain.field.engineApi', lang), value: e.path.api.join('\n') },
    {
      name: say('explain.field.verdict', lang),
      value: e.allowed ? `✓ ${say('explain.allowed', lang)}` : `✗ ${say('explain.verdict.refused', lang)}\n${e.reasons.join('\n')}`,
    },
  ];
  if (e.plan) fields.push({ name: say('explain.field.sandbox', lang), value: sandboxLines(e.plan, lang).join('\n') });
  // The picture's font has Latin letters only: its labels are Docker's own state names, in English.
  const picture = lifecyclePng(e.path, `/docker ${e.definition.name}: ${describePath(e.path, 'en')}`);
  return {
    status: 'info',
    title: say(msg('explain.title', { s: e.typed }), lang),
    code: { text: table },
    fields,
    files: picture ? [picture] : undefined,
  };
}

function verdictWord(verdict: FlagVerdict, lang: Lang): string {
  return say(`explain.verdict.${verdict}`, lang);
}

/** The settings the container would really get. */
export function sandboxLines(plan: RunPlan, lang: Lang): string[] {
  const l = plan.limits;
  const time = formatDuration(l.timeoutMs);
  return [
    say(
      msg('explain.sandbox', {
        memory: formatBinaryBytes(l.memoryBytes),
        cpus: l.nanoCpus / 1e9,
        pids: l.pidsLimit,
        tmpfs: formatBinaryBytes(l.tmpfsBytes),
        output: formatBinaryBytes(l.outputBytes),
        user: plan.user,
      }),
      lang,
    ),
    say(plan.detach ? msg('explain.sandbox.ttl', { s: time }) : msg('explain.sandbox.timeout', { s: time }), lang),
    ...(plan.runtime ? [say(msg('explain.runtime', { s: plan.runtime }), lang)] : []),
  ];
}

export function renderConcept(concept: Concept, lang: Lang): Reply {
  return {
    status: 'info',
    title: say(msg('explain.title', { s: concept.title[lang] }), lang),
    body: concept.points[lang].map((p) => `• ${p}`).join('\n'),
    fields: [{ name: say('explain.field.try', lang), value: concept.try.map((c) => `/docker ${c}`).join('\n') }],
  };
}

export function renderConceptList(concepts: readonly Concept[], lang: Lang): string {
  return formatTable(
    ['', ''],
    concepts.map((c) => [c.id, c.title[lang]]),
  )
    .split('\n')
    .slice(1)
    .join('\n');
}
