import type { ExecContext } from '../../src/core/command.js';
import type { Progress } from '../../src/core/reply.js';
import type { OnOutput, OutputSoFar } from '../../src/core/sandbox-api.js';

/** How much of the output's end each update carries: more than any platform's message shows. */
const TAIL_CHARS = 4000;

/**
 * A running container's output as "running" progress: handed over at most every STREAM_INTERVAL, only the latest,
 * one after the other. `done()` waits for the one on its way, so none arrives after the final reply.
 */
export function streamOutput(
  ctx: Pick<ExecContext<unknown>, 'progress' | 'settings'>,
  detail: string,
  extra: Pick<Progress, 'buttons'> = {},
): { onOutput?: OnOutput; done(): Promise<void> } {
  const interval = ctx.settings.streamInterval;
  if (!interval) return { done: async () => {} };
  let latest: OutputSoFar | undefined;
  let timer: NodeJS.Timeout | undefined;
  let sending = Promise.resolve();
  let last = 0;
  let ended = false;
  const send = () => {
    timer = undefined;
    if (ended || !latest) return;
    const whole = latest.text();
    latest = undefined;
    last = Date.now();
    const from = Math.max(0, whole.length - TAIL_CHARS);
    const output = { text: whole.slice(from), from };
    // A lost update is only a missed edit: the final reply holds the whole.
    sending = sending.then(() => ctx.progress({ stage: 'running', detail, output, ...extra })).catch(() => {});
  };
  return {
    onOutput(output) {
      latest = output;
      if (!timer && !ended) timer = setTimeout(send, Math.max(0, last + interval - Date.now()));
    },
    async done() {
      ended = true;
      clearTimeout(timer);
      await sending;
    },
  };
}
