import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { ownerId } from '../src/core/request.js';
import { formatTable } from '../src/core/table.js';
import { formatAge, formatBytes } from '../src/core/units.js';
import { LABEL } from '../src/policy/labels.js';
import { checkVolumeName, volumeDiskOf, volumeNameFor } from '../src/policy/volumes.js';
import { hostColumn } from './shared/replies.js';

const ACTIONS = ['create', 'ls', 'rm', 'inspect', 'prune'] as const;
type Action = (typeof ACTIONS)[number];

export const volume = defineCommand<{ action: Action; names: string[] }>({
  name: 'volume',
  aliases: [],
  summary: {
    en: 'Manage your named volumes: create, ls, rm, inspect, prune',
    ko: '내 이름 있는 볼륨 관리: create, ls, rm, inspect, prune',
  },
  usage: 'volume create|ls|rm|inspect|prune [NAME...]',
  flags: [],
  positionals: [
    { name: 'action', required: true, en: 'create, ls, rm, inspect or prune', ko: 'create, ls, rm, inspect 또는 prune' },
    { name: 'name', variadic: true, en: 'Volume names (yours)', ko: '볼륨 이름 (내 것)' },
  ],
  interspersed: true,
  access: 'write',
  runsOn: 'worker',
  build(parsed) {
    const [action, ...names] = parsed.positionals;
    if (!ACTIONS.includes(action as Action))
      throw new UserError(
        'bad-value',
        msg('volume.badAction', { actions: ACTIONS.join(', '), action: action ?? '' }),
        msg('volume.badAction.hint'),
      );
    if ((action === 'create' || action === 'rm' || action === 'inspect') && names.length === 0)
      throw new UserError('bad-value', msg('volume.needsName', { action }));
    return { action: action as Action, names: names.map(checkVolumeName) };
  },
  targets: (args) => (['create', 'rm', 'inspect'].includes(args.action) ? { volumes: args.names } : {}),
  async execute(ctx) {
    const { lang } = ctx;
    const me = ownerId(ctx.who);
    const all = await ctx.sandbox.listVolumes();
    const mine = all.filter((v) => v.owner === me);
    const find = (name: string) => {
      const v = mine.find((x) => x.name === name);
      if (!v) throw new UserError('not-found', msg('volume.notFound', { name }), msg('volume.notFound.hint'));
      return v;
    };
    switch (ctx.args.action) {
      case 'create': {
        const created: string[] = [];
        for (const name of ctx.args.names) {
          const labels = {
            [LABEL.deployment]: ctx.settings.deployment,
            [LABEL.owner]: me,
            [LABEL.name]: name,
            ...(ctx.who.userName ? { [LABEL.ownerName]: ctx.who.userName } : {}),
          };
          if (
            await ctx.sandbox.createVolume(
              volumeNameFor(ctx.settings.deployment, ctx.who, name),
              labels,
              ctx.settings.user,
              volumeDiskOf(ctx.settings),
            )
          )
            created.push(name);
        }
        return {
          status: 'ok',
          title: created.length ? say(msg('volume.created', { names: created.join(', ') }), lang) : say('volume.exist', lang),
          body: say('volume.mountHint', lang),
        };
      }
      case 'ls': {
        const list = ctx.who.admin ? all : mine;
        const rows = list.map((v) => [
          v.name,
          v.ownerName ?? v.owner,
          v.sizeBytes === undefined ? '?' : formatBytes(v.sizeBytes),
          v.usedBy.join(', ') || '-',
          formatAge(v.createdMs, undefined, lang),
        ]);
        const columns = ['column.name', 'column.owner', 'column.size', 'column.usedBy', 'column.created'] as const;
        return {
          status: 'info',
          title: say('volume.list', lang),
          body: list.length ? undefined : say('volume.none', lang),
          code: list.length
            ? {
                text: formatTable(
                  ...hostColumn(
                    columns.map((c) => say(c, lang)),
                    rows,
                    list,
                    lang,
                  ),
                ),
              }
            : undefined,
        };
      }
      case 'inspect': {
        const v = find(ctx.args.names[0]!);
        return {
          status: 'info',
          title: say(msg('volume.title', { name: v.name }), lang),
          code: {
            text: say(
              msg('volume.summary', {
                name: v.name,
                volume: v.volume,
                owner: v.ownerName ?? v.owner,
                size: v.sizeBytes === undefined ? '' : formatBytes(v.sizeBytes),
                usedBy: v.usedBy.join(', '),
                created: new Date(v.createdMs).toISOString(),
              }),
              lang,
            ),
          },
        };
      }
      case 'rm': {
        const targets = ctx.args.names.map(find);
        const busy = targets.filter((v) => v.usedBy.length);
        if (busy.length)
          throw new UserError(
            'conflict',
            msg('volume.busy', { busy: JSON.stringify(busy.map((v) => [v.name, v.usedBy.join(', ')])) }),
            msg('volume.busy.hint'),
          );
        for (const v of targets) await ctx.sandbox.removeVolume(v.volume);
        return { status: 'ok', title: say(msg('volume.removed', { names: targets.map((v) => v.name).join(', ') }), lang) };
      }
      case 'prune': {
        const unused = mine.filter((v) => v.usedBy.length === 0);
        for (const v of unused) await ctx.sandbox.removeVolume(v.volume);
        const bytes = unused.reduce((n, v) => n + (v.sizeBytes ?? 0), 0);
        return {
          status: 'ok',
          title: unused.length
            ? say(msg('volume.pruned', { count: unused.length, size: formatBytes(bytes) }), lang)
            : say('volume.noneUnused', lang),
          code: unused.length ? { text: unused.map((v) => v.name).join('\n') } : undefined,
        };
      }
    }
  },
});
