import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { ownerId } from '../src/core/request.js';
import { formatTable } from '../src/core/table.js';
import { formatAge, formatBytes } from '../src/core/units.js';
import { LABEL } from '../src/policy/labels.js';
import { checkVolumeName, volumeNameFor } from '../src/policy/volumes.js';

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
      throw new UserError('bad-value', `volume takes ${ACTIONS.join(', ')}, not "${action ?? ''}".`, 'e.g. /docker volume create site');
    if ((action === 'create' || action === 'rm' || action === 'inspect') && names.length === 0)
      throw new UserError('bad-value', `volume ${action} needs a name.`);
    return { action: action as Action, names: names.map(checkVolumeName) };
  },
  async execute(ctx) {
    const me = ownerId(ctx.who);
    const all = await ctx.sandbox.listVolumes();
    const mine = all.filter((v) => v.owner === me);
    const find = (name: string) => {
      const v = mine.find((x) => x.name === name);
      if (!v) throw new UserError('not-found', `You have no volume named ${name}.`, '`/docker volume ls` lists yours.');
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
          if (await ctx.sandbox.createVolume(volumeNameFor(ctx.settings.deployment, ctx.who, name), labels, ctx.settings.user))
            created.push(name);
        }
        return {
          status: 'ok',
          title: created.length ? `Created ${created.join(', ')}` : 'Those volumes exist already',
          body: 'Mount one with /docker run -v NAME:/path …',
        };
      }
      case 'ls': {
        const list = ctx.who.admin ? all : mine;
        const rows = list.map((v) => [
          v.name,
          v.ownerName ?? v.owner,
          v.sizeBytes === undefined ? '?' : formatBytes(v.sizeBytes),
          v.usedBy.join(', ') || '-',
          formatAge(v.createdMs),
        ]);
        return {
          status: 'info',
          title: 'Volumes',
          body: list.length ? undefined : 'No volumes yet.',
          code: list.length ? { text: formatTable(['NAME', 'OWNER', 'SIZE', 'USED BY', 'CREATED'], rows) } : undefined,
        };
      }
      case 'inspect': {
        const v = find(ctx.args.names[0]!);
        return {
          status: 'info',
          title: `Volume ${v.name}`,
          code: {
            text: [
              `Name:     ${v.name}`,
              `Engine:   ${v.volume}`,
              `Owner:    ${v.ownerName ?? v.owner}`,
              `Size:     ${v.sizeBytes === undefined ? 'unknown' : formatBytes(v.sizeBytes)}`,
              `Used by:  ${v.usedBy.join(', ') || 'no container'}`,
              `Created:  ${new Date(v.createdMs).toISOString()}`,
            ].join('\n'),
          },
        };
      }
      case 'rm': {
        const targets = ctx.args.names.map(find);
        const busy = targets.filter((v) => v.usedBy.length);
        if (busy.length)
          throw new UserError(
            'conflict',
            `${busy.map((v) => `${v.name} is used by ${v.usedBy.join(', ')}`).join('; ')}.`,
            'Remove those containers first.',
          );
        for (const v of targets) await ctx.sandbox.removeVolume(v.volume);
        return { status: 'ok', title: `Removed ${targets.map((v) => v.name).join(', ')}` };
      }
      case 'prune': {
        const unused = mine.filter((v) => v.usedBy.length === 0);
        for (const v of unused) await ctx.sandbox.removeVolume(v.volume);
        const bytes = unused.reduce((n, v) => n + (v.sizeBytes ?? 0), 0);
        return {
          status: 'ok',
          title: unused.length
            ? `Removed ${unused.length} unused volume${unused.length > 1 ? 's' : ''} of yours (${formatBytes(bytes)})`
            : 'No unused volumes of yours',
          code: unused.length ? { text: unused.map((v) => v.name).join('\n') } : undefined,
        };
      }
    }
  },
});
