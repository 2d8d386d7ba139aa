/**
 * Runs every example of the tldr docker pages (test/data/tldr, en and ko) through explain and prints how many are
 * fully, partly or not explained, with the reasons counted, then explain's latency (p50/p99). `npm run explain:corpus`
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explainLine } from '../src/explain/explain-line.js';

const ROOT = new URL('../test/data/tldr/', import.meta.url).pathname;

/** The example lines of a page, placeholders filled in: `{{[-a|--all]}}` gives both forms, `{{name}}` gives name. */
export function examples(markdown: string): string[] {
  const lines = [...markdown.matchAll(/^`(.+)`$/gm)]
    .map((m) => m[1]!)
    .filter((l) => !l.startsWith('tldr ') && /(^|\s|\|\s*)docker[\s-]/.test(`${l} `));
  return lines.flatMap((l) => {
    const alt = /\{\{\[([^\]]*)\]\}\}/.exec(l);
    const forms = alt ? alt[1]!.split('|').map((a) => l.replace(alt[0], a)) : [l];
    return forms.flatMap((f) =>
      /\{\{\[/.test(f) ? examples(`\`${f}\``) : [f.replace(/\{\{([^}]*)\}\}/g, (_, p: string) => p.replace(/\s+/g, '_'))],
    );
  });
}

/** Why a line is not fully explained, or undefined when it is. */
export function verdict(line: string, lang: 'en' | 'ko'): string | undefined {
  const e = explainLine(line.replace(/^docker-/, 'docker '), () => undefined);
  if (!e.commands.length) return 'no docker command found';
  if (e.unknown) return 'a word not placed (typo or unknown)';
  const texts = [...e.rows.map((r) => r.meaning[lang]), ...e.notes.map((n) => n[lang])];
  if (texts.some((t) => !t.trim())) return 'a part without meaning';
  if (lang === 'ko' && texts.some((t) => /[A-Za-z]{4,}(\s+[A-Za-z]{3,}){3,}/.test(t.replace(/`[^`]*`/g, ''))))
    return 'English sentence in Korean';
  return undefined;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const times: number[] = [];
  for (const lang of ['en', 'ko'] as const) {
    const reasons = new Map<string, number>();
    let total = 0;
    let full = 0;
    let crashes = 0;
    for (const file of readdirSync(join(ROOT, lang)).filter((f) => f.endsWith('.md'))) {
      for (const line of examples(readFileSync(join(ROOT, lang, file), 'utf8'))) {
        total++;
        try {
          const t0 = performance.now();
          const why = verdict(line, lang);
          times.push(performance.now() - t0);
          if (!why) full++;
          else {
            reasons.set(why, (reasons.get(why) ?? 0) + 1);
            if (process.env.VERBOSE) console.log(`  ${lang} ${why}: ${line}`);
          }
        } catch (error) {
          crashes++;
          console.log(`  crash: ${line}: ${String(error)}`);
        }
      }
    }
    const partly = [...reasons.entries()].filter(([r]) => r !== 'no docker command found').reduce((n, [, c]) => n + c, 0);
    console.log(
      `${lang}: ${total} lines | fully ${full} (${((100 * full) / total).toFixed(1)} %) | partly ${partly} | not ${total - full - partly - crashes} | crashes ${crashes}`,
    );
    for (const [r, c] of reasons) console.log(`    ${c}  ${r}`);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
  console.log(`explain latency over ${times.length} lines: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
}
