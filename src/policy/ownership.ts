import { UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { Requester } from '../core/request.js';
import { ownerId } from '../core/request.js';
import type { ContainerInfo } from '../core/sandbox-api.js';

/**
 * Finds the container a user means by a name or an ID prefix. Names are the user's own (two users may both have
 * "web"). A non-admin sees only their own containers: an ID of someone else's is answered exactly as one that does
 * not exist, so that nobody learns what others run or who owns it. Admins may act on every container of the
 * deployment by its ID.
 */
export function resolveContainer(reference: string, containers: readonly ContainerInfo[], who: Requester): ContainerInfo {
  const me = ownerId(who);
  const byName = containers.find((c) => c.owner === me && c.name === reference);
  if (byName) return byName;
  const visible = who.admin ? containers : containers.filter((c) => c.owner === me);
  const byId = reference.length >= 3 && /^[0-9a-f]+$/.test(reference) ? visible.filter((c) => c.id.startsWith(reference)) : [];
  if (byId.length > 1)
    throw new UserError('conflict', msg('owner.ambiguous', { reference, count: byId.length }), msg('owner.ambiguous.hint'));
  const found = byId[0];
  if (!found) throw new UserError('not-found', msg('owner.notFound', { reference }), msg('owner.notFound.hint'));
  return found;
}

/** The containers a user may see: their own, or for admins every one of the deployment. */
export function visibleContainers(containers: readonly ContainerInfo[], who: Requester): ContainerInfo[] {
  const me = ownerId(who);
  return who.admin ? [...containers] : containers.filter((c) => c.owner === me);
}
