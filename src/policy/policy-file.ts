import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

/** A platform-qualified id: `discord:123`, `slack:U123`, `terminal:alice`; `*` matches any id of a platform. */
const qualifiedId = z
  .string()
  .regex(/^(\*|(discord|slack|terminal):(\*|[\w.-]+))$/, 'use platform:id, e.g. discord:1234 or slack:C0123 (or platform:* / *)');
const commandGroup = z.string().regex(/^(all|read|write|admin|[a-z-]+)$/, 'a command name, or read / write / admin / all');

const policySchema = z
  .object({
    /** Users and roles who may act on every container and use admin commands. */
    admins: z
      .object({ users: z.array(qualifiedId).default([]), roles: z.array(qualifiedId).default([]) })
      .strict()
      .default({ users: [], roles: [] }),
    /** Which commands are allowed where; the first entry matching the channel decides. */
    channels: z.array(z.object({ channel: qualifiedId, commands: z.array(commandGroup).min(1) }).strict()).default([]),
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

/**
 * The policy when no file is given: the terminal (someone already on the machine) may do everything and is
 * admin; in chat channels, only reading commands until a policy file binds channels to more.
 */
export const DEFAULT_POLICY: Policy = policySchema.parse({
  admins: { users: ['terminal:*'] },
  channels: [{ channel: 'terminal:*', commands: ['all'] }],
});

/** Parses policy YAML; every error names its line. */
export function parsePolicy(text: string, source = 'policy'): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length)
    throw new Error(`${source}: ${doc.errors.map((e) => `line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`).join('; ')}`);
  const result = policySchema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    let path = issue.path as (string | number)[];
    // Point at the deepest node that exists (an unknown key's parent, a missing key's map).
    let node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    while (!node?.range && path.length) {
      path = path.slice(0, -1);
      node = (path.length ? doc.getIn(path, true) : doc.contents) as typeof node;
    }
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    const where = issue.path.length ? ` (${issue.path.join('.')})` : '';
    return `line ${line}${where}: ${issue.message}`;
  });
  throw new Error(`${source}: ${problems.join('; ')}`);
}

export function loadPolicy(path: string | undefined): Policy {
  if (!path) return DEFAULT_POLICY;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`POLICY_FILE=${path}: ${(error as Error).message}`);
  }
  return parsePolicy(text, path);
}
