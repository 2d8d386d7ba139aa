import { LineCounter, parseDocument } from 'yaml';
import { policySchema, type Policy } from '../core/policy-schema.js';

export type { Policy };

/**
 * The policy when no file is given: the terminal (someone already on the machine) may do everything and is admin.
 * In the team's own places (guilds and workspace, see `places`), every channel the bot is in offers what the
 * code-running bots people already use offer: reading, explain, sandboxed runs of the allowed images, pulls of them,
 * and acting on one's own containers and volumes (the `read` and `write` groups); admin commands (rmi, cleanup,
 * audit) are for admins. Anywhere else nothing is enabled.
 */
export const DEFAULT_POLICY: Policy = policySchema.parse({
  admins: { users: ['terminal:*'] },
  channels: [{ channel: 'terminal:*', commands: ['all'] }],
  otherChannels: ['all'],
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
