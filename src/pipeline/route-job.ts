import { UserError } from '../errors.js';
import type { BuildEnv, ParsedCommand } from '../core/command.js';
import type { HostStatesApi, PlacedKind, PlacementApi } from '../core/fleet.js';
import type { Placed } from '../core/messages/fleet.js';
import { msg } from '../core/messages/index.js';
import { ownerId, type Requester } from '../core/request.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import { resolveContainer } from '../policy/ownership.js';

export interface RouteDeps {
  placements: PlacementApi;
  hostStates: HostStatesApi;
  /** SANDBOX_HOSTS' names: a record naming a host taken out of it is not followed (the engines are asked). */
  hosts: readonly string[];
  /** The hosts some worker process serves now (holds the host's lease). */
  served(): Promise<ReadonlySet<string>>;
  /** The whole fleet, to ask the engines where an unrecorded object lives (the engines are the truth). */
  fleet: Pick<SandboxApi, 'listContainers' | 'listVolumes'>;
}

/**
 * The host a command must run on, or undefined for new work that any host may take. A command on existing
 * containers or volumes goes where they live (the records first, the engines for what was never recorded);
 * things on two hosts, on a host no worker serves, or on a host out for a cool-down, are refused here, before
 * anything is queued.
 */
export async function hostFor(command: ParsedCommand, env: BuildEnv, deps: RouteDeps): Promise<string | undefined> {
  // With no host taking work (all out, or no worker serving any), nothing queued would run: said now, not never.
  const [served, out] = await Promise.all([deps.served(), deps.hostStates.out()]);
  if (!deps.hosts.some((h) => served.has(h) && !out.has(h))) {
    const back = [...out.values()].filter((until) => until > Date.now());
    const seconds = back.length ? Math.max(1, Math.round((Math.min(...back) - Date.now()) / 1000)) : undefined;
    throw new UserError(
      'unavailable',
      msg('fleet.noneInService'),
      seconds === undefined ? msg('fleet.noneInService.hint') : msg('fleet.noneInService.soon', { seconds }),
    );
  }
  const targets = command.definition.targets?.(command.args, env);
  if (!targets) return undefined;
  const found = new Map<string, Placed>(); // `container web` → where it lives
  await locate('container', targets.containers ?? [], env.who, deps, found);
  await locate('volume', targets.volumes ?? [], env.who, deps, found);
  const hosts = [...new Set([...found.values()].map((p) => p.host))];
  if (hosts.length > 1) {
    const where = [...found.values()];
    // One container cannot reach both (run); other commands can be sent once per host.
    if (command.definition.name === 'run') throw new UserError('conflict', msg('fleet.twoHosts', { where }), msg('fleet.twoHosts.hint'));
    throw new UserError('conflict', msg('fleet.twoHostsSplit', { where }), msg('fleet.twoHostsSplit.hint'));
  }
  const host = hosts[0];
  if (host !== undefined && !served.has(host)) {
    throw new UserError('unavailable', msg('fleet.unserved', { host }), msg('fleet.unserved.hint'));
  }
  const until = host === undefined ? undefined : out.get(host);
  if (host !== undefined && until !== undefined) {
    const seconds = Math.max(1, Math.round((until - Date.now()) / 1000));
    throw new UserError('unavailable', msg('fleet.hostOut', { host, seconds }), msg('fleet.hostOut.hint'));
  }
  return host;
}

async function locate(kind: PlacedKind, names: readonly string[], who: Requester, deps: RouteDeps, found: Map<string, Placed>) {
  if (!names.length) return;
  const owner = ownerId(who);
  const recorded = (await deps.placements.where(owner, kind, names)).map((h) => (h && deps.hosts.includes(h) ? h : undefined));
  const missing = names.filter((_, i) => recorded[i] === undefined);
  const place = (name: string, host: string) => found.set(`${kind} ${name}`, { kind, name, host });
  names.forEach((name, i) => recorded[i] && place(name, recorded[i]));
  if (!missing.length) return;
  if (kind === 'container') {
    const all = await deps.fleet.listContainers({ all: true });
    for (const name of missing) {
      const c = tryResolve(() => resolveContainer(name, all, who));
      if (c?.host) place(name, c.host);
      if (c?.host && c.owner === owner) await deps.placements.record(owner, 'container', c.name, c.host);
    }
  } else {
    const all = await deps.fleet.listVolumes();
    for (const name of missing) {
      const v = all.find((x) => x.owner === owner && x.name === name);
      if (v?.host) {
        place(name, v.host);
        await deps.placements.record(owner, 'volume', name, v.host);
      }
    }
  }
}

/** An object not found anywhere is new (run) or answered "no such container" by the worker: not routed. */
function tryResolve<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
