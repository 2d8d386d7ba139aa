// Prints a Slack app manifest (JSON, accepted by Slack's "create from manifest") from the command definitions.
// Socket Mode unless --http URL is given: `npm run slack:manifest -- --http https://bot.example.com` writes the full
// request URL (https://bot.example.com/slack/events); --http without a URL is an error.
import { commands } from '../commands/index.js';
import { slackManifest } from '../src/adapters/slack/manifest.js';

const http = process.argv.indexOf('--http');
try {
  const manifest = slackManifest(commands, { socketMode: http < 0, requestUrl: http >= 0 ? process.argv[http + 1] : undefined });
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`slack:manifest: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
