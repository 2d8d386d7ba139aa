import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TerminalAdapter } from '../../src/adapters/terminal/terminal-adapter.js';
import type { Reply } from '../../src/core/reply.js';
import type { TestStack } from './test-stack.js';

/** The policy lab walks run under: the commands the labs teach, the default quotas but for the rate. */
export const LAB_POLICY = [
  'channels:',
  '  - channel: "terminal:*"',
  '    commands: [read, run, rm, cp, exec, volume, pull, learn, explain]',
  'quotas: { commandsPerMinute: 1000 }',
  '',
].join('\n');

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
export async function right(user: TerminalAdapter, attempt: string[], next: RegExp): Promise<Reply> {
  for (const line of attempt) await typed(user, line);
  const check = await typed(user, 'learn');
  expect(check.status === 'failed' ? JSON.stringify(check) : check.title).toMatch(next);
  return check;
}
