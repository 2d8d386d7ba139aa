import { UserError } from '../errors.js';
import type { CommandDefinition } from '../core/command.js';
import { msg } from '../core/messages/index.js';
import type { Policy } from '../core/policy-schema.js';
import type { Platform, Requester } from '../core/request.js';

const matches = (pattern: string, platform: Platform, id: string) =>
  pattern === '*' || pattern === `${platform}:*` || pattern === `${platform}:${id}`;

/** Admin by user id or by one of the user's platform roles; never by a display name. */
export function isAdmin(policy: Policy, platform: Platform, userId: string, roles: readonly string[] = []): boolean {
  return (
    policy.admins.users.some((p) => matches(p, platform, userId)) ||
    roles.some((role) => policy.admins.roles.some((p) => p !== '*' && p !== `${platform}:*` && matches(p, platform, role)))
  );
}

/** The commands allowed in a channel: the first binding that matches it, or the policy's default. */
export function commandsAllowedIn(policy: Policy, platform: Platform, channelId: string): readonly string[] {
  return policy.channels.find((b) => matches(b.channel, platform, channelId))?.commands ?? policy.otherChannels;
}

/**
 * Is the request from one of the team's own places? The terminal always is; a Discord guild or Slack workspace
 * must be listed (`*`: any; `own`: the one the bot's token belongs to, given as `own`). A Discord DM has no guild.
 */
export function inTeamPlace(policy: Policy, who: Pick<Requester, 'platform' | 'workspace'>, own?: string): boolean {
  if (who.platform === 'terminal') return true;
  const places = policy.places[who.platform];
  if (places.includes('*')) return true;
  if (!who.workspace) return false;
  return places.includes(who.workspace) || (places.includes('own') && own === who.workspace);
}

/**
 * May this user run this command here? The place first (the team's own guilds and workspace), then channel
 * bindings (for admins too: a channel is bound to a purpose), then admin-only commands. Throws a UserError that
 * says what to do. `place`: given by the bot at the door (with the workspace its token belongs to); left out where
 * the place was checked already (the worker re-checks the rest, explain shows the rest).
 */
export function authorize(
  policy: Policy,
  who: Requester,
  command: Pick<CommandDefinition, 'name' | 'access'>,
  place: { own?: string } | false = false,
): void {
  if (place && !inTeamPlace(policy, who, place.own)) {
    throw new UserError('forbidden', msg('access.notHere'), msg('access.notHere.hint'));
  }
  const allowed = commandsAllowedIn(policy, who.platform, who.channelId);
  if (!(allowed.includes('all') || allowed.includes(command.name) || allowed.includes(command.access))) {
    throw new UserError('forbidden', msg('access.notInChannel', { command: command.name }), msg('access.notInChannel.hint'));
  }
  if (command.access === 'admin' && !who.admin) {
    throw new UserError('forbidden', msg('access.adminOnly', { command: command.name }), msg('access.adminOnly.hint'));
  }
}

/** Who may use a command by default, in words for the README's access table. */
const WHO: Record<CommandDefinition['access'], string> = {
  read: 'everyone',
  write: 'everyone, on their own containers and volumes (admins: on all)',
  admin: 'admins',
};

/**
 * The README's access table, from the definitions the code reads: each command, its group, who may use it with no
 * policy file, and whether it runs in the bot (answered at once) or on a worker (queued).
 */
export function accessTable(definitions: readonly Pick<CommandDefinition, 'name' | 'access' | 'runsOn'>[]): string {
  const rows = definitions.map(
    (d) => `| \`${d.name}\` | ${d.access} | ${WHO[d.access]} | ${d.runsOn === 'bot' ? 'answered by the bot' : 'queued for a worker'} |`,
  );
  return ['| Command | Group | Who, with no policy file | Runs |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
