import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackLearner, startChatStack, type ChatStack } from '../helpers/chat-walk.js';
import { labPolicy, rightOn } from '../helpers/lab-walk.js';

/**
 * Labs 2–7 finished through the real @slack/bolt app against the Slack stand-in, typed as `/docker …` text. Slack's
 * slash commands carry no files: the steps that copy one in say so and offer the way that works there (the file
 * written from inside the container), met by the same checks. Right answers only (the terminal walks try the wrong
 * ones); lab 1: labs-buttons.test.ts.
 */
let chat: ChatStack;
let learner: ReturnType<typeof slackLearner>;
beforeAll(async () => {
  chat = await startChatStack(['slack'], labPolicy);
  learner = slackLearner(chat.slack, chat.stack.slackAddress!.port);
});
afterAll(() => chat?.close());

const right = (attempt: string[], next: RegExp) => rightOn(learner, attempt, next);
const start = async (lab: number, title: RegExp) => expect((await learner.type(`learn ${lab}`)).title).toMatch(title);

describe('labs 2–7 on Slack, typed', () => {
  it('lab 2: images and registries (image rm met by its refusal)', async () => {
    await start(2, /^Lab 2 · Images and registries: step 1 of 4$/);
    await right(['image pull docker/whalesay:latest'], /step 2 of 4$/);
    await right(['image ls'], /step 3 of 4$/);
    await right(['run --name tagged docker/whalesay cowsay latest'], /step 4 of 4$/);
    // The shared sandbox keeps its images.
    expect((await learner.type('image rm docker/whalesay')).title).toMatch(
      /^docker rmi docker\/whalesay:latest would untag .* removing images is for admins\.$/,
    );
    await right([], /finished lab 2: Images and registries$/);
  });

  it('lab 3: files in and out, the file in written from inside as Slack carries none', async () => {
    await start(3, /step 1 of 4$/);
    const noFile = await right(['run -d --name box -v files:/files busybox sleep 600'], /step 2 of 4$/);
    expect(noFile.body).toMatch(/Slack slash commands carry no files, so here the file is made inside the container/);
    expect(noFile.body).toContain("/docker exec box sh -c 'echo hello from the host &gt; /files/note.txt'");
    expect(noFile.body).toContain('With cp, on the terminal or Discord:* /docker cp note.txt box:/files/note.txt');
    // In the learner's language.
    await learner.type('lang ko');
    expect((await learner.type('learn 3')).body).toContain('Slack 슬래시 명령으로는 파일을 보낼 수 없으므로');
    await learner.type('lang en');
    // The cp itself is refused with what to do instead.
    const cp = await learner.type('cp note.txt box:/files/note.txt');
    expect(cp.body).toMatch(/Slack slash commands carry no files/);
    await right(["exec box sh -c 'echo hello from the host > /files/note.txt'"], /step 3 of 4$/);
    await right(["exec box sh -c 'echo made inside > /files/made.txt'"], /step 4 of 4$/);
    const uploads = chat.slack.uploads.size;
    await learner.type('cp box:/files/made.txt -');
    expect([...chat.slack.uploads.values()].slice(uploads).map(String)).toEqual(['made inside\n']);
    await right([], /finished lab 3: Files in and out with cp$/);
  });

  it('lab 4: volumes', async () => {
    await start(4, /step 1 of 3$/);
    await right(['volume create notes'], /step 2 of 3$/);
    await right([`run --rm -v notes:/data busybox sh -c 'echo hello > /data/hello.txt'`], /step 3 of 3$/);
    await right(['run --name reader -v notes:/data busybox cat /data/hello.txt'], /finished lab 4: Volumes/);
  });

  it('lab 5: a web server, its page written from inside', async () => {
    await start(5, /step 1 of 4$/);
    const page = await right(['run -d --name site -v site:/www web'], /step 2 of 4$/);
    expect(page.body).toContain("/docker exec site sh -c 'echo our team &gt; /www/index.html'");
    await right(["exec site sh -c 'echo our team > /www/index.html'"], /step 3 of 4$/);
    await right(['curl site /index.html'], /step 4 of 4$/);
    await right(['rm -f site', 'run -d --name site -v site:/www web'], /finished lab 5: A web server in a container$/);
  });

  it('lab 6: isolation', async () => {
    await start(6, /step 1 of 5$/);
    await right([`run -d --name iso busybox sh -c 'echo mine > /tmp/mine.txt && sleep 600'`], /step 2 of 5$/);
    await right(['exec iso ps'], /step 3 of 5$/);
    await right(['exec iso cat /proc/net/dev'], /step 4 of 5$/);
    await right(['run --name peek busybox cat /tmp/mine.txt'], /step 5 of 5$/);
    await right(['rm -f iso peek'], /finished lab 6: Isolation/);
  });

  it('lab 7: scaling within the quota of running containers', async () => {
    await start(7, /step 1 of 5$/);
    await right(['run -d --name web1 web'], /step 2 of 5$/);
    // box (lab 3), site (lab 5) and web1 fill the default quota of three: box makes room for web2.
    await right(['rm -f box', 'run -d --name web2 web'], /step 3 of 5$/);
    await right(['curl web2 /'], /step 4 of 5$/);
    await right(['explain scaling'], /step 5 of 5$/);
    await right(['rm -f web1 web2'], /finished lab 7: Scaling/);
    expect((await learner.type('learn progress')).body).toMatch(/^alice\s+-\s+✔\s+✔\s+✔\s+✔\s+✔\s+✔$/m);
  });
});
