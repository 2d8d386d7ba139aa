import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../../src/errors.js';
import { parseCommand } from '../../../src/core/parse.js';
import { flagBool, flagList, flagString } from '../../../src/core/parse-flags.js';
import type { RunArgs } from '../../../src/policy/run-plan.js';
import { ALICE, testEnv } from '../../helpers/settings.js';

const parse = (text: string, admin = false) => parseCommand(text, testEnv({ ...ALICE, admin }));

/** The refusal a line gets. */
function refusal(text: string): UserError {
  try {
    parse(text);
  } catch (error) {
    if (isUserError(error)) return error as UserError;
    throw error;
  }
  throw new Error(`${text} was not refused`);
}

describe('parseCommand', () => {
  it('resolves the whalesay alias: run whalesay boo is docker/whalesay cowsay boo', () => {
    const c = parse('/docker run whalesay boo');
    expect(c.definition.name).toBe('run');
    expect(c.args).toMatchObject({ image: 'docker/whalesay:latest', cmd: ['cowsay', 'boo'] });
  });
  it('does not repeat the alias command when it was typed', () => {
    expect(parse('run whalesay cowsay boo').args).toMatchObject({ cmd: ['cowsay', 'boo'] });
  });
  it('gives everything after the image to the container, flags included', () => {
    const c = parse('run --rm busybox ls -la --privileged');
    const args = c.args as RunArgs;
    expect(args.cmd).toEqual(['ls', '-la', '--privileged']);
    expect(flagBool(args.flags, 'rm')).toBe(true);
    expect(flagBool(args.flags, 'privileged')).toBe(false);
  });
  it('reads --flag=value, --flag value, -f value, -fvalue and clusters', () => {
    const args = parse('run -d --name=web -e A=1 -eB=2 --env C=3 -m 64m busybox').args as RunArgs;
    expect(flagBool(args.flags, 'detach')).toBe(true);
    expect(flagString(args.flags, 'name')).toBe('web');
    expect(flagList(args.flags, 'env')).toEqual(['A=1', 'B=2', 'C=3']);
    expect(flagString(args.flags, 'memory')).toBe('64m');
    const cluster = parse('run -dit busybox').args as RunArgs;
    expect(['detach', 'interactive', 'tty'].map((f) => flagBool(cluster.flags, f))).toEqual([true, true, true]);
  });
  it('knows both spellings from the notes', () => {
    expect(parse('docker image pull docker/whalesay:latest').definition.name).toBe('pull');
    expect(parse('pull docker/whalesay:latest').definition.name).toBe('pull');
    expect(parse('container run --name whalesay docker/whalesay:latest cowsay boo').definition.name).toBe('run');
    expect(parse('container ps -a').definition.name).toBe('ps');
    expect(parse('image ls').definition.name).toBe('images');
    expect(parse('image rm docker/whalesay', true).definition.name).toBe('rmi'); // an admin's: rmi is for admins
  });
  it('lets flags stand after arguments where the Docker CLI does', () => {
    expect(parse('rm web -f').args).toEqual({ containers: ['web'], force: true });
  });
  it('names an unknown flag', () => {
    expect(() => parse('run --bogus busybox')).toThrow('unknown flag: --bogus');
    expect(() => parse('ps -z')).toThrow('unknown flag: -z');
  });
  it('says when a flag lacks its value', () => {
    expect(() => parse('run busybox --name')).not.toThrow(); // after the image it is the container's
    expect(() => parse('run --name')).toThrow('flag needs an argument: --name');
  });
  it('suggests the nearest command for a typo', () => {
    expect(() => parse('rnu busybox')).toThrow(/"rnu" is not a \/docker command/);
    try {
      parse('rnu busybox');
    } catch (error) {
      expect((error as { hint(l: string): string }).hint('en')).toContain('`run`');
    }
  });
  it('turns --help into help for the command', () => {
    const c = parse('run --help');
    expect(c.definition.name).toBe('help');
    expect(c.args).toEqual({ topic: 'run' });
  });
  it('treats an empty line as help', () => {
    expect(parse('/docker').definition.name).toBe('help');
  });
  it('refuses hidden characters and over-long input', () => {
    expect(() => parse('run busy\u200bbox')).toThrow(/invisible character \(U\+200B\)/);
    expect(() => parse('run busybox \u202eevil')).toThrow(/U\+202E/);
    expect(() => parse(`run busybox echo ${'x'.repeat(3000)}`)).toThrow(/most accepted is 2000/);
  });
  it("refuses a flag by the command's own rules, one way for every command, in the reader's language", () => {
    const stats = refusal('stats --format json');
    expect(stats.code).toBe('refused-flag');
    expect(stats.text('en')).toBe('--format is refused: output is always the table.');
    expect(stats.text('ko')).toBe('--format 플래그는 쓸 수 없습니다. 이유: 출력은 언제나 표로 보여 준다.');
    expect(stats.hint('en')).toContain('`/docker explain stats`');
    const run = refusal('run --privileged busybox');
    expect(run.text('en')).toBe(
      '--privileged is refused: a privileged container has every capability and all host devices: it owns the host.',
    );
    expect(run.hint('ko')).toContain('`/docker explain run`');
    // run refuses by default what it does not list; other commands use what they do not list.
    expect(refusal('run --add-host a:1.2.3.4 busybox').text('en')).toMatch(/^--add-host is refused: Stevedore does not offer this flag/);
    expect(parse('rm -v web').definition.name).toBe('rm');
  });
  it('says its errors in Korean too', () => {
    expect(refusal('rnu busybox').text('ko')).toBe('/docker에는 "rnu" 명령이 없습니다.');
    expect(refusal('rnu busybox').hint('ko')).toBe(
      '`run`, `rm`, `rmi` 중 하나를 찾으셨나요? 전체 목록은 `/docker help`에서 볼 수 있습니다.',
    );
    expect(refusal('logs').text('ko')).toBe('"logs" 명령에는 컨테이너를 적어야 합니다.');
    expect(refusal('logs').hint('en')).toBe('Write /docker logs CONTAINER.');
    expect(refusal('run -m lots busybox').hint('ko')).toContain('64m');
  });
  it('checks values by type', () => {
    expect(() => parse('run -m lots busybox')).toThrow(/not a size/);
    expect(() => parse('run --cpus two busybox')).toThrow(/takes a number/);
    expect(() => parse('run --pids-limit 1.5 busybox')).toThrow(/whole number/);
  });
});
