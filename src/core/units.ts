import { UserError } from '../errors.js';
import type { Lang } from './flag-spec.js';
import { msg, say } from './messages/index.js';

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Parses a size as the Docker CLI does (`256m`, `1g`, `512kb`, plain bytes); binary units. */
export function parseBytes(text: string, flag = 'size'): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(text.trim());
  if (!m) throw new UserError('bad-value', msg('units.notSize', { flag, text }), msg('units.notSize.hint'));
  return Math.round(Number(m[1]) * BYTE_UNITS[m[2]!.toLowerCase()]!);
}

/** Formats bytes the way `docker images` does (decimal units, 3 significant digits). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toPrecision(3))}${units[unit]}`;
}

/** Binary size for limits: 268435456 → "256MiB". */
export function formatBinaryBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit += 1;
  }
  return `${value}${units[unit]}`;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go-style duration (`1m30s`, `500ms`, `2h`) into milliseconds; a bare number is seconds. */
export function parseDuration(text: string, flag = 'duration'): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== text.length) {
    throw new UserError('bad-value', msg('units.notDuration', { flag, text }), msg('units.notDuration.hint'));
  }
  return total;
}

/** "1 min 30 s" (or "1분 30초"), for limits and how long something took. */
export function formatDuration(ms: number, lang: Lang = 'en'): string {
  if (ms < 1000) return say(msg('units.ms', { n: Math.round(ms) }), lang);
  if (ms < 60_000) return say(msg('units.s', { n: (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) }), lang);
  if (ms < 3_600_000) return say(msg('units.min', { min: Math.floor(ms / 60_000), s: Math.round((ms % 60_000) / 1000) }), lang);
  return say(msg('units.h', { h: Math.floor(ms / 3_600_000), min: Math.round((ms % 3_600_000) / 60_000) }), lang);
}

/** "3 minutes ago", as `docker ps` says it (or "3분 전"). */
export function formatAge(fromMs: number, nowMs = Date.now(), lang: Lang = 'en'): string {
  const s = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (s < 60) return say(msg('units.ago.s', { n: s }), lang);
  if (s < 3600) return say(msg('units.ago.min', { n: Math.round(s / 60) }), lang);
  if (s < 86_400) return say(msg('units.ago.h', { n: Math.round(s / 3600) }), lang);
  return say(msg('units.ago.d', { n: Math.round(s / 86_400) }), lang);
}
