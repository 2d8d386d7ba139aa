import { defineCommand } from '../src/core/command.js';
import { flagBool } from '../src/core/parse-flags.js';
import { cleanupReply, runCleanup } from '../src/pipeline/cleanup.js';

export const cleanup = defineCommand<{ dryRun: boolean }>({
  name: 'cleanup',
  aliases: [],
  summary: {
    en: "Remove Stevedore's old containers and dangling images now (admins)",
    ko: 'Stevedore의 오래된 컨테이너와 dangling 이미지를 지금 정리한다 (관리자)',
  },
  usage: 'cleanup [--dry-run]',
  flags: [
    {
      long: 'dry-run',
      type: 'bool',
      en: 'Show what would go and the space it would free; remove nothing',
      ko: '무엇이 지워질지와 확보될 공간만 보여 주고 아무것도 지우지 않는다',
    },
  ],
  positionals: [],
  chatOptions: ['dry-run'],
  interspersed: true,
  access: 'admin',
  runsOn: 'worker',
  build: (parsed) => ({ dryRun: flagBool(parsed, 'dry-run') }),
  async execute(ctx) {
    return cleanupReply(await runCleanup(ctx.sandbox, ctx.ops, ctx.settings, ctx.args.dryRun), ctx.lang);
  },
});
