import type { Lang } from '../core/flag-spec.js';
import type { Reply } from '../core/reply.js';
import type { RunPlan } from '../core/sandbox-api.js';
import { formatTable } from '../core/table.js';
import { formatBinaryBytes, formatDuration } from '../core/units.js';
import type { FlagVerdict } from '../policy/run-flags.js';
import type { Concept } from './concepts.js';
import { lifecyclePng } from './diagram.js';
import type { CommandExplanation } from './explain-command.js';
import { t } from './i18n.js';
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
    { name: t('longForm', lang), value: e.longForm },
    { name: t('lifecycle', lang), value: describePath(e.path) || '—' },
    { name: t('engineApi', lang), value: e.path.api.join('\n') },
    { name: t('verdict', lang), value: e.allowed ? `✓ ${t('allowed', lang)}` : `✗ ${t('refused', lang)}\n${e.reasons.join('\n')}` },
  ];
  if (e.plan) fields.push({ name: t('sandbox', lang), value: sandboxLines(e.plan, lang).join('\n') });
  const picture = lifecyclePng(e.path, `/docker ${e.definition.name}: ${describePath(e.path) || 'reads only'}`);
  return {
    status: 'info',
    title: `${t('explain', lang)}: ${e.typed}`,
    code: { text: table },
    fields,
    files: picture ? [picture] : undefined,
  };
}

function verdictWord(verdict: FlagVerdict, lang: Lang): string {
  return verdict === 'refused' ? t('refused', lang) : t(verdict, lang);
}

/** The settings the container would really get. */
export function sandboxLines(plan: RunPlan, lang: Lang): string[] {
  const l = plan.limits;
  const en = [
    `memory ${formatBinaryBytes(l.memoryBytes)}, swap none`,
    `CPU ${l.nanoCpus / 1e9}, processes ${l.pidsLimit}`,
    'network none (loopback only)',
    `read-only root, /tmp tmpfs ${formatBinaryBytes(l.tmpfsBytes)} noexec`,
    'all capabilities dropped, no-new-privileges, default seccomp',
    `user ${plan.user}, init`,
    plan.detach ? `time to live ${formatDuration(l.timeoutMs)}` : `timeout ${formatDuration(l.timeoutMs)}`,
    `output cap ${formatBinaryBytes(l.outputBytes)}`,
    ...(plan.runtime ? [`runtime ${plan.runtime}`] : []),
  ];
  if (lang === 'en') return en;
  return [
    `메모리 ${formatBinaryBytes(l.memoryBytes)}, 스왑 없음`,
    `CPU ${l.nanoCpus / 1e9}, 프로세스 ${l.pidsLimit}개`,
    '네트워크 none (루프백만)',
    `읽기 전용 루트, /tmp tmpfs ${formatBinaryBytes(l.tmpfsBytes)} noexec`,
    '모든 capability 제거, no-new-privileges, 기본 seccomp',
    `사용자 ${plan.user}, init`,
    plan.detach ? `유효 시간 ${formatDuration(l.timeoutMs)}` : `제한 시간 ${formatDuration(l.timeoutMs)}`,
    `출력 한도 ${formatBinaryBytes(l.outputBytes)}`,
    ...(plan.runtime ? [`런타임 ${plan.runtime}`] : []),
  ];
}

export function renderConcept(concept: Concept, lang: Lang): Reply {
  return {
    status: 'info',
    title: `${t('explain', lang)}: ${concept.title[lang]}`,
    body: concept.points[lang].map((p) => `• ${p}`).join('\n'),
    fields: [{ name: t('tryNext', lang), value: concept.try.map((c) => `/docker ${c}`).join('\n') }],
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
