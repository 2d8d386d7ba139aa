// `npm run bench:streaming`: streamed output against the platforms' limits. The same burst of printing jobs (on
// Discord and Slack at once, strict stand-ins) runs with streaming on and off; the table gives the edits sent per
// second against each platform's limit, the 429s provoked, and the extra CPU of bot and worker per streaming job.
import { loadConfig } from '../src/config.js';
import { DiscordStandIn } from '../test/stand-ins/discord-stand-in.js';
import { SlackStandIn, postSlashCommand } from '../test/stand-ins/slack-stand-in.js';
import { exited, spawnStevedore, until } from '../test/helpers/processes.js';
import { cleanUp } from '../test/helpers/test-stack.js';
import { chatBenchEnv } from './chat-env.js';
import { arg, busiest, cpuMsOf, machine, median, printTable } from './report.js';

const JOBS = arg('jobs', 10);
const SECRET = 'bench-signing-secret';
const CHANNEL = '300000000000000001';
/** A line every 200 ms for 6 s. */
const PRINTER = `sh -c 'i=1; while [ $i -le 30 ]; do echo line $i; i=$((i+1)); sleep 0.2; done'`;
const step = (what: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

interface Outcome {
  seconds: number;
  cpuMs: number;
  slackStreamed: number;
  /** chat.update calls in the busiest minute. */
  slackBusiestMinute: number;
  discordStreamed: number;
  /** Edits of one message (streamed or not) in its busiest 5 s. */
  discordBusiestBucket: number;
  limited: number;
  /** Each job's time from its command to its final reply (ms). */
  replyMs: number[];
}

async function burst(streamInterval: string): Promise<Outcome> {
  const slack = new SlackStandIn({ rateLimits: true });
  const discord = new DiscordStandIn({ rateLimits: true });
  await Promise.all([slack.start(), discord.start()]);
  const id = `${Date.now().toString(36)}${streamInterval === '0' ? 'off' : 'on'}`;
  const env: Record<string, string> = {
    ...chatBenchEnv(`stream-${id}`, {
      slack,
      discord,
      signingSecret: SECRET,
      policy: 'channels: [{ channel: "*", commands: [all] }]\nquotas: { commandsPerMinute: 100000, queuedJobs: 1000 }\n',
    }),
    WORKER_CONCURRENCY: String(2 * JOBS),
    STREAM_INTERVAL: streamInterval,
  };
  const config = loadConfig({ ...process.env, ...env });
  const bot = spawnStevedore(env, 'bot');
  const worker = spawnStevedore(env, 'worker');
  try {
    const slash = (text: string, user: string) =>
      postSlashCommand(Number(env.SLACK_PORT), SECRET, { text, user_id: user, trigger_id: `t-${Math.random().toString(36).slice(2)}` });
    await until(async () => (await slash('help', 'U0').catch(() => ({ status: 0 }))).status === 200, 60_000, 'the bot');
    // One job through first: the worker is up and the image is there.
    await slash('run busybox true', 'U0');
    await until(async () => slack.find('chat.update').some((c) => c.args.blocks?.[0]?.type === 'header'), 60_000, 'a warm-up job');
    const before = cpuMsOf(bot.pid!) + cpuMsOf(worker.pid!);
    const finals = () =>
      slack.find('chat.update').filter((c) => c.args.blocks?.[0]?.type === 'header').length +
      discord.find('PATCH', /\/messages\/@original$/).filter((r) => r.status === 200 && r.body?.embeds?.length).length;
    const already = finals();
    const started = Date.now();
    const tokens: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      void slash(`run busybox ${PRINTER}`, `U${100 + i}`);
      const { token } = discord.slashCommand({
        user: `4100000000000001${String(i).padStart(2, '0')}`,
        channel: CHANNEL,
        sub: 'run',
        options: [
          { name: 'image', type: 3, value: 'busybox' },
          { name: 'args', type: 3, value: PRINTER },
        ],
      });
      tokens.push(token);
    }
    await until(async () => finals() - already >= 2 * JOBS, 180_000, 'every final reply');
    const seconds = (Date.now() - started) / 1000;
    const cpuMs = cpuMsOf(bot.pid!) + cpuMsOf(worker.pid!) - before;
    const edits = (token: string) => discord.find('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original$`));
    const streamedSlack = slack
      .find('chat.update')
      .filter((c) => c.args.blocks?.[0]?.type !== 'header' && /line \d+/.test(JSON.stringify(c.args.blocks)));
    const streamedDiscord = (token: string) => edits(token).filter((r) => /line \d+/.test(r.body?.content ?? ''));
    const slackFinals = slack
      .find('chat.update')
      .filter((c) => c.args.blocks?.[0]?.type === 'header' && /line 30/.test(JSON.stringify(c.args.blocks)));
    const discordFinals = tokens.map((t) => edits(t).find((r) => r.body?.embeds?.length));
    const replyMs = [...slackFinals.map((c) => c.at), ...discordFinals.map((r) => r?.at ?? NaN)].map((at) => at - started);
    return {
      seconds,
      cpuMs,
      slackStreamed: streamedSlack.length,
      slackBusiestMinute: busiest(
        slack.find('chat.update').map((c) => c.at),
        60_000,
      ),
      discordStreamed: tokens.reduce((n, t) => n + streamedDiscord(t).length, 0),
      discordBusiestBucket: Math.max(
        ...tokens.map((t) =>
          busiest(
            edits(t).map((r) => r.at),
            5000,
          ),
        ),
      ),
      limited: slack.rateLimited().length + discord.rateLimited().length,
      replyMs,
    };
  } finally {
    bot.kill('SIGTERM');
    worker.kill('SIGTERM');
    await Promise.all([exited(bot), exited(worker)]);
    await cleanUp(config);
    await Promise.all([slack.stop(), discord.stop()]);
  }
}

step(`${JOBS} printing jobs on Slack and ${JOBS} on Discord, streaming on (STREAM_INTERVAL 1s)`);
const on = await burst('1s');
step('the same, streaming off');
const off = await burst('0');
const perSecond = (n: number, s: number) => (n / s).toFixed(2);
printTable(
  `Streaming: ${JOBS} + ${JOBS} jobs printing a line every 200 ms for 6 s (${machine()})`,
  [
    ['Slack: streamed chat.update per second (all jobs)', perSecond(on.slackStreamed, on.seconds), '40/60 = 0.67 (of tier 3, 50/min)'],
    ['Slack: chat.update calls in the busiest minute (all kinds)', String(on.slackBusiestMinute), '50'],
    ['Discord: streamed edits per second (all jobs)', perSecond(on.discordStreamed, on.seconds), '50 (global)'],
    ['Discord: edits of one message in its busiest 5 s (all kinds)', String(on.discordBusiestBucket), '5 (its bucket)'],
    ['429s provoked (on / off)', `${on.limited} / ${off.limited}`, '0'],
    [
      "a job's command to its final reply, median (s), on / off",
      `${(median(on.replyMs) / 1000).toFixed(1)} / ${(median(off.replyMs) / 1000).toFixed(1)}`,
      '',
    ],
    ['time to the last reply (s), on / off', `${on.seconds.toFixed(1)} / ${off.seconds.toFixed(1)}`, ''],
    ['bot + worker CPU (ms), on / off', `${on.cpuMs.toFixed(0)} / ${off.cpuMs.toFixed(0)}`, ''],
    ['extra CPU per streaming job (ms)', ((on.cpuMs - off.cpuMs) / (2 * JOBS)).toFixed(1), ''],
  ],
  ['measure', 'value', 'platform limit'],
);
process.exit(0);
