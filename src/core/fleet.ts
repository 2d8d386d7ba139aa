/** What a fleet records of where things live, and which hosts are out; implemented on Redis in src/queue/. */

/** The two kinds of object a follow-up command must find on their own host. */
export type PlacedKind = 'container' | 'volume';

/** Where each owner's containers and volumes were created (written when made, read before queueing). */
export interface PlacementApi {
  record(owner: string, kind: PlacedKind, name: string, host: string): Promise<void>;
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
