import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { ReplyFile } from '../core/reply.js';
import { STATES, STEPS, type Path, type State } from './lifecycle.js';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const W = 1080;
const H = 330;
const X: Record<State, number> = { registry: 80, image: 264, created: 448, running: 632, exited: 816, removed: 1000 };
const Y = 180;
const ON = '#1d63ed';
const OFF = '#b8c2cc';

/** The lifecycle diagram as SVG, with the steps of `path` drawn in colour and the rest in grey. */
export function lifecycleSvg(path: Path, title: string): string {
  const taken = new Set(path.steps.map((s) => `${s.from}>${s.to}`));
  const visited = new Set(path.steps.flatMap((s) => [s.from, s.to]));
  const arrows = STEPS.map((s) => {
    const on = taken.has(`${s.from}>${s.to}`);
    const [x1, x2] = [X[s.from], X[s.to]];
    const forward = x2 > x1;
    // Neighbours are joined straight; longer or backward steps arc above (forward) or below (backward).
    const distance = Math.abs(STATES.indexOf(s.to) - STATES.indexOf(s.from));
    const adjacent = distance === 1 && forward;
    const dy = adjacent ? 0 : forward ? -30 - 25 * distance : 95;
    const y = Y + (adjacent ? 0 : forward ? -30 : 30);
    const sx = x1 + (forward ? 62 : -20);
    const ex = x2 - (forward ? 64 : -20);
    const d = adjacent
      ? `M${sx},${Y} L${ex},${Y}`
      : `M${x1 + (forward ? 20 : -20)},${y} Q${(x1 + x2) / 2},${y + dy} ${x2 + (forward ? -20 : 20)},${y}`;
    const lx = (x1 + x2) / 2;
    const ly = adjacent ? Y - 30 : y + dy / 2 + (forward ? -4 : 14);
    const color = on ? ON : OFF;
    return `<path d="${d}" fill="none" stroke="${color}" stroke-width="${on ? 3 : 1.5}" marker-end="url(#${on ? 'on' : 'off'})"/>
<text x="${lx}" y="${ly}" font-size="13" text-anchor="middle" fill="${color}">${escape(s.verb)}</text>`;
  }).join('\n');
  const nodes = STATES.map((state) => {
    const on = visited.has(state);
    return `<rect x="${X[state] - 62}" y="${Y - 22}" width="124" height="44" rx="10" fill="${on ? '#e8f0fe' : '#f5f7f9'}" stroke="${on ? ON : OFF}" stroke-width="${on ? 3 : 1.5}"/>
<text x="${X[state]}" y="${Y + 6}" font-size="16" text-anchor="middle" fill="${on ? '#0b2e6b' : '#6b7785'}">${state}</text>`;
  }).join('\n');
  const marker = (id: string, color: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs>${marker('on', ON)}${marker('off', OFF)}</defs>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="20" y="30" font-size="17" fill="#222">${escape(title)}</text>
${arrows}
${nodes}
</svg>`;
}

/** Commands take few distinct paths: each picture is drawn once (tens of ms) and kept. */
const drawn = new Map<string, ReplyFile>();

/** The diagram as a PNG file for the reply; undefined where no font is installed to draw its words. */
export function lifecyclePng(path: Path, title: string): ReplyFile | undefined {
  if (!existsSync(FONT)) return undefined;
  let file = drawn.get(title);
  if (!file) {
    const png = new Resvg(lifecycleSvg(path, title), {
      font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    file = { name: 'lifecycle.png', contentType: 'image/png', base64: Buffer.from(png).toString('base64'), description: title };
    drawn.set(title, file);
  }
  return file;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
