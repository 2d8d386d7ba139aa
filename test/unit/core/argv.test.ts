import { describe, expect, it } from 'vitest';
import { joinArgv, splitArgv } from '../../../src/core/argv.js';

describe('splitArgv', () => {
  it('splits on white space', () => {
    expect(splitArgv('run  whalesay\tboo ')).toEqual(['run', 'whalesay', 'boo']);
  });
  it('keeps single-quoted text literal', () => {
    expect(splitArgv(`echo 'a "b" $HOME \\n'`)).toEqual(['echo', 'a "b" $HOME \\n']);
  });
  it('honours escapes inside double quotes only for " \\ $ `', () => {
    expect(splitArgv('echo "say \\"hi\\" \\$x \\n"')).toEqual(['echo', 'say "hi" $x \\n']);
  });
  it('joins adjacent quoted parts into one word', () => {
    expect(splitArgv(`--name='my'"web"x`)).toEqual(['--name=mywebx']);
  });
  it('keeps empty quoted words', () => {
    expect(splitArgv(`echo '' ""`)).toEqual(['echo', '', '']);
  });
  it('never interprets shell syntax', () => {
    expect(splitArgv('echo hi; rm -rf / && $(id) | cat > x')).toEqual([
      'echo',
      'hi;',
      'rm',
      '-rf',
      '/',
      '&&',
      '$(id)',
      '|',
      'cat',
      '>',
      'x',
    ]);
  });
  it('escapes a character with a backslash outside quotes', () => {
    expect(splitArgv('echo a\\ b \\$HOME')).toEqual(['echo', 'a b', '$HOME']);
  });
  it('refuses an unclosed quote, naming it', () => {
    expect(() => splitArgv(`echo 'oops`)).toThrow(/' quote is never closed/);
    expect(() => splitArgv(`echo "oops`)).toThrow(/" quote is never closed/);
  });
  it('round-trips through joinArgv', () => {
    const args = ['sh', '-c', `echo "it's" $HOME; exit 3`, '', 'plain'];
    expect(splitArgv(joinArgv(args))).toEqual(args);
  });
});
