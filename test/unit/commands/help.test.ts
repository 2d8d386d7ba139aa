import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import type { ExecContext } from '../../../src/core/command.js';
import type { Lang } from '../../../src/core/flag-spec.js';

/** help runs on the bot and needs only the registry and the reader's language. */
const helpIn = (lang: Lang, topic?: string) =>
  commands.get('help')!.execute({ args: { topic }, lang, registry: commands } as unknown as ExecContext<{ topic?: string }>);

describe('help', () => {
  it('lists the commands in Korean for a Korean reader: title, prose, its own columns and fields', async () => {
    const reply = await helpIn('ko');
    expect(reply.title).toBe('/docker 명령');
    expect(reply.body).toMatch(/^예: `\/docker run whalesay boo`\./);
    expect(reply.code!.text.split('\n')[0]!.split(/\s{3,}/)).toEqual(['명령', '설명']);
    expect(reply.code!.text).toContain('이미지로 새 컨테이너를 만들어 실행한다');
    expect(reply.fields![0]!.name).toBe('이미지 별칭');
  });

  it('shows one command with its usage, other names and options in the reader’s language', async () => {
    const ko = await helpIn('ko', 'logs');
    expect(ko.code!.text).toMatch(/^사용법: {2}\/docker logs \[OPTIONS\] CONTAINER/);
    expect(ko.code!.text).toContain('다른 이름: /docker container logs');
    expect(ko.code!.text).toContain('옵션:');
    const en = await helpIn('en', 'run');
    expect(en.code!.text).toMatch(/^Usage: {2}\/docker run/);
    expect(en.body).toBe('`/docker explain run` shows what Stevedore does with each flag.');
  });
});
