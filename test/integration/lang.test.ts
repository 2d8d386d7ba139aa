import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/test-stack.js';

/** The language of replies comes from the user: the platform's locale, else their own choice, else the default. */
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ worker: false, policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\n' });
});
afterAll(() => t?.close());

const title = async (text: string, who = t.alice) => {
  const answer = await who.send(text);
  return answer.kind === 'reply' ? answer.reply.title : `queued #${answer.queued.jobId}`;
};

describe('/docker lang', () => {
  it('switches one user to Korean, and leaves the others in the default language', async () => {
    expect(await title('/docker lang')).toBe('Your replies are in English.');
    expect(await title('/docker lang ko')).toBe('이제부터 답변은 한국어로 합니다.');
    expect(await title('/docker lang')).toBe('지금 답변 언어는 한국어입니다.');
    expect(await title('/docker cleanup')).toBe('/docker cleanup 명령은 관리자만 쓸 수 있습니다.');
    expect(await title('/docker cleanup', t.bob)).toBe('/docker cleanup is for admins.');
    expect(await title('/docker lang en')).toBe('From now on your replies are in English.');
  });

  it('refuses a language it does not speak, and changes nothing', async () => {
    expect(await title('/docker lang fr')).toBe('"fr" is not a language Stevedore speaks.');
    expect(await title('/docker lang')).toBe('Your replies are in English.');
  });

  it('starts in DEFAULT_LANG for users who chose none', async () => {
    const ko = await startTestStack({
      worker: false,
      env: { DEFAULT_LANG: 'ko' },
      policy: 'channels: [{ channel: "terminal:*", commands: [all] }]\n',
    });
    try {
      expect(await title('/docker lang', ko.alice)).toBe('지금 답변 언어는 한국어입니다.');
    } finally {
      await ko.close();
    }
  });
});
