import { UserError } from '../errors.js';
import type { CommandDefinition } from '../core/command.js';
import type { Platform, Requester } from '../core/request.js';
import type { Policy } from './policy-file.js';

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
 * May this user run this command here? Channel bindings first (for admins too: a channel is bound to a purpose),
 * then admin-only commands. Throws a UserError that says what to do.
 */
export function authorize(policy: Policy, who: Requester, command: Pick<CommandDefinition, 'name' | 'access'>): void {
  const allowed = commandsAllowedIn(policy, who.platform, who.channelId);
  if (!(allowed.includes('all') || allowed.includes(command.name) || allowed.includes(command.access))) {
    throw new UserError(
      'forbidden',
      `/docker ${command.name} is not enabled in this channel.`,
      'An admin can bind it to this channel in the policy file (channels), or use a channel where it is enabled.',
    );
  }
  if (command.access === 'admin' && !who.admin) {
    throw new UserError('forbidden', `/docker ${command.name} is for admins.`, 'Ask an admin of this deployment.');
  }
}
