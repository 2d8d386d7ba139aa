/**
 * Runs every example of the tldr docker pages (test/data/tldr, en and ko) through explain and prints how many are
 * fully, partly or not explained, with the reasons counted, then explain's latency (p50/p99) after one warm-up pass:
 * the line's explanation alone, and the whole `/docker explain` answer (verdict, lifecycle, concepts) as the bot
 * gives it. `npm run explain:corpus`
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explain } from '../commands/explain.js';
import { commands } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import type { ExecContext } from '../src/core/command.js';
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
  // The whole answer, as the bot gives it: one pass to warm up (code paths, the lifecycle pictures), then timed.
  const settings = loadConfig({});
  const who = { platform: 'terminal', userId: 'bench', userName: 'bench', channelId: 'bench' } as const;
  const all = (['en', 'ko'] as const).flatMap((lang) =>
    readdirSync(join(ROOT, lang))
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => examples(readFileSync(join(ROOT, lang, f), 'utf8')).map((line) => ({ line, lang }))),
  );
  const answer = ({ line, lang }: { line: string; lang: 'en' | 'ko' }) =>
    explain.execute({
      args: { words: line.replace(/^docker-/, 'docker ').split(/\s+/), lang },
      argv: [],
      lang,
      who,
      settings,
      registry: commands,
    } as unknown as ExecContext<{ words: string[]; lang?: 'en' | 'ko' }>);
  for (const l of all) await answer(l).catch(() => undefined);
  // Wall-clock time counts the moments another process held the CPU; CPU time (µs resolution) is explain's own.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const whole: number[] = [];
  const wholeCpu: number[] = [];
  for (const l of all) {
    const [t0, c0] = [performance.now(), cpu()];
    await answer(l).catch(() => undefined);
    whole.push(performance.now() - t0);
    wholeCpu.push(cpu() - c0);
  }
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (const l of all) {
    const [t0, c0] = [performance.now(), cpu()];
    verdict(l.line, l.lang);
    warm.push(performance.now() - t0);
    warmCpu.push(cpu() - c0);
  }
  const report = (name: string, xs: number[]) => {
    xs.sort((a, b) => a - b);
    const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(3);
    console.log(`${name} over ${xs.length} lines: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
  };
  report('explain latency, first pass (cold)', times);
  report('explain latency, after a warm-up pass', warm);
  report('whole /docker explain answer, after a warm-up pass', whole);
  report('explain CPU time, after a warm-up pass', warmCpu);
  report('whole answer CPU time, after a warm-up pass', wholeCpu);
  console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
}
