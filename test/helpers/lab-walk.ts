import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TerminalAdapter } from '../../src/adapters/terminal/terminal-adapter.js';
import type { Reply } from '../../src/core/reply.js';
import type { TestStack } from './test-stack.js';

/** The policy lab walks run under in these channels: the commands the labs teach, the default quotas but for the rate. */
export function labPolicy(channels: string[]): string {
  return [
    'channels:',
    ...channels.flatMap((c) => [`  - channel: "${c}"`, '    commands: [read, run, rm, cp, exec, volume, pull, learn, explain]']),
    'quotas: { commandsPerMinute: 1000 }',
    '',
  ].join('\n');
}

/** The lab policy on the terminal. */
export const LAB_POLICY = labPolicy(['terminal:*']);

/** What a learner sees of a reply, on any platform: its title (without a status mark) and its text. */
export interface Seen {
  title: string;
  body?: string;
}

/** A learner on one platform: types a command as that platform takes it, and sees its final reply. */
export interface Learner<C, S extends Seen> {
  type(command: C): Promise<S>;
  learn(): Promise<S>;
}

/** A local file for `cp` to take in, named after the test's deployment. */
export function localFile(t: TestStack, name: string, content: string): string {
  const path = join(tmpdir(), `${t.config.deployment}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** Types a command and returns its final reply. */
export function typed(user: TerminalAdapter, text: string): Promise<Reply> {
  return user.submit(text);
}

/** A wrong attempt: the check is not met and says what differs. */
export async function wrong(user: TerminalAdapter, attempt: string[], differs: RegExp): Promise<void> {
  for (const line of attempt) await typed(user, line);
  const check = await typed(user, 'learn check');
  expect(check.status, JSON.stringify(check)).toBe('failed');
  expect(check.title).toMatch(/^Not yet: lab \d, step \d/);
  expect(check.body, JSON.stringify(check)).toMatch(differs);
  expect(check.fields?.[0]?.name).toBe('Hint');
}

/** The right attempt: the check is met, and the next step (or the lab's end) is shown. */
export function right(user: TerminalAdapter, attempt: string[], next: RegExp): Promise<Reply> {
  return rightOn({ type: (line: string) => typed(user, line), learn: () => typed(user, 'learn') }, attempt, next);
}

/** The right attempt on any platform: the commands typed as it takes them, then `learn` shows what comes next. */
export async function rightOn<C, S extends Seen>(learner: Learner<C, S>, attempt: C[], next: RegExp): Promise<S> {
  for (const command of attempt) await learner.type(command);
  const check = await learner.learn();
  expect(check.title, JSON.stringify(check)).toMatch(next);
  return check;
}
