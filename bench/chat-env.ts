// The environment of a Stevedore of a benchmark's own that talks to both chat stand-ins: its own queue prefix,
// deployment and policy file, Slack over HTTP on a free-ish port, Discord through the stand-in's API.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiscordStandIn } from '../test/stand-ins/discord-stand-in.js';
import type { SlackStandIn } from '../test/stand-ins/slack-stand-in.js';

export function chatBenchEnv(
  id: string,
  o: { slack: SlackStandIn; discord: DiscordStandIn; signingSecret: string; policy: string },
): Record<string, string> {
  const policyFile = join(tmpdir(), `stevedore-bench-${id}.yaml`);
  writeFileSync(policyFile, o.policy);
  return {
    QUEUE_PREFIX: `{sv-bench-${id}}`,
    STEVEDORE_DEPLOYMENT: `bench-${id}`,
    POLICY_FILE: policyFile,
    LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: o.signingSecret,
    SLACK_API_URL: o.slack.apiUrl,
    SLACK_PORT: String(40_000 + Math.floor(Math.random() * 10_000)),
    SLACK_HOST: '127.0.0.1',
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: o.discord.applicationId,
    DISCORD_API_URL: o.discord.apiUrl,
    HEALTH_PORT: '0',
  };
}
