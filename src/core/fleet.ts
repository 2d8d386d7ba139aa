/** What a fleet records of where things live, and which hosts are out; implemented on Redis in src/queue/. */

/** The two kinds of object a follow-up command must find on their own host. */
export type PlacedKind = 'container' | 'volume';

/** Where each owner's containers and volumes were created (written when made, read before queueing). */
export interface PlacementApi {
  record(owner: string, kind: PlacedKind, name: string, host: string): Promise<void>;
  /**
   * Records a new object's host unless another host of `hosts` already has it (two first uses at once, taken by two
   * hosts, make it on one): the host it is on (`host` when this call may make it there), and whether this call
   * wrote the record (taken back if the object is not made).
   */
  claim(owner: string, kind: PlacedKind, name: string, host: string, hosts: readonly string[]): Promise<{ on: string; claimed: boolean }>;
  /** The object is gone (removed, or never made): its record goes too. */
  forget(owner: string, kind: PlacedKind, name: string): Promise<void>;
  /** The host of each name, in order; undefined where nothing was recorded. */
  where(owner: string, kind: PlacedKind, names: readonly string[]): Promise<(string | undefined)[]>;
}

/** Hosts taken out for a cool-down, shared by every process of the deployment. */
export interface HostStatesApi {
  /** Each host out now, with when its cool-down ends (ms since the epoch). */
  out(): Promise<Map<string, number>>;
  /** Takes a host out; true when this call did (so one process tells the ops channel). */
  takeOut(host: string, untilMs: number): Promise<boolean>;
  /** Moves a host's cool-down end (it still fails). */
  extend(host: string, untilMs: number): Promise<void>;
  /** Puts a host back; true when this call did. */
  bringBack(host: string): Promise<boolean>;
}
