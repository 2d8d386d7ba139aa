import { defineCommand } from '../src/core/command.js';
import { say } from '../src/core/messages/index.js';
import { flagBool } from '../src/core/parse-flags.js';
import { ellipsis, formatTable } from '../src/core/table.js';
import { formatAge } from '../src/core/units.js';
import { visibleContainers } from '../src/policy/ownership.js';
import { hostColumn, listing } from './shared/replies.js';

export const ps = defineCommand<{ all: boolean; quiet: boolean; noTrunc: boolean }>({
  name: 'ps',
  aliases: ['container ls', 'container ps', 'container list'],
  summary: { en: "List Stevedore's containers (running ones; -a for all)", ko: 'Stevedore가 만든 컨테이너 목록 (실행 중인 것; -a는 전부)' },
  usage: 'ps [OPTIONS]',
  flags: [
    {
      long: 'all',
      short: 'a',
      type: 'bool',
      en: 'Show all containers (default shows just running)',
      ko: '모든 컨테이너를 보여 준다 (기본은 실행 중인 것만)',
    },
    { long: 'filter', short: 'f', type: 'list', en: 'Filter output based on conditions provided', ko: '조건으로 목록을 거른다' },
    { long: 'format', type: 'string', en: 'Format output using a custom template', ko: '출력 형식을 템플릿으로 정한다' },
    {
      long: 'last',
      short: 'n',
      type: 'int',
      en: 'Show n last created containers (includes all states)',
      ko: '최근에 만든 n개의 컨테이너를 보여 준다 (모든 상태 포함)',
    },
    {
      long: 'latest',
      short: 'l',
      type: 'bool',
      en: 'Show the latest created container (includes all states)',
      ko: '가장 최근에 만든 컨테이너를 보여 준다',
    },
    { long: 'no-trunc', type: 'bool', en: "Don't truncate output", ko: '출력을 줄이지 않는다' },
    { long: 'quiet', short: 'q', type: 'bool', en: 'Only display container IDs', ko: '컨테이너 ID만 보여 준다' },
    { long: 'size', short: 's', type: 'bool', en: 'Display total file sizes', ko: '파일 크기 합계를 보여 준다' },
  ],
  positionals: [],
  flagRules: {
    filter: { verdict: 'refused', why: { en: 'filters are not offered yet.', ko: '필터는 아직 제공하지 않는다.' } },
    format: { verdict: 'refused', why: { en: 'output is always the table.', ko: '출력은 언제나 표로 보여 준다.' } },
    last: { verdict: 'refused', why: { en: 'use -a.', ko: '대신 -a를 쓴다.' } },
    latest: { verdict: 'refused', why: { en: 'use -a.', ko: '대신 -a를 쓴다.' } },
    size: { verdict: 'refused', why: { en: 'sizes are not computed here.', ko: '여기서는 크기를 계산하지 않는다.' } },
  },
  chatOptions: ['all'],
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    return { all: flagBool(parsed, 'all'), quiet: flagBool(parsed, 'quiet'), noTrunc: flagBool(parsed, 'no-trunc') };
  },
  async execute(ctx) {
    // A non-admin sees their own containers only (and so only their own commands); admins see every one.
    const list = visibleContainers(await ctx.sandbox.listContainers({ all: ctx.args.all }), ctx.who);
    const id = (full: string) => (ctx.args.noTrunc ? full : full.slice(0, 12));
    const { lang } = ctx;
    if (ctx.args.quiet) return { status: 'info', title: say('ps.ids', lang), code: { text: list.map((c) => id(c.id)).join('\n') } };
    const rows = list.map((c) => [
      id(c.id),
      c.image,
      JSON.stringify(ctx.args.noTrunc ? c.command : ellipsis(c.command, 22)),
      formatAge(c.createdMs, undefined, lang),
      c.status,
      c.name,
      c.ownerName ?? c.owner,
    ]);
    // Docker's own columns as the Docker CLI prints them; OWNER is Stevedore's.
    const header = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'NAMES', say('column.owner', lang)];
    const table = formatTable(...hostColumn(header, rows, list, lang));
    return listing(
      say(ctx.args.all ? 'ps.title.all' : 'ps.title.running', lang),
      table,
      say(ctx.args.all ? 'ps.none.all' : 'ps.none.running', lang),
    );
  },
});
