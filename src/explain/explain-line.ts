import type { Lang, Text } from '../core/flag-spec.js';
import { msg, say } from '../core/messages/index.js';
import type { Reply } from '../core/reply.js';
import { explainDockerWords, type CliSegment } from './cli/explain-cli.js';
import { looksLikeShell, splitShell } from './shell-line.js';

/** A pasted line explained: every docker command in it, the shell parts around them, and what Stevedore would do. */
export interface LineExplanation {
  rows: { text: string; meaning: Text; kind: CliSegment['kind'] | 'shell' }[];
  notes: Text[];
  /** Words that could not be placed (typos, words Docker does not know). */
  unknown: number;
  /** The Docker command paths explained, e.g. `container run`. */
  commands: string[];
}

const said = (m: Parameters<typeof say>[0]): Text => ({ en: say(m, 'en'), ko: say(m, 'ko') });

/**
 * Explains a line as pasted: `docker` in front or not, with or without shell around it. `runsHere` says which
 * Docker commands Stevedore itself runs (by the spelling /docker takes), for the one "here" line.
 */
export function explainLine(line: string, runsHere: (words: readonly string[]) => string | undefined): LineExplanation {
  const out: LineExplanation = { rows: [], notes: [], unknown: 0, commands: [] };
  const shell = looksLikeShell(line) ? splitShell(line) : undefined;
  const parts = shell?.parts ?? [{ kind: 'docker' as const, words: words(line), prefix: [] }];
  for (const part of parts) {
    if (part.kind === 'shell') {
      out.rows.push({ text: part.text, meaning: part.meaning, kind: 'shell' });
      continue;
    }
    const w = part.words[0] === 'docker' ? part.words.slice(1) : part.words;
    const e = explainDockerWords(w);
    out.rows.push({ text: 'docker', meaning: said(msg('explain.docker')), kind: 'command' });
    for (const s of e.segments) out.rows.push({ text: s.text, meaning: { en: s.en, ko: s.ko }, kind: s.kind });
    out.unknown += e.unknown;
    if (!e.command) continue;
    out.commands.push(e.command.path);
    if (e.command.plugin) out.notes.push(said(msg('explain.plugin', { s: e.command.plugin })));
    else if (e.unknown === 0) {
      const here = runsHere(w);
      out.notes.push(here ? said(msg('explain.runsHere', { s: here })) : said(msg('explain.notRunHere')));
    }
  }
  for (const s of shell?.substitutions ?? []) out.rows.push({ text: s.text, meaning: s.meaning, kind: 'shell' });
  out.notes = dedupe(out.notes);
  return out;
}

function dedupe(notes: Text[]): Text[] {
  return notes.filter((n, i) => notes.findIndex((m) => m.en === n.en) === i);
}

/** Splits a plain line on blanks, honouring simple quotes (the line has no shell in it). */
function words(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
}

export function renderLine(typed: string, e: LineExplanation, lang: Lang): Reply {
  const code = e.rows.map((r) => `${r.text}\n    ${r.meaning[lang]}`).join('\n');
  return {
    status: 'info',
    title: say(msg('explain.title', { s: typed }), lang),
    code: { text: code },
    fields: e.notes.length ? [{ name: say(msg('explain.here'), lang), value: e.notes.map((n) => n[lang]).join('\n') }] : undefined,
  };
}
