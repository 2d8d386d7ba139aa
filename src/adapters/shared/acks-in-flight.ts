/**
 * The acknowledgements this bot process is sending now, by the key its deliveries carry (a Discord interaction, a
 * Slack job): a job can end before its command's acknowledgement is through, and its replies wait for it.
 */
export class AcksInFlight {
  private readonly sending = new Map<string, Promise<unknown>>();

  /** Runs `ack` as the acknowledgement of `key`; deliveries of `key` wait for it meanwhile. */
  async during<T>(key: string, ack: Promise<T>): Promise<T> {
    this.sending.set(
      key,
      ack.catch(() => {}),
    );
    try {
      return await ack;
    } finally {
      this.sending.delete(key);
    }
  }

  /** Resolves once the acknowledgement of `key`, if one is on its way, is through (or failed). */
  async settled(key: string): Promise<void> {
    await this.sending.get(key);
  }
}
