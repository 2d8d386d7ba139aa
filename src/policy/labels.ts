import { createHash } from 'node:crypto';
import type { Requester } from '../core/request.js';
import { ownerId } from '../core/request.js';

/** Labels Stevedore writes on everything it creates; only objects carrying them are ever listed or touched. */
export const LABEL = {
  deployment: 'stevedore.deployment',
  owner: 'stevedore.owner',
  ownerName: 'stevedore.owner-name',
  channel: 'stevedore.channel',
  job: 'stevedore.job',
  name: 'stevedore.name',
  expires: 'stevedore.expires',
  /** A volume's fixed size in bytes (a disk volume). */
  size: 'stevedore.size',
} as const;

export const LABEL_PREFIX = 'stevedore.';

/** Docker's own rule for container names. */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

/** Engine-wide container name for an owner's display name: `<deployment>-<owner hash>-<name>`. */
export function containerNameFor(deployment: string, who: Pick<Requester, 'platform' | 'userId'>, displayName: string): string {
  const hash = createHash('sha256').update(ownerId(who)).digest('hex').slice(0, 10);
  return `${deployment}-${hash}-${displayName}`;
}
