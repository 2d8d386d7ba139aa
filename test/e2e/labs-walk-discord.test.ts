import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordLearner, startChatStack, type ChatStack, type DiscordCommand } from '../helpers/chat-walk.js';
import { labPolicy, rightOn } from '../helpers/lab-walk.js';

/**
 * Labs 2–7 finished through the real discord.js client against the Discord stand-in, typed as a learner types them:
 * each subcommand with its options, files attached. Right answers only (the terminal walks try the wrong ones); lab 1:
 * labs-buttons.test.ts.
 */
let chat: ChatStack;
let learner: ReturnType<typeof discordLearner>;
beforeAll(async () => {
  chat = await startChatStack(['discord'], labPolicy);
  learner = discordLearner(chat.discord);
});
afterAll(() => chat?.close());

const right = (attempt: DiscordCommand[], next: RegExp) => rightOn(learner, attempt, next);
const start = async (lab: number, title: RegExp) =>
  expect((await learner.type({ sub: 'learn', options: { action: String(lab) } })).title).toMatch(title);
const file = (name: string, content: string) => ({ name, data: Buffer.from(content) });

describe('labs 2–7 on Discord, typed', () => {
  it('lab 2: images and registries (image rm met by its refusal)', async () => {
    await start(2, /^Lab 2 · Images and registries: step 1 of 4$/);
    await right([{ sub: 'pull', options: { image: 'docker/whalesay:latest' } }], /step 2 of 4$/);
    await right([{ sub: 'images' }], /step 3 of 4$/);
    await right([{ sub: 'run', options: { image: 'docker/whalesay', name: 'tagged', args: 'cowsay latest' } }], /step 4 of 4$/);
    const refused = await learner.type({ sub: 'rmi', options: { image: 'docker/whalesay' } });
    // The shared sandbox keeps its images.
    expect(refused.title).toMatch(/^docker rmi docker\/whalesay:latest would untag .* removing images is for admins\.$/);
    await right([], /finished lab 2: Images and registries$/);
  });

  it('lab 3: files in and out with cp, the file attached', async () => {
    await start(3, /step 1 of 4$/);
    const box = { image: 'busybox', detach: true, name: 'box', flags: '-v files:/files', args: 'sleep 600' };
    const attach = await right([{ sub: 'run', options: box }], /step 2 of 4$/);
    expect(attach.body).toMatch(/on Discord, attach it/);
    await right(
      [{ sub: 'cp', options: { destination: 'box:/files/note.txt' }, file: file('note.txt', 'hello from the host\n') }],
      /step 3 of 4$/,
    );
    await right([{ sub: 'exec', options: { container: 'box', args: "sh -c 'echo made inside > /files/made.txt'" } }], /step 4 of 4$/);
    const out = await learner.type({ sub: 'cp', options: { source: 'box:/files/made.txt', destination: '-' } });
    expect(Object.values(out.request.files).map(String)).toContain('made inside\n');
    await right([], /finished lab 3: Files in and out with cp$/);
  });

  it('lab 4: volumes', async () => {
    await start(4, /step 1 of 3$/);
    await right([{ sub: 'volume', options: { action: 'create', name: 'notes' } }], /step 2 of 3$/);
    const write = { rm: true, flags: '-v notes:/data', image: 'busybox', args: "sh -c 'echo hello > /data/hello.txt'" };
    await right([{ sub: 'run', options: write }], /step 3 of 3$/);
    const read = { name: 'reader', flags: '-v notes:/data', image: 'busybox', args: 'cat /data/hello.txt' };
    await right([{ sub: 'run', options: read }], /finished lab 4: Volumes/);
  });

  it('lab 5: a web server, its page attached', async () => {
    await start(5, /step 1 of 4$/);
    const site = { sub: 'run', options: { detach: true, name: 'site', flags: '-v site:/www', image: 'web' } };
    await right([site], /step 2 of 4$/);
    await right(
      [{ sub: 'cp', options: { destination: 'site:/www/index.html' }, file: file('index.html', '<h1>our team</h1>\n') }],
      /step 3 of 4$/,
    );
    await right([{ sub: 'curl', options: { container: 'site', path: '/index.html' } }], /step 4 of 4$/);
    await right([{ sub: 'rm', options: { container: 'site', force: true } }, site], /finished lab 5: A web server in a container$/);
  });

  it('lab 6: isolation', async () => {
    await start(6, /step 1 of 5$/);
    const iso = { detach: true, name: 'iso', image: 'busybox', args: "sh -c 'echo mine > /tmp/mine.txt && sleep 600'" };
    await right([{ sub: 'run', options: iso }], /step 2 of 5$/);
    await right([{ sub: 'exec', options: { container: 'iso', args: 'ps' } }], /step 3 of 5$/);
    await right([{ sub: 'exec', options: { container: 'iso', args: 'cat /proc/net/dev' } }], /step 4 of 5$/);
    await right([{ sub: 'run', options: { name: 'peek', image: 'busybox', args: 'cat /tmp/mine.txt' } }], /step 5 of 5$/);
    await right([{ sub: 'rm', options: { container: 'iso peek', force: true } }], /finished lab 6: Isolation/);
  });

  it('lab 7: scaling within the quota of running containers', async () => {
    await start(7, /step 1 of 5$/);
    await right([{ sub: 'run', options: { detach: true, name: 'web1', image: 'web' } }], /step 2 of 5$/);
    // box (lab 3), site (lab 5) and web1 fill the default quota of three: box makes room for web2.
    const web2 = { sub: 'run', options: { detach: true, name: 'web2', image: 'web' } };
    await right([{ sub: 'rm', options: { container: 'box', force: true } }, web2], /step 3 of 5$/);
    await right([{ sub: 'curl', options: { container: 'web2', path: '/' } }], /step 4 of 5$/);
    await right([{ sub: 'explain', options: { what: 'scaling' } }], /step 5 of 5$/);
    const done = await right([{ sub: 'rm', options: { container: 'web1 web2', force: true } }], /finished lab 7: Scaling/);
    expect(done.buttons).toEqual([]);
    const table = await learner.type({ sub: 'learn', options: { action: 'progress' } });
    expect(table.body).toMatch(/^user0001\s+-\s+✔\s+✔\s+✔\s+✔\s+✔\s+✔$/m);
  });
});
