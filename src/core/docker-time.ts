/**
 * `docker logs --since/--until` values, read as the Docker CLI reads them (its `GetTimestamp`), and turned into what
 * the Engine API's logs call takes: Unix seconds, with nanoseconds after a dot when the value had them.
 *
 * - a Go duration (`10m`, `1h30m`, `1.5h`, `300ms`): that long before `nowMs`
 * - an RFC 3339 time or a part of one (`2024-05-01`, `2024-05-01T13`, `2024-05-01T13:04`, `2024-05-01T13:04:05.123Z`,
 *   `…+09:00`); without a zone it is read as UTC (the CLI takes the client's zone; a chat user's zone is not known)
 * - a Unix timestamp (`1714568645`, `1714568645.123456789`), passed on as it is
 *
 * Returns undefined for anything else.
 */
export function dockerTimestamp(value: string, nowMs: number): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  if (text !== '0') {
    const ms = goDurationMs(text);
    if (ms !== undefined) return String(Math.floor((nowMs - ms) / 1000));
  }
  const time = rfc3339(text);
  if (time !== undefined) return time;
  // A dash makes it a date that did not parse, as the CLI says; digits alone are a Unix timestamp.
  if (/^\d+(\.\d{1,9})?$/.test(text)) return text;
  return undefined;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;

/** A Go `time.ParseDuration` value in milliseconds (no days: Go has none), or undefined. */
export function goDurationMs(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(amount) * UNIT_MS[unit!]!;
  return sign * total;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/;

function rfc3339(text: string): string | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction, zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return undefined; // 2024-02-30
  let offsetSeconds = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 23 || om > 59) return undefined;
    offsetSeconds = (zone.startsWith('-') ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const seconds = ms / 1000 - offsetSeconds;
  return `${seconds}.${(fraction ?? '').padEnd(9, '0')}`;
}
