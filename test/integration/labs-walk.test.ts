import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_POLICY, localFile, right, typed, wrong } from '../helpers/lab-walk.js';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/**
 * Labs 1–4 walked from start to finish through the terminal adapter on the real engine: each step is first done
 * wrong (the check names what differs), then as the notes teach it. `image rm` is not allowed in this channel, as
 * a shared sandbox protects its images: that answer meets its step. Labs 5–7: labs-walk-5-7.test.ts.
 */
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ policy: LAB_POLICY });
});
afterAll(() => t?.close());

describe('labs 1–4, from start to finish', () => {
  it('lists the labs in the notes’ order, none started', async () => {
    const list = await typed(t.alice, 'learn');
    expect(list.title).toBe('Labs');
    const rows = list.code!.text.split('\n').slice(1);
    expect(
      rows.map((r) =>
        r
          .split(/\s{3,}/)
          .slice(0, 2)
          .join(' | '),
      ),
    ).toEqual([
      '1 | The first container',
      '2 | Images and registries',
      '3 | Files in and out with cp',
      '4 | Volumes: data that outlives its container',
      '5 | A web server in a container',
      '6 | Isolation: what a container can and cannot see',
      '7 | Scaling: several containers from one image',
    ]);
    expect(rows.every((r) => r.trimEnd().endsWith('-'))).toBe(true);
  });

  it('lab 1: the first container', async () => {
    const first = await typed(t.alice, 'learn 1');
    expect(first.title).toBe('Lab 1 · The first container: step 1 of 3');
    expect(first.code!.text).toBe('/docker run --name whalesay docker/whalesay:latest cowsay boo');
    expect(first.fields!.map((f) => f.name)).toEqual(['Why', 'Then']);
    await wrong(
      t.alice,
      ['run --name whalesay docker/whalesay:latest cowsy boo'],
      /exited with 127, not 0\.\nExit code 127: the command was not found/,
    );
    await right(
      t.alice,
      ['rm whalesay', 'run --name whalesay docker/whalesay:latest cowsay boo'],
      /^Lab 1 · The first container: step 2 of 3$/,
    );
    await wrong(t.alice, ['ps'], /You typed "ps" without -a \/ --all\./);
    await right(t.alice, ['ps -a'], /step 3 of 3$/);
    await wrong(t.alice, ['rm whalesy'], /Your container whalesay is still there/);
    const done = await right(t.alice, ['rm whalesay'], /^alice finished lab 1: The first container$/);
    expect(done.status).toBe('ok');
    expect(done.fields![0]!.value).toBe('/docker learn 2 (Images and registries)');
  });

  it('lab 2: images and registries (image rm met by its refusal)', async () => {
    await typed(t.alice, 'learn 2');
    await wrong(
      t.alice,
      ['image pull docker/whalesay:lates'],
      /You asked for docker\/whalesay:lates: the tag differs from docker\/whalesay:latest\./,
    );
    await right(t.alice, ['image pull docker/whalesay:latest'], /step 2 of 4$/);
    await wrong(t.alice, ['ps -a'], /You have not run images since this step began\./);
    await right(t.alice, ['image ls'], /step 3 of 4$/);
    await wrong(
      t.alice,
      ['run --name tagged busybox echo latest'],
      /Your container tagged runs the image busybox(:latest)?, not docker\/whalesay:latest\./,
    );
    await right(t.alice, ['rm tagged', 'run --name tagged docker/whalesay cowsay latest'], /step 4 of 4$/);
    const refusedOther = await typed(t.alice, 'image rm busybox');
    expect(refusedOther.status).toBe('refused');
    await wrong(t.alice, [], /You asked for busybox, not docker\/whalesay:latest\./);
    const refused = await typed(t.alice, 'image rm docker/whalesay');
    expect(refused.status).toBe('refused'); // the shared sandbox keeps its images
    await right(t.alice, [], /^alice finished lab 2: Images and registries$/);
  });

  it('lab 3: files in and out with cp', async () => {
    await typed(t.alice, 'learn 3');
    await wrong(
      t.alice,
      ['run -d --name bx -v files:/files busybox sleep 600'],
      /no container named box; the one you just made is named bx/,
    );
    await right(t.alice, ['rm -f bx', 'run -d --name box -v files:/files busybox sleep 600'], /step 2 of 4$/);
    const note = localFile(t, 'note.txt', 'hello from the host\n');
    await wrong(t.alice, [`cp ${note} box:/files/other.txt`], /There is no file \/files\/note\.txt in box\.\n\/files holds: other\.txt/);
    await right(t.alice, [`cp ${note} box:/files/note.txt`], /step 3 of 4$/);
    await wrong(
      t.alice,
      [`exec box sh -c 'echo made outside > /files/made.txt'`],
      /\/files\/made\.txt in box does not hold "made inside"; it holds: made outside/,
    );
    await right(t.alice, [`exec box sh -c 'echo made inside > /files/made.txt'`], /step 4 of 4$/);
    await wrong(t.alice, ['cp box:/files/made.text -'], /the step asks for box:\/files\/made\.txt/);
    const out = await typed(t.alice, 'cp box:/files/made.txt -');
    expect(Buffer.from(out.files![0]!.base64, 'base64').toString()).toBe('made inside\n');
    await right(t.alice, [], /^alice finished lab 3: Files in and out with cp$/);
  });

  it('lab 4: volumes, data that outlives its container', async () => {
    await typed(t.alice, 'learn 4');
    await wrong(t.alice, ['volume create note'], /You have no volume named notes; yours: (files, note|note, files)\./);
    await right(t.alice, ['volume create notes'], /step 2 of 3$/);
    await wrong(
      t.alice,
      [`run --rm -v notes:/data busybox sh -c 'echo hello > /data/hi.txt'`],
      /There is no file \/hello\.txt in notes\.\n\/ holds: hi\.txt/,
    );
    await right(t.alice, [`run --rm -v notes:/data busybox sh -c 'echo hello > /data/hello.txt'`], /step 3 of 3$/);
    await wrong(
      t.alice,
      ['run --name reader busybox cat /data/hello.txt'],
      /exited with 1, not 0\.\nExit code 1: the command ran and failed/,
    );
    const done = await right(
      t.alice,
      ['rm reader', 'run --name reader -v notes:/data busybox cat /data/hello.txt'],
      /^alice finished lab 4/,
    );
    expect(done.body).toMatch(/Your data outlived the container that wrote it/);
    // The probes that read the volume left nothing behind.
    expect((await t.containers()).map((c) => c.Labels['stevedore.name'])).not.toContain(expect.stringMatching(/^lab-probe/));
  });

  it('shows who finished what, and where the others stand', async () => {
    await typed(t.bob, 'learn 1');
    const table = await typed(t.bob, 'learn progress');
    expect(table.title).toBe('Who finished which lab');
    const rows = table.code!.text.split('\n').map((r) => r.split(/\s{3,}/));
    expect(rows[0]).toEqual(['LEARNER', '1', '2', '3', '4', '5', '6', '7']);
    expect(rows).toContainEqual(['alice', '✔', '✔', '✔', '✔', '-', '-', '-']);
    expect(rows).toContainEqual(['bob', '1/3', '-', '-', '-', '-', '-', '-']);
    const list = await typed(t.alice, 'learn list');
    expect(list.code!.text).toMatch(/^4\s+Volumes.*finished$/m);
  });
});

describe('hint, skip and reset', () => {
  it('hint repeats the step’s hint and command; skip moves on; reset removes the lab’s objects of this learner only', async () => {
    await typed(t.bob, 'learn 4');
    const hint = await typed(t.bob, 'learn hint');
    expect(hint.title).toBe('Hint: lab 4, step 1');
    expect(hint.code!.text).toBe('/docker volume create notes');
    await typed(t.bob, 'volume create notes');
    const skipped = await typed(t.bob, 'learn skip');
    expect(skipped.title).toBe('Lab 4 · Volumes: data that outlives its container: step 2 of 3');
    expect(skipped.body).toMatch(/^Step 1 skipped\./);
    const reset = await typed(t.bob, 'learn reset');
    expect(reset.body).toMatch(/^Lab 4 starts again; removed: volume notes\./);
    expect(reset.title).toMatch(/step 1 of 3$/);
    expect((await typed(t.bob, 'volume ls')).code?.text ?? '').not.toMatch(/notes/);
    // alice's notes volume is hers, and still there.
    expect((await typed(t.alice, 'volume ls')).code!.text).toMatch(/^notes\s/m);
  });

  it('answers in Korean to a Korean learner', async () => {
    await typed(t.bob, 'lang ko');
    const step = await typed(t.bob, 'learn 1');
    expect(step.title).toBe('실습 1 · 첫 번째 컨테이너: 3단계 중 1단계');
    const miss = await typed(t.bob, 'learn check');
    expect(miss.title).toBe('아직입니다: 실습 1의 1단계');
    expect(miss.body).toBe('이름이 whalesay인 내 컨테이너가 없습니다.');
  });

  it('refuses a lab that does not exist and words it does not know', async () => {
    expect((await typed(t.alice, 'learn 9')).title).toBe('There is no lab 9; the labs are 1 to 7.');
    expect((await typed(t.alice, 'learn dance')).title).toBe('learn does not know "dance".');
  });
});
