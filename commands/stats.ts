import { defineCommand, type ExecContext } from '../src/core/command.js';
import { say } from '../src/core/messages/index.js';
import { flagBool, flagString } from '../src/core/parse-flags.js';
import type { ContainerInfo, StatsSample } from '../src/core/sandbox-api.js';
import { formatTable } from '../src/core/table.js';
import { formatBytes } from '../src/core/units.js';
import { visibleContainers } from '../src/policy/ownership.js';
import { ownContainers } from './shared/containers.js';
import { listing } from './shared/replies.js';
import { ruleText } from './shared/rule-text.js';
import { follow } from './shared/follow.js';

/**
 * `docker stats --no-stream`: one sample of each container's CPU, memory against its limit, network and block I/O
 * and pids. Without names, the user's running containers (-a: all of them); an admin sees every one.
 */
export const stats = defineCommand<{ containers: string[]; all: boolean; noTrunc: boolean; live: boolean }>({
  name: 'stats',
  aliases: ['container stats'],
  summary: {
    en: 'Show resource usage of your containers (one snapshot)',
    ko: '내 컨테이너의 자원 사용량을 보여 준다 (한 번 측정)',
  },
  usage: 'stats [OPTIONS] [CONTAINER...]',
  flags: [
    {
      long: 'all',
      short: 'a',
      type: 'bool',
      en: 'Show all containers (default shows just running)',
      ko: '모든 컨테이너를 보여 준다 (기본은 실행 중인 것만)',
    },
    { long: 'format', type: 'string', en: 'Format output using a custom template', ko: '출력 형식을 템플릿으로 정한다' },
    {
      long: 'no-stream',
      type: 'bool',
      en: 'Disable streaming stats and only pull the first result',
      ko: '계속 갱신하지 않고 첫 측정값만 보여 준다',
    },
    { long: 'no-trunc', type: 'bool', en: 'Do not truncate output', ko: '출력을 줄이지 않는다' },
  ],
  positionals: [
    {
      name: 'container',
      variadic: true,
      en: 'Container names or IDs (yours); none: all running',
      ko: '컨테이너 이름 또는 ID (내 것), 없으면 실행 중인 것 전부',
    },
  ],
  flagRules: {
    format: { verdict: 'refused', why: ruleText('live.formatRefused') },
    'no-stream': { verdict: 'used', why: ruleText('live.noStreamUsed') },
  },
  chatOptions: ['all'],
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    return {
      containers: [...parsed.positionals],
      all: flagBool(parsed, 'all'),
      noTrunc: flagBool(parsed, 'no-trunc'),
      // As Docker reads it, --no-stream=false streams: here the table is refreshed in one message, as a follow.
      live: flagString(parsed, 'no-stream') === 'false',
    };
  },
  targets: (args) => ({ containers: args.containers }),
  async execute(ctx) {
    const { lang } = ctx;
    const targets = ctx.args.containers.length
      ? await ownContainers(ctx, ctx.args.containers)
      : visibleContainers(await ctx.sandbox.listContainers({ all: ctx.args.all }), ctx.who);
    const title = say('stats.title', lang);
    if (!ctx.args.live || !targets.length) return listing(title, await statsTable(ctx, targets), say('stats.none', lang));
    const names = targets.map((c) => c.name).join(', ');
    return follow(ctx, names, title, async (signal, stop) => {
      let text = '';
      let shown = targets;
      while (!signal.aborted) {
        // Each round reads the containers again: those that stopped leave the table, and with none left it ends.
        const running = new Set((await ctx.sandbox.listContainers({ all: false })).map((c) => c.id));
        shown = shown.filter((c) => running.has(c.id));
        if (!shown.length) break;
        text = await statsTable(ctx, shown);
        await ctx.progress({ stage: 'running', detail: names, output: { text, from: 0, replaces: true }, buttons: [stop] });
        await pause(ctx.settings.streamInterval || REFRESH_MS, signal);
      }
      return { text, truncated: false };
    });
  },
});

/** Between two refreshes of a live table, at least (each sample takes the engine a second as well). */
const REFRESH_MS = 1000;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** One sample of each container as the stats table. */
async function statsTable(ctx: ExecContext<{ noTrunc: boolean }>, targets: ContainerInfo[]): Promise<string> {
  // The engine takes a second per container for its two CPU readings: ask for all of them at once.
  const samples = await Promise.all(targets.map((c) => ctx.sandbox.containerStats(c.id)));
  const rows = targets.map((c, i) => statsRow(ctx.args.noTrunc ? c.id : c.id.slice(0, 12), c.name, samples[i]!, c.ownerName ?? c.owner));
  return formatTable(
    ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS', say('column.owner', ctx.lang)],
    rows,
  );
}

/** One row as `docker stats` prints it: percentages to two places, memory in binary units, I/O in decimal ones. */
export function statsRow(id: string, name: string, s: StatsSample, owner: string): string[] {
  const memPercent = s.memoryLimitBytes > 0 ? `${((s.memoryBytes / s.memoryLimitBytes) * 100).toFixed(2)}%` : '--';
  return [
    id,
    name,
    `${s.cpuPercent.toFixed(2)}%`,
    `${binarySize(s.memoryBytes)} / ${binarySize(s.memoryLimitBytes)}`,
    memPercent,
    `${formatBytes(s.netRxBytes)} / ${formatBytes(s.netTxBytes)}`,
    `${formatBytes(s.blockReadBytes)} / ${formatBytes(s.blockWriteBytes)}`,
    String(s.pids),
    owner,
  ];
}

/** Binary units with four significant digits, as the Docker CLI's BytesSize: 1.195MiB, 64MiB. */
export function binarySize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toPrecision(4))}${units[unit]}`;
}
