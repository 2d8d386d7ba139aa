import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { CONCEPTS, findConcept } from '../../../src/explain/concepts.js';
import { dockerHelpFlags } from '../../helpers/docker-help.js';

/** Each supported command and how the Docker CLI spells it for --help. */
const CLI: Record<string, string[]> = {
  run: ['container', 'run'],
  pull: ['image', 'pull'],
  images: ['image', 'ls'],
  ps: ['container', 'ls'],
  logs: ['container', 'logs'],
  stop: ['container', 'stop'],
  start: ['container', 'start'],
  restart: ['container', 'restart'],
  rm: ['container', 'rm'],
  rmi: ['image', 'rm'],
  inspect: ['container', 'inspect'],
};

describe('knowledge base', () => {
  it('knows every flag the installed docker CLI lists for each supported command', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [name, cli] of Object.entries(CLI)) {
      const help = dockerHelpFlags(cli);
      expect(help, `docker ${cli.join(' ')} --help`).toBeDefined();
      const known = new Set(commands.get(name)!.flags.map((f) => f.long));
      for (const flag of help!) {
        checked += 1;
        if (!known.has(flag.long)) missing.push(`${name}: --${flag.long}`);
      }
      const shorts = new Map(commands.get(name)!.flags.map((f) => [f.long, f.short]));
      for (const flag of help!)
        if (flag.short && shorts.get(flag.long) !== flag.short) missing.push(`${name}: -${flag.short} for --${flag.long}`);
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(120);
  });

  it('explains every flag in both languages', () => {
    const bare = commands.all.flatMap((c) => c.flags.filter((f) => !f.en || !f.ko).map((f) => `${c.name} --${f.long}`));
    expect(bare).toEqual([]);
  });

  it('has a concept for every keyword and section of the team notes', () => {
    const notes = readFileSync(new URL('../../../docs/notes/docker-notes.ko.md', import.meta.url), 'utf8');
    const expected = [
      '컨테이너',
      '의존 관계',
      '컨테이너 설치',
      '수평 확장',
      '이미지',
      '레지스트리',
      'vm과의 차이',
      'repository',
      'tag',
      'cp',
      'volume',
      'mount',
      '웹 서버',
      '오케스트레이션',
      '로드밸런서',
      '격리',
      '생명주기',
    ];
    for (const word of expected) expect(findConcept(word), word).toBeDefined();
    for (const heading of notes.match(/^## (.+)$/gm)!.map((h) => h.slice(3).trim().toLowerCase())) {
      if (heading === 'docker cli' || heading === '키워드') continue; // covered by the image and keyword concepts
      expect(findConcept(heading) ?? findConcept(heading.split(' ')[0]!), heading).toBeDefined();
    }
    expect(CONCEPTS.every((c) => c.points.en.length === c.points.ko.length)).toBe(true);
  });
});
