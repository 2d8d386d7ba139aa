import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { msg } from '../../../src/core/messages/index.js';
import { errorReply } from '../../../src/pipeline/error-reply.js';

describe('errorReply', () => {
  it("shows a user's error in the reader's language, with what to do, to the asker only", () => {
    const error = new UserError('not-found', msg('owner.notFound', { reference: 'web' }), msg('owner.notFound.hint'));
    expect(errorReply(error, 'en')).toEqual({
      status: 'error',
      title: 'No container of yours is named or has the ID "web".',
      body: '`/docker ps -a` lists your containers.',
      ephemeral: true,
    });
    expect(errorReply(error, 'ko')).toEqual({
      status: 'error',
      title: '이름이나 ID가 "web"인 내 컨테이너가 없습니다.',
      body: '내 컨테이너 목록은 `/docker ps -a`에서 볼 수 있습니다.',
      ephemeral: true,
    });
  });

  it('marks refusals as refused: a refused flag, an image off the allowlist, something not yours', () => {
    for (const code of ['refused-flag', 'image-not-allowed', 'forbidden'] as const) {
      expect(errorReply(new UserError(code, msg('mount.noSource')), 'en').status, code).toBe('refused');
    }
    expect(errorReply(new UserError('bad-value', msg('run.pidsMin')), 'en')).toMatchObject({ status: 'error', body: undefined });
  });

  it('answers a fault of ours with one generic line, naming the job, and never its message', () => {
    const reply = errorReply(new Error('ECONNRESET at 10.0.0.3:2375 with secret token'), 'en', '42');
    expect(reply).toEqual({
      status: 'error',
      title: 'Something went wrong on our side',
      body: 'The command did not complete (job #42). It has been logged; try again in a moment.',
      ephemeral: true,
    });
    expect(JSON.stringify(errorReply(new Error('secret'), 'ko'))).not.toContain('secret');
    expect(errorReply(new Error('x'), 'ko').title).toBe('서버 쪽에서 문제가 생겼습니다');
  });
});
