import { PermissionFlagsBits, PermissionsBitField, type Channel, type GuildMember } from 'discord.js';

/**
 * The permissions the bot needs in a channel, with Discord's names for them: to see the channel, post in it, show
 * results as embeds, and attach whole outputs and copied files. (Threads are not used.)
 */
export const NEEDED_PERMISSIONS: readonly { bit: bigint; name: string }[] = [
  { bit: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { bit: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { bit: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
  { bit: PermissionFlagsBits.AttachFiles, name: 'Attach Files' },
];

/** The sum of the needed permissions, as the invite link's `permissions` parameter. */
export const NEEDED_BITS = NEEDED_PERMISSIONS.reduce((sum, p) => sum | p.bit, 0n);

/** The needed permissions a set lacks, by name. */
export function missingIn(permissions: Readonly<PermissionsBitField>): string[] {
  if (permissions.has(PermissionFlagsBits.Administrator)) return [];
  return NEEDED_PERMISSIONS.filter((p) => !permissions.has(p.bit, false)).map((p) => p.name);
}

/** What the bot lacks to post this message in a cached guild channel; undefined when the cache cannot tell. */
export function missingInChannel(channel: Channel | undefined, me: GuildMember | null, withFiles: boolean): string[] | undefined {
  if (!channel || !me || !('permissionsFor' in channel)) return undefined;
  const permissions = channel.permissionsFor(me);
  if (!permissions) return undefined;
  const lacking = missingIn(permissions).filter((name) => withFiles || name !== 'Attach Files');
  return lacking.length ? lacking : undefined;
}

/** Invites the bot again with the scopes and permissions it needs (a re-invite updates its role's permissions). */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${NEEDED_BITS}`;
}

/** How to mend missing permissions, in one sentence for the log and /healthz. */
export function permissionFix(roleName: string | undefined, invite: string): string {
  return `fix: Server Settings → Roles → ${roleName ?? "the bot's role"} (and the channel's own permissions), allow ${NEEDED_PERMISSIONS.map((p) => p.name).join(', ')}; or invite the bot again with ${invite}`;
}
