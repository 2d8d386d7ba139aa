// The load process: N signed Slack slash commands at concurrency C against one HTTP endpoint, over keep-alive
// connections. Prints one JSON line: the latency of each request (ms), the wall time and its own CPU time.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

const [port, secret, total, concurrency, text] = [
  Number(process.argv[2]),
  process.argv[3]!,
  Number(process.argv[4]),
  Number(process.argv[5]),
  process.argv[6] ?? 'ps',
];
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const latencies: number[] = [];
let failures = 0;
let next = 0;

function send(i: number): Promise<void> {
  const body = new URLSearchParams({
    command: '/docker',
    text,
    user_id: `U${i % 50}`,
    user_name: `user${i % 50}`,
    channel_id: 'C1',
    team_id: 'T1',
    trigger_id: `bench-${process.pid}-${i}`,
    response_url: 'http://127.0.0.1:1/none',
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': ts,
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - started);
          else failures += 1;
          resolve();
        });
      },
    );
    req.on('error', () => {
      failures += 1;
      resolve();
    });
    req.end(body);
  });
}

async function lane(): Promise<void> {
  while (next < total) await send(next++);
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ latencies, failures, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
agent.destroy();
