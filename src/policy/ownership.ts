import { UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { Requester } from '../core/request.js';
import { ownerId } from '../core/request.js';
import type { ContainerInfo } from '../core/sandbox-api.js';

/**
 * Finds the container a user means by a name or an ID prefix. Names are the user's own (two users may both have
 * "web"); an ID may point at anyone's container, and acting on another user's container is refused, except for
 * admins, who may act on every container of the deployment.
 */
export function resolveContainer(reference: string, containers: readonly ContainerInfo[], who: Requester): ContainerInfo {
  const me = ownerId(who);
  const byName = containers.find((c) => c.owner === me && c.name === reference);
  if (byName) return byName;
  const byId = reference.length >= 3 && /^[0-9a-f]+$/.test(reference) ? containers.filter((c) => c.id.startsWith(reference)) : [];
  if (byId.length > 1)
    throw new UserError('conflict', msg('owner.ambiguous', { reference, count: byId.length }), msg('owner.ambiguous.hint'));
  const found = byId[0];
  if (!found) {
    throw new UserError('not-found', msg('owner.notFound', { reference }), msg('owner.notFound.hint'));
  }
  if (found.owner !== me && !who.admin) {
    const id = found.id.slice(0, 12);
    throw new UserError('forbidden', msg('owner.forbidden', found.ownerName ? { id, owner: found.ownerName } : { id }));
  }
  return found;
}
