import { UserError } from '../src/errors.js';
import { defineCommand, type ExecContext } from '../src/core/command.js';
import type { Lang } from '../src/core/flag-spec.js';
import { msg, say } from '../src/core/messages/index.js';
import type { LabRecord } from '../src/core/queue-ports.js';
import type { Reply, ReplyButton } from '../src/core/reply.js';
import { ownerId, type Platform } from '../src/core/request.js';
import { formatTable } from '../src/core/table.js';
import { LABS, labByNumber, type Lab, type Step } from '../src/labs/index.js';
import { checkAll } from '../src/labs/checks.js';
import { ownContainers } from '../src/labs/engine-reads.js';
import { progressReply } from './learn-progress.js';

type Action = 'next' | 'list' | 'start' | 'check' | 'hint' | 'skip' | 'reset' | 'progress';
type LearnArgs = { action: Action; lab?: number };
type Ctx = ExecContext<LearnArgs>;

const ACTIONS: readonly Action[] = ['list', 'check', 'hint', 'skip', 'reset', 'progress'];

/**
 * `/docker learn`: the team's notes as labs. Each step says what to do and why; the learner types the real
 * command; `learn check` (or plain `learn`) looks at the engine, not at what was typed, and says what differs.
 */
export const learn = defineCommand<LearnArgs>({
  name: 'learn',
  aliases: [],
  summary: {
    en: "Hands-on labs from the team's notes, checked on the engine: learn, learn 1, learn check, hint, skip, reset, progress",
    ko: '팀 노트로 만든 실습을 엔진에서 확인하며 한다: learn, learn 1, learn check, hint, skip, reset, progress',
  },
  usage: 'learn [N | list | check | hint | skip | reset [N] | progress]',
  flags: [],
  positionals: [
    {
      name: 'action',
      en: 'A lab number to start, or list, check, hint, skip, reset, progress; without it, checks the step under way',
      ko: '시작할 실습 번호, 또는 list, check, hint, skip, reset, progress. 없으면 진행 중인 단계를 확인한다',
    },
    { name: 'lab', en: 'For reset: the lab number (default: the one under way)', ko: 'reset에서 실습 번호 (기본: 진행 중인 실습)' },
  ],
  interspersed: true,
  access: 'write',
  runsOn: 'worker',
  build(parsed) {
    const [word, second] = parsed.positionals.map((w) => w.toLowerCase());
    const number = (w: string | undefined) => {
      if (w === undefined) return undefined;
      const n = Number(w);
      if (!Number.isInteger(n) || !labByNumber(n))
        throw new UserError('bad-value', msg('labs.noSuchLab', { lab: w, count: LABS.length }), msg('labs.usage'));
      return n;
    };
    if (word === undefined) return { action: 'next' };
    if (/^\d+$/.test(word)) return { action: 'start', lab: number(word) };
    if (!(ACTIONS as readonly string[]).includes(word))
      throw new UserError('bad-value', msg('labs.badAction', { word }), msg('labs.usage'));
    return { action: word as Action, lab: word === 'reset' ? number(second) : undefined };
  },
  async execute(ctx) {
    const owner = ownerId(ctx.who);
    const record: LabRecord = (await ctx.labs.get(owner)) ?? { owner, finished: {} };
    record.name = ctx.who.userName ?? ctx.who.userId;
    switch (ctx.args.action) {
      case 'list':
        return listing(record, ctx.lang);
      case 'progress':
        return progressReply(await ctx.labs.all(), ctx.lang);
      case 'start':
        return start(ctx, record, labByNumber(ctx.args.lab!)!);
      case 'reset':
        return reset(ctx, record);
      case 'next':
        return record.current ? check(ctx, record) : listing(record, ctx.lang);
      case 'check':
        return check(ctx, record);
      case 'hint':
        return hint(record, ctx.lang, ctx.who.platform);
      case 'skip':
        return skip(ctx, record);
    }
  },
});

/** The buttons of a step under way, as the commands they stand for; Next checks the step and shows the next one. */
function stepButtons(lang: Lang, withHint = true): ReplyButton[] {
  return [
    ...(withHint ? [{ id: 'hint' as const, label: say('button.hint', lang), command: 'learn hint' }] : []),
    { id: 'skip', label: say('button.skip', lang), command: 'learn skip' },
    { id: 'next', label: say('button.next', lang), command: 'learn check' },
  ];
}

function underWay(record: LabRecord): { lab: Lab; current: NonNullable<LabRecord['current']> } {
  const current = record.current;
  const lab = current && labByNumber(current.lab);
  if (!current || !lab) throw new UserError('not-found', msg('labs.noneUnderWay'), msg('labs.noneUnderWay.hint'));
  return { lab, current };
}

/** The labs in the notes' order, with where this learner stands in each. */
function listing(record: LabRecord, lang: Lang): Reply {
  const rows = LABS.map((lab) => {
    const state = record.finished[lab.number]
      ? say('labs.state.done', lang)
      : record.current?.lab === lab.number
        ? say(msg('labs.state.step', { step: record.current.step + 1, steps: lab.steps.length }), lang)
        : '-';
    return [String(lab.number), lab.title[lang], String(lab.steps.length), state];
  });
  const header = ['#', say('labs.col.lab', lang), say('labs.col.steps', lang), say('labs.col.progress', lang)];
  return {
    status: 'info',
    title: say('labs.list.title', lang),
    body: say('labs.list.body', lang),
    code: { text: formatTable(header, rows) },
  };
}

/** Slack's slash commands carry no files; Discord attaches one, the terminal reads a path. */
const carriesFiles = (platform: Platform) => platform !== 'slack';

/** The way a step is done on this platform, where it differs: no file can come with a command there. */
function insteadOn(step: Step, platform: Platform): Step['noFiles'] {
  return carriesFiles(platform) ? undefined : step.noFiles;
}

/** One step, as the learner reads it: what to do, why, the command, how to have it checked. */
function stepReply(lab: Lab, index: number, lang: Lang, platform: Platform, before?: string): Reply {
  const step = lab.steps[index]!;
  const title = say(msg('labs.step.title', { lab: lab.number, title: lab.title[lang], step: index + 1, steps: lab.steps.length }), lang);
  const instead = insteadOn(step, platform);
  const fields = [{ name: say('labs.field.why', lang), value: step.why[lang] }];
  if (instead) fields.push({ name: say('labs.field.elsewhere', lang), value: `/docker ${step.command}` });
  else if (step.file)
    fields.push({
      name: say('labs.field.file', lang),
      value: say(msg('labs.file', { name: step.file.name, content: step.file.content.trim() }), lang),
    });
  fields.push({ name: say('labs.field.then', lang), value: say('labs.then', lang) });
  const todo = instead ? `${say('labs.noFiles', lang)}\n${instead.do[lang]}` : step.do[lang];
  return {
    status: 'info',
    title,
    body: before ? `${before}\n\n${todo}` : todo,
    code: { text: `/docker ${instead?.command ?? step.command}` },
    fields,
    buttons: stepButtons(lang),
  };
}

async function start(ctx: Ctx, record: LabRecord, lab: Lab): Promise<Reply> {
  if (record.current?.lab === lab.number) return stepReply(lab, record.current.step, ctx.lang, ctx.who.platform, lab.about[ctx.lang]);
  record.current = { lab: lab.number, step: 0, since: Date.now(), misses: 0, skipped: [] };
  await ctx.labs.put(record);
  return stepReply(lab, 0, ctx.lang, ctx.who.platform, lab.about[ctx.lang]);
}

async function check(ctx: Ctx, record: LabRecord): Promise<Reply> {
  const { lab, current } = underWay(record);
  const step = lab.steps[current.step]!;
  const result = await checkAll(step.checks, {
    sandbox: ctx.sandbox,
    audit: ctx.audit,
    registry: ctx.registry,
    settings: ctx.settings,
    who: ctx.who,
    jobId: ctx.jobId,
    since: current.since,
  });
  if (!result.ok) {
    current.misses += 1;
    await ctx.labs.put(record);
    return {
      status: 'failed',
      title: say(msg('labs.notYet', { lab: lab.number, step: current.step + 1 }), ctx.lang),
      body: result.why.map((m) => say(m, ctx.lang)).join('\n'),
      fields: [{ name: say('labs.field.hint', ctx.lang), value: step.hint[ctx.lang] }],
      buttons: stepButtons(ctx.lang, false),
    };
  }
  return advance(ctx, record, lab, say(msg('labs.stepDone', { step: current.step + 1 }), ctx.lang));
}

/** On to the next step, or the lab is finished (and says so). */
async function advance(ctx: Ctx, record: LabRecord, lab: Lab, said: string): Promise<Reply> {
  const current = record.current!;
  if (current.step + 1 < lab.steps.length) {
    record.current = { ...current, step: current.step + 1, since: Date.now(), misses: 0 };
    await ctx.labs.put(record);
    return stepReply(lab, current.step + 1, ctx.lang, ctx.who.platform, said);
  }
  record.finished[lab.number] = Date.now();
  record.current = undefined;
  await ctx.labs.put(record);
  const next = labByNumber(lab.number + 1);
  return {
    status: 'ok',
    title: say(msg('labs.finished', { lab: lab.number, title: lab.title[ctx.lang], name: record.name ?? '' }), ctx.lang),
    body: [
      said,
      lab.done[ctx.lang],
      current.skipped.length ? say(msg('labs.finished.skipped', { steps: current.skipped.map((s) => s + 1).join(', ') }), ctx.lang) : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    fields: [
      {
        name: say('labs.field.next', ctx.lang),
        value: next ? say(msg('labs.next', { lab: next.number, title: next.title[ctx.lang] }), ctx.lang) : say('labs.allDone', ctx.lang),
      },
    ],
    buttons: next ? [{ id: 'next', label: say('button.next', ctx.lang), command: `learn ${next.number}` }] : [],
  };
}

function hint(record: LabRecord, lang: Lang, platform: Platform): Reply {
  const { lab, current } = underWay(record);
  const step = lab.steps[current.step]!;
  return {
    status: 'info',
    title: say(msg('labs.hint.title', { lab: lab.number, step: current.step + 1 }), lang),
    body: step.hint[lang],
    code: { text: `/docker ${insteadOn(step, platform)?.command ?? step.command}` },
    buttons: stepButtons(lang, false),
  };
}

async function skip(ctx: Ctx, record: LabRecord): Promise<Reply> {
  const { lab, current } = underWay(record);
  current.skipped = [...current.skipped, current.step];
  return advance(ctx, record, lab, say(msg('labs.skipped', { step: current.step + 1 }), ctx.lang));
}

/** Removes the lab's containers and volumes of this learner, and starts the lab again. */
async function reset(ctx: Ctx, record: LabRecord): Promise<Reply> {
  const lab = ctx.args.lab !== undefined ? labByNumber(ctx.args.lab)! : underWay(record).lab;
  const owner = ownerId(ctx.who);
  const removed: string[] = [];
  for (const c of await ownContainers(ctx.sandbox, ctx.who)) {
    if (!lab.containers.includes(c.name)) continue;
    await ctx.sandbox.removeContainer(c.id, true);
    removed.push(c.name);
  }
  const volumes = (await ctx.sandbox.listVolumes()).filter((v) => v.owner === owner && lab.volumes.includes(v.name));
  for (const v of volumes) {
    await ctx.sandbox.removeVolume(v.volume);
    removed.push(say(msg('labs.volume', { name: v.name }), ctx.lang));
  }
  record.current = { lab: lab.number, step: 0, since: Date.now(), misses: 0, skipped: [] };
  await ctx.labs.put(record);
  const said = removed.length
    ? say(msg('labs.reset', { lab: lab.number, removed: removed.join(', ') }), ctx.lang)
    : say(msg('labs.reset.nothing', { lab: lab.number }), ctx.lang);
  return stepReply(lab, 0, ctx.lang, ctx.who.platform, said);
}
