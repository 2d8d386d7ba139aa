// The floor for acknowledgements: a bare Bolt app whose /docker listener only acks, behind a plain HTTP server
// (as Stevedore's is). Prints its port, then serves until killed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import bolt from '@slack/bolt';

const receiver = new bolt.HTTPReceiver({ signingSecret: process.argv[2]!, endpoints: '/slack/events', logLevel: bolt.LogLevel.ERROR });
const app = new bolt.App({ token: 'xoxb-bench', receiver, clientOptions: { slackApiUrl: process.argv[3] }, logLevel: bolt.LogLevel.ERROR });
app.command('/docker', async ({ ack }) => ack());
const server = createServer(receiver.requestListener);
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
