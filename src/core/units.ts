import { UserError } from '../errors.js';

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Parses a size as the Docker CLI does (`256m`, `1g`, `512kb`, plain bytes); binary units. */
export function parseBytes(text: string, flag = 'size'): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(text.trim());
  if (!m) throw new UserError('bad-value', `${flag}: "${text}" is not a size.`, 'Use a number with an optional unit: 64m, 1g, 512k.');
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
    throw new UserError('bad-value', `${flag}: "${text}" is not a duration.`, 'Use a number with a unit: 500ms, 30s, 5m, 1h.');
  }
  return total;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) {
    const seconds = Math.round((ms % 60_000) / 1000);
    return `${Math.floor(ms / 60_000)} min${seconds ? ` ${seconds} s` : ''}`;
  }
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return `${Math.floor(ms / 3_600_000)} h${minutes ? ` ${minutes} min` : ''}`;
}

/** "3 minutes ago", as `docker ps` says it. */
export function formatAge(fromMs: number, nowMs = Date.now()): string {
  const s = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (s < 60) return `${s} seconds ago`;
  if (s < 3600) return `${Math.round(s / 60)} minutes ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} hours ago`;
  return `${Math.round(s / 86_400)} days ago`;
}
