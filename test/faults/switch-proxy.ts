import { createServer, connect, type Server, type Socket } from 'node:net';

interface Failover {
  /** Bytes of the command the failover waits for, as the client sends it (a key it names). */
  at: string;
  promote: () => void;
  to: number;
}

/**
 * A TCP proxy on loopback that plays a Sentinel failover as a client sees it: it forwards to one Redis; armed with
 * `failoverAt`, it promotes another the moment a given command passes on its way to the old primary, lets the old
 * primary take that command and answer it, then cuts every connection it carries and forwards new ones to the new
 * primary (as a client that asked the sentinels again would reach it). The command is lost as a write taken by a
 * primary in the window between the replica's promotion and its own demotion is.
 */
export class SwitchProxy {
  private readonly sockets = new Set<Socket>();
  private failover?: Failover;
  switched = false;

  private constructor(
    private readonly server: Server,
    private target: number,
  ) {}

  static async create(target: number): Promise<SwitchProxy> {
    const server = createServer();
    const proxy = new SwitchProxy(server, target);
    server.on('connection', (client) => proxy.carry(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  failoverAt(failover: Failover): void {
    this.failover = failover;
  }

  /** Cuts every connection (each once what it was handed is written: an answer under way reaches its client). */
  switchTo(target: number): void {
    this.target = target;
    this.switched = true;
    for (const socket of this.sockets) socket.end();
  }

  private carry(client: Socket): void {
    const upstream = connect(this.target, '127.0.0.1');
    let switchAfterAnswer: number | undefined;
    client.on('data', (chunk: Buffer) => {
      const failover = this.failover;
      if (failover && chunk.includes(failover.at)) {
        this.failover = undefined;
        failover.promote();
        switchAfterAnswer = failover.to;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const to = switchAfterAnswer;
      switchAfterAnswer = undefined;
      client.write(chunk, () => to !== undefined && this.switchTo(to));
    });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
