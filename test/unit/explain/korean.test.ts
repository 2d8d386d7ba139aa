import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examples } from '../../../bench/explain-corpus.js';
import { explain } from '../../../commands/explain.js';
import type { ExecContext } from '../../../src/core/command.js';
import { MESSAGES, type MessageId } from '../../../src/core/messages/index.js';
import type { Reply } from '../../../src/core/reply.js';
import { allCommands, commandKo, flagKo } from '../../../src/explain/cli/reference.js';
import { CONCEPTS, findConcept } from '../../../src/explain/concepts.js';
import { testEnv } from '../../helpers/settings.js';

/** Parameters that fill any message: every field reads `x`. */
const ANY = new Proxy({}, { get: () => 'x' });
const koOf = (id: MessageId): string => {
  const ko = MESSAGES[id].ko as string | ((p: unknown) => string);
  return typeof ko === 'function' ? ko(ANY) : ko;
};
const explainIds = (Object.keys(MESSAGES) as MessageId[]).filter((id) => id.startsWith('explain.'));

/** Every Korean text explain can show: its catalogue entries, the concepts, the CLI's commands and flags. */
const koreanTexts = (): [string, string][] => [
  ...explainIds.map((id): [string, string] => [id, koOf(id)]),
  ...CONCEPTS.flatMap((c) => [
    [`concept ${c.id}`, c.title.ko] as [string, string],
    ...c.points.ko.map((p, i): [string, string] => [`concept ${c.id} ${i}`, p]),
  ]),
  ...allCommands().flatMap((c) => [
    [c.path, commandKo(c)] as [string, string],
    ...c.flags.map((f): [string, string] => [`${c.path} --${f.long}`, flagKo(c, f)]),
  ]),
];

/** The one glossary: a word to avoid, and why (the word to use instead). */
const GLOSSARY: [RegExp, string][] = [
  [/레포지[토터]리|리포지[토터]리|레포(?![가-힣])/, '저장소 for repository'],
  [/레지스터리/, '레지스트리'],
  [/도커허브|Docker Hub|docker hub/, '도커 허브'],
  [/콘테이너|컨테이나/, '컨테이너'],
  [/이메지/, '이미지'],
  [/볼룸|볼루메/, '볼륨'],
  [/테그/, '태그'],
];

/** Four English words in a row, once code, commands, flags and paths are taken out. */
function englishSentence(line: string): string | undefined {
  const prose = line
    .replace(/`[^`]*`/g, ' ')
    .replace(/\/docker [^\s,)]*( [^\s,)가-힣]*)*/g, ' ')
    .replace(/(^|\s)-{1,2}[\w-]+/g, ' ')
    .replace(/\S*[/:=@{}$.]\S*/g, ' ');
  return /[A-Za-z]{3,}(\s+[A-Za-z]{2,}){3,}/.exec(prose)?.[0];
}

/** The lines of a reply a reader reads as prose: meanings, notes, reasons; not what was typed, nor code. */
function proseLines(reply: Reply): string[] {
  const title = reply.title?.replace(/^설명: .*/, '') ?? '';
  const code = (reply.code?.text ?? '').split('\n').filter((l) => l.startsWith('    '));
  const fields = (reply.fields ?? []).filter((f) => f.name !== '정식 형태' && f.name !== '엔진 API 호출' && f.name !== '해 보기');
  return [title, reply.body ?? '', ...code, ...fields.flatMap((f) => [f.name, ...f.value.split('\n')])].filter(Boolean);
}

async function ask(line: string, lang: 'en' | 'ko'): Promise<Reply> {
  const env = testEnv();
  const ctx = { ...env, args: { words: line.split(/\s+/).filter(Boolean), lang }, argv: [], lang } as unknown as ExecContext<{
    words: string[];
    lang?: 'en' | 'ko';
  }>;
  return explain.execute(ctx);
}

describe('explain in Korean', () => {
  it('has Korean (Hangul) for every entry of its catalogue', () => {
    expect(explainIds.length).toBeGreaterThan(90);
    const bare = explainIds.filter((id) => !/[가-힣]/.test(koOf(id)) && !/^[A-Z /]*$|^\(.*\)$/.test(MESSAGES[id].en as string));
    expect(bare).toEqual([]);
  });

  it('keeps one glossary in every Korean text it can show', () => {
    const texts = koreanTexts();
    expect(texts.length).toBeGreaterThan(1000);
    const slips = texts.flatMap(([where, text]) =>
      GLOSSARY.filter(([bad]) => bad.test(text)).map(([, use]) => `${where}: "${text}" (use ${use})`),
    );
    // 도커 허브 is written beside docker.io, so the reader knows which registry is meant.
    const hub = texts.filter(([, text]) => text.includes('도커 허브') && !text.includes('docker.io')).map(([where]) => where);
    expect([...slips, ...hub]).toEqual([]);
  });

  it('finds concepts by Korean and English synonyms and questions', () => {
    const asked: Record<string, string> = {
      '이미지와 컨테이너 차이': 'image-vs-container',
      'what is the difference between an image and a container?': 'image-vs-container',
      'VM vs container': 'vm',
      'vm과 컨테이너의 차이': 'vm',
      포트: 'port',
      '바인드 마운트': 'mount',
      레이어: 'layer',
      '로드 밸런싱': 'scaling',
      로드밸런싱: 'scaling',
      '리눅스 컨테이너': 'container',
      '컨테이너란?': 'container',
      'what is a volume?': 'volume',
      'Docker Hub': 'registry',
      레포지토리: 'repository',
      네트워크: 'network',
      Dockerfile: 'dockerfile',
      '도커 컴포즈': 'compose',
    };
    expect(Object.fromEntries(Object.keys(asked).map((q) => [q, findConcept(q)?.id]))).toEqual(asked);
    for (const notConcept of ['nginx', 'run', 'ps -a', 'hello world', 'contianer ls'])
      expect(findConcept(notConcept), notConcept).toBeUndefined();
  });

  it('answers a question as its concept, and a management command alone as its concept', async () => {
    expect((await ask('container vs image', 'ko')).title).toBe('설명: 이미지와 컨테이너의 차이');
    expect((await ask('VM vs container', 'en')).title).toBe('Explain: Containers and virtual machines');
    expect((await ask('network', 'ko')).title).toBe('설명: 네트워크');
    expect((await ask('images', 'en')).title).toMatch(/^Explain: \/docker images — /);
  });

  it('writes no English sentence in a Korean answer to any tldr example (commands, flags, names and code aside)', async () => {
    const dir = new URL('../../data/tldr/ko/', import.meta.url);
    const lines = readdirSync(dir).flatMap((f) => examples(readFileSync(new URL(f, dir), 'utf8')));
    expect(lines.length).toBeGreaterThan(500);
    const english: string[] = [];
    for (const line of lines) {
      const reply = await ask(line.replace(/^docker-/, 'docker '), 'ko');
      for (const l of proseLines(reply)) {
        const found = englishSentence(l);
        if (found) english.push(`${line} → ${l}`);
      }
    }
    expect([...new Set(english)]).toEqual([]);
    // The same reading finds the English of an English answer: the check can fail.
    const en = proseLines(await ask('run --rm -p 80:80 nginx', 'en'))
      .map(englishSentence)
      .filter(Boolean);
    expect(en.length).toBeGreaterThan(2);
  });
});
