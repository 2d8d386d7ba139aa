// `npm run bench:follow-stop`: how fast Stop ends a `logs -f`. A follow of a container that prints forever is
// started, and once it streams, Stop (the job's cancel) is pressed; the time from the press to the follow's final
// reply is measured, `--runs` times (a worker looks for a cancel every second: that is most of it).
import { arg, machine, median, printTable } from './report.js';
import { startTestStack } from '../test/helpers/test-stack.js';

const RUNS = arg('runs', 10);
const t = await startTestStack({ policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\nquotas: { commandsPerMinute: 1000 }\n' });
const times: number[] = [];
try {
  await t.alice.submit(`run -d --name ticker busybox sh -c 'while true; do echo tick; sleep 0.2; done'`);
  for (let n = 0; n < RUNS; n++) {
    const from = t.printed().length;
    const following = t.alice.submit('logs -f ticker');
    let jobId: string | undefined;
    while (!jobId || !/tick/.test(t.printed().slice(from))) {
      jobId ??= /#(\d+) \(ticker\)/.exec(t.printed().slice(from))?.[1];
      await new Promise((r) => setTimeout(r, 20));
    }
    const pressed = performance.now();
    await t.alice.submit(`cancel ${jobId}`);
    await following;
    times.push(performance.now() - pressed);
  }
} finally {
  await t.close();
}
printTable(
  `Stop on a logs -f (${RUNS} runs, terminal, ${machine()})`,
  [[String(RUNS), median(times).toFixed(0), Math.max(...times).toFixed(0)]],
  ['runs', 'Stop to final reply p50 (ms)', 'max (ms)'],
);
