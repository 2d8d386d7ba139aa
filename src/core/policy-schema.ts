import { z } from 'zod';

/** A platform-qualified id: `discord:123`, `slack:U123`, `terminal:alice`; `*` matches any id of a platform. */
const qualifiedId = z
  .string()
  .regex(/^(\*|(discord|slack|terminal):(\*|[\w.-]+))$/, 'use platform:id, e.g. discord:1234 or slack:C0123 (or platform:* / *)');
const placeId = z.string().regex(/^(\*|own|[\w-]+)$/, 'a guild or workspace id, * or own');
const commandGroup = z.string().regex(/^(all|read|write|admin|[a-z-]+)$/, 'a command name, or read / write / admin / all');

export const policySchema = z
  .object({
    /** Users and roles who may act on every container and use admin commands. */
    admins: z
      .object({ users: z.array(qualifiedId).default([]), roles: z.array(qualifiedId).default([]) })
      .strict()
      .default({ users: [], roles: [] }),
    /** Which commands are allowed where; the first entry matching the channel decides. */
    channels: z.array(z.object({ channel: qualifiedId, commands: z.array(commandGroup).min(1) }).strict()).default([]),
    /**
     * The team's own places: Discord guild ids and Slack workspace (team) ids the bot serves; `*` any, `own` (Slack)
     * the workspace the bot token belongs to. Anywhere else every command is refused.
     */
    places: z
      .object({ discord: z.array(placeId).default(['*']), slack: z.array(placeId).default(['own']) })
      .strict()
      .default({ discord: ['*'], slack: ['own'] }),
    /** Commands allowed in channels no entry matches. */
    otherChannels: z.array(commandGroup).default(['read']),
    /** Images that may run or be pulled, beyond the built-in aliases: registry/path[:tag][@digest], `*` for a path part. */
    images: z.array(z.string().min(1)).default([]),
    /** runningContainers counts containers running in the background (-d), per user. */
    quotas: z
      .object({
        runningContainers: z.number().int().min(0).default(3),
        queuedJobs: z.number().int().min(1).default(5),
        commandsPerMinute: z.number().int().min(1).default(20),
        queueDepth: z.number().int().min(1).default(200),
      })
      .strict()
      .default({ runningContainers: 3, queuedJobs: 5, commandsPerMinute: 20, queueDepth: 200 }),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

/** The limits on commands and jobs. */
export type Quotas = Policy['quotas'];
