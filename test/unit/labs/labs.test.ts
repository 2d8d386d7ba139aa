import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { isUserError } from '../../../src/errors.js';
import { parseCommand } from '../../../src/core/parse.js';
import type { Requester } from '../../../src/core/request.js';
import { LABS, labProblems, type Lab } from '../../../src/labs/index.js';
import { entriesOf, tarNames } from '../../../src/labs/engine-reads.js';
import { exitMeaning } from '../../../src/labs/checks.js';
import { say } from '../../../src/core/messages/index.js';
import { isolatedConfig } from '../../helpers/test-stack.js';

const settings = isolatedConfig();
const who: Requester = { platform: 'terminal', userId: 'alice', channelId: 'main', admin: false };

describe('the labs', () => {
  it('are valid: numbered in order, text in both languages, every check well formed', () => {
    expect(labProblems(LABS)).toEqual([]);
    expect(LABS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('teach commands Stevedore understands: every step’s command parses as typed (or is refused as its step expects)', () => {
    const unparsed: string[] = [];
    for (const lab of LABS)
      for (const step of lab.steps)
        for (const command of [step.command, step.noFiles?.command ?? step.command]) {
          try {
            parseCommand(command, { who, settings, registry: commands });
          } catch (error) {
            // A step met by its answer (image rm on a shared sandbox) may be refused, as long as it is understood.
            const answered = step.checks.some((c) => c.kind === 'asked' && !c.succeeded);
            if (answered && isUserError(error) && error.code === 'forbidden') continue;
            unparsed.push(`lab ${lab.number} ${step.id}: ${(error as Error).message}`);
          }
        }
    expect(unparsed).toEqual([]);
  });

  it('name only commands that exist in their asked checks', () => {
    const names = LABS.flatMap((l) => l.steps.flatMap((s) => s.checks.flatMap((c) => (c.kind === 'asked' ? [c.command] : []))));
    expect(names.filter((n) => !commands.get(n))).toEqual([]);
  });

  it('find a bad lab: a container reset would leave, a missing Korean text, a number out of order', () => {
    const bad: Lab = {
      ...LABS[0]!,
      number: 3,
      containers: [],
      title: { en: 'First', ko: 'First' },
    };
    const problems = labProblems([bad]);
    expect(problems).toContain('lab 3 (first-container): numbered 3, expected 1');
    expect(problems).toContain('lab 3 (first-container) title: the Korean text is not Korean');
    expect(problems.some((p) => /container whalesay is not in the lab's containers/.test(p))).toBe(true);
    const noWay = labProblems([{ ...LABS[0]!, steps: [{ ...LABS[0]!.steps[0]!, file: { name: 'a.txt', content: 'a' } }] }]);
    expect(noWay).toEqual(['lab 1 (first-container) step 1 (run): takes a file in, with no way where commands carry no file']);
  });
});

describe('engine reads', () => {
  /** A tar entry header as the engine writes it (ustar). */
  const entry = (name: string, body = '') => {
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write(body.length.toString(8).padStart(11, '0'), 124);
    header.write(body ? '0' : '5', 156);
    header.write('ustar', 257);
    const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
    data.write(body);
    return Buffer.concat([header, data]);
  };

  it('lists what a directory archive holds, one level down', () => {
    const tar = Buffer.concat([
      entry('files/'),
      entry('files/a.txt', 'a'),
      entry('files/sub/'),
      entry('files/sub/b.txt', 'bb'),
      Buffer.alloc(1024),
    ]);
    expect(tarNames(tar)).toEqual(['files/', 'files/a.txt', 'files/sub/', 'files/sub/b.txt']);
    expect(entriesOf(tar)).toEqual(['a.txt', 'sub']);
  });

  it('says what an exit code means, in both languages', () => {
    expect(say(exitMeaning(127), 'en')).toMatch(/not found/);
    expect(say(exitMeaning(127), 'ko')).toMatch(/찾지 못했습니다/);
    expect(say(exitMeaning(130), 'en')).toBe('It ended on signal 2.');
  });
});
