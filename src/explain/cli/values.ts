import type { Text } from '../../core/flag-spec.js';

/**
 * What a flag's value means, as a learner needs it: `-p 8080:80/udp` is host port, container port, protocol;
 * `-v data:/srv:ro` a named volume, read-only. Returns undefined where the flag's own meaning says it all.
 */
export function explainValue(long: string, value: string): Text | undefined {
  const rule = VALUES[long];
  return rule ? rule(value) : undefined;
}

const both = (en: string, ko: string): Text => ({ en, ko });

function publish(v: string): Text {
  const [spec, proto] = v.split('/');
  const parts = spec!.split(':');
  const container = parts.pop()!;
  const host = parts.pop();
  const ip = parts.join(':');
  const p = proto ? both(`, protocol ${proto}`, `, 프로토콜 ${proto}`) : both(' (TCP)', ' (TCP)');
  if (!host)
    return both(
      `container port ${container} on a random host port${p.en}`,
      `컨테이너 포트 ${container}를 호스트의 임의 포트에 공개${p.ko}`,
    );
  const on = ip ? both(` on address ${ip}`, ` (주소 ${ip})`) : both('', '');
  return both(
    `host port ${host}${on.en} → container port ${container}${p.en}`,
    `호스트 포트 ${host}${on.ko} → 컨테이너 포트 ${container}${p.ko}`,
  );
}

function volume(v: string): Text {
  const [src, dst, mode] = v.split(':');
  if (dst === undefined) return both(`an anonymous volume at ${src}`, `${src}에 익명 볼륨`);
  const ro = mode?.includes('ro') ? both(', read-only', ', 읽기 전용') : both('', '');
  if (/^[./~$]/.test(src!) || src!.includes('/'))
    return both(
      `bind mount: host path ${src} appears at ${dst} in the container${ro.en}`,
      `바인드 마운트: 호스트 경로 ${src}를 컨테이너의 ${dst}에 연결${ro.ko}`,
    );
  return both(`named volume ${src} at ${dst} in the container${ro.en}`, `이름 있는 볼륨 ${src}를 컨테이너의 ${dst}에 연결${ro.ko}`);
}

const MOUNT_KEYS: Record<string, Text> = {
  type: both('type (bind, volume, tmpfs)', '종류 (bind, volume, tmpfs)'),
  source: both('source (a volume name or host path)', '원본 (볼륨 이름 또는 호스트 경로)'),
  src: both('source (a volume name or host path)', '원본 (볼륨 이름 또는 호스트 경로)'),
  target: both('path in the container', '컨테이너 안 경로'),
  destination: both('path in the container', '컨테이너 안 경로'),
  dst: both('path in the container', '컨테이너 안 경로'),
  readonly: both('read-only', '읽기 전용'),
  ro: both('read-only', '읽기 전용'),
};

function mount(v: string): Text {
  const fields = v.split(',').map((kv) => {
    const [k, val] = kv.split('=');
    const m = MOUNT_KEYS[k!] ?? both(k!, k!);
    return { en: `${m.en}${val ? ` = ${val}` : ''}`, ko: `${m.ko}${val ? ` = ${val}` : ''}` };
  });
  return both(fields.map((x) => x.en).join('; '), fields.map((x) => x.ko).join('; '));
}

function keyValue(v: string): Text {
  const i = v.indexOf('=');
  if (i < 0) return both(`${v} (its value taken from this shell's environment)`, `${v} (값은 이 셸의 환경에서 가져온다)`);
  return both(`${v.slice(0, i)} is set to "${v.slice(i + 1)}"`, `${v.slice(0, i)}의 값을 "${v.slice(i + 1)}"로 정한다`);
}

function filter(v: string): Text {
  const i = v.indexOf('=');
  const key = i < 0 ? v : v.slice(0, i);
  return both(`keep only what has ${key} = ${v.slice(i + 1)}`, `${key}이(가) ${v.slice(i + 1)}인 것만 남긴다`);
}

function format(v: string): Text {
  if (v === 'json') return both('one JSON object per line', '한 줄에 JSON 객체 하나');
  const fields = [...v.matchAll(/\{\{\s*\.?([\w.]+)\s*\}\}/g)].map((m) => m[1]).join(', ');
  const table = v.startsWith('table') ? both('a table with headers; ', '머리글이 있는 표; ') : both('', '');
  return both(
    `${table.en}a Go template${fields ? ` printing ${fields}` : ''}`,
    `${table.ko}Go 템플릿${fields ? `: ${fields}를 출력한다` : ''}`,
  );
}

const RESTART: Record<string, Text> = {
  no: both('never restart (the default)', '재시작하지 않는다 (기본값)'),
  always: both('always restart, also after the daemon restarts', '항상 재시작한다 (데몬이 다시 시작해도)'),
  'unless-stopped': both('restart unless you stopped it', '직접 멈추지 않았다면 재시작한다'),
  'on-failure': both('restart when it exits with a non-zero code', '0이 아닌 코드로 끝나면 재시작한다'),
};

function restart(v: string): Text {
  const [policy, max] = v.split(':');
  const r = RESTART[policy!] ?? both(policy!, policy!);
  return max ? both(`${r.en}, at most ${max} times`, `${r.ko}, 최대 ${max}번`) : r;
}

function user(v: string): Text {
  const [u, g] = v.split(':');
  return g ? both(`user ${u}, group ${g}`, `사용자 ${u}, 그룹 ${g}`) : both(`user ${u}`, `사용자 ${u}`);
}

const UNITS: Record<string, Text> = {
  b: both('bytes', '바이트'),
  k: both('KiB', 'KiB'),
  m: both('MiB', 'MiB'),
  g: both('GiB', 'GiB'),
};
function size(v: string): Text | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmg])?b?$/i.exec(v);
  if (!m) return undefined;
  const u = UNITS[(m[2] ?? 'b').toLowerCase()]!;
  return both(`${m[1]} ${u.en}`, `${m[1]} ${u.ko}`);
}

const DURATION: Record<string, Text> = { ms: both('ms', '밀리초'), s: both('s', '초'), m: both('min', '분'), h: both('h', '시간') };
function duration(v: string): Text | undefined {
  const m = /^(\d+)(ms|s|m|h)$/.exec(v);
  if (!m) return undefined;
  return both(`${m[1]} ${DURATION[m[2]!]!.en}`, `${m[1]}${DURATION[m[2]!]!.ko}`);
}

function time(v: string): Text {
  return /^\d+[smhd]$/.test(v) ? both(`${v} ago (relative)`, `${v} 전 (상대 시간)`) : both(`the time ${v}`, `시각 ${v}`);
}

const VALUES: Record<string, (v: string) => Text | undefined> = {
  publish: publish,
  volume: volume,
  mount: mount,
  env: keyValue,
  'build-arg': keyValue,
  label: keyValue,
  filter: filter,
  format: format,
  restart: restart,
  user: user,
  memory: size,
  'memory-swap': size,
  'shm-size': size,
  'health-interval': duration,
  'health-timeout': duration,
  since: time,
  until: time,
  signal: (v) => both(`signal ${v}`, `시그널 ${v}`),
};
