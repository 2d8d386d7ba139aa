// Counting each engine's containers from its live event stream. `docker events --since` afterwards reads the
// engine's ring of recent events (256 in dockerd), which a burst of a hundred containers per engine overflows; a
// stream open during the burst sees every event.
import type { Config } from '../src/config.js';
import { dockerClient } from '../src/sandbox/docker-client.js';

type EventStream = NodeJS.ReadableStream & { destroy(): void };

export class EngineEventCounts {
  /** Events counted so far, one figure per engine, in the order of the hosts given. */
  readonly perEngine: number[];
  private readonly streams: EventStream[] = [];
  private waiter?: { target: number; resolve: () => void };

  private constructor(engines: number) {
    this.perEngine = Array.from({ length: engines }, () => 0);
  }

  get total(): number {
    return this.perEngine.reduce((a, b) => a + b, 0);
  }

  /**
   * Subscribes to the `event` events of the deployment's containers on each engine of `dockerHosts`. `since` (ms
   * since the epoch) goes with each subscription: an event the engine logs while the subscription is being set up
   * comes from its ring, so none is missed, and none from before `since` is counted.
   */
  static async open(config: Config, dockerHosts: string[], event: 'start' | 'destroy', since: number): Promise<EngineEventCounts> {
    const counts = new EngineEventCounts(dockerHosts.length);
    await Promise.all(
      dockerHosts.map(async (dockerHost, e) => {
        const stream = (await dockerClient({ ...config, dockerHost }).getEvents({
          since: since / 1000, // seconds, with a fraction
          filters: { type: ['container'], event: [event], label: [`stevedore.deployment=${config.deployment}`] },
        })) as unknown as EventStream;
        counts.streams.push(stream);
        let partial = '';
        stream.on('data', (chunk: Buffer) => {
          const lines = (partial + chunk.toString()).split('\n'); // one JSON object a line
          partial = lines.pop()!;
          counts.perEngine[e]! += lines.filter((line) => line.trim()).length;
          if (counts.waiter && counts.total >= counts.waiter.target) counts.waiter.resolve();
        });
        stream.on('error', () => {}); // ended by close()
      }),
    );
    return counts;
  }

  /**
   * Resolves once `target` events were counted over all engines (the events of calls that have returned may still be
   * on their way), or at `deadlineMs` with what was counted by then.
   */
  async reach(target: number, deadlineMs: number): Promise<number[]> {
    if (this.total < target) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadlineMs);
        this.waiter = {
          target,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      });
      this.waiter = undefined;
    }
    return [...this.perEngine];
  }

  close(): void {
    for (const stream of this.streams) stream.destroy();
  }
}
