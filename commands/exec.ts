import { UserError } from '../src/errors.js';
import { joinArgv } from '../src/core/argv.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { flagList, flagString } from '../src/core/parse-flags.js';
import { formatBinaryBytes } from '../src/core/units.js';
import { ownContainers } from './shared/containers.js';
import { needArgs } from './shared/need-args.js';
import { streamOutput } from './shared/stream-output.js';

export const exec = defineCommand<{ container: string; cmd: string[]; user?: string; env: string[] }>({
  name: 'exec',
  aliases: ['container exec'],
  summary: {
    en: 'Run a command in one of your running containers (no input, timed, output capped)',
    ko: '실행 중인 내 컨테이너 안에서 명령을 실행한다 (입력 없음, 시간 제한, 출력 한도)',
  },
  usage: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  flags: [
    { long: 'detach', short: 'd', type: 'bool', en: 'Detached mode: run command in the background', ko: '백그라운드에서 명령을 실행한다' },
    {
      long: 'detach-keys',
      type: 'string',
      en: 'Override the key sequence for detaching a container',
      ko: '컨테이너에서 빠져나오는 키 조합을 바꾼다',
    },
    { long: 'env', short: 'e', type: 'list', en: 'Set environment variables', ko: '환경 변수를 설정한다' },
    { long: 'env-file', type: 'list', en: 'Read in a file of environment variables', ko: '파일에서 환경 변수를 읽어 온다' },
    {
      long: 'interactive',
      short: 'i',
      type: 'bool',
      en: 'Keep STDIN open even if not attached',
      ko: '연결하지 않아도 표준 입력을 열어 둔다',
    },
    { long: 'privileged', type: 'bool', en: 'Give extended privileges to the command', ko: '명령에 확장 권한을 준다' },
    { long: 'tty', short: 't', type: 'bool', en: 'Allocate a pseudo-TTY', ko: '가상 터미널(TTY)을 할당한다' },
    { long: 'user', short: 'u', type: 'string', en: 'Username or UID (format: "<name|uid>[:<group|gid>]")', ko: '사용자 이름 또는 UID' },
    { long: 'workdir', short: 'w', type: 'string', en: 'Working directory inside the container', ko: '컨테이너 안의 작업 디렉터리' },
  ],
  flagRules: {
    detach: {
      verdict: 'refused',
      why: {
        en: 'chat waits for the output; use run -d for background work.',
        ko: '채팅은 출력을 기다린다. 백그라운드 작업에는 run -d를 쓴다.',
      },
    },
    'detach-keys': { verdict: 'refused', why: { en: 'chat cannot attach.', ko: '채팅에서는 컨테이너에 연결할 수 없다.' } },
    'env-file': { verdict: 'refused', why: { en: 'it would read a file on the sandbox host.', ko: '샌드박스 호스트의 파일을 읽게 된다.' } },
    privileged: { verdict: 'refused', why: { en: 'a privileged command owns the host.', ko: 'privileged 명령은 호스트를 장악한다.' } },
    workdir: {
      verdict: 'refused',
      why: { en: "commands run in the image's working directory.", ko: '명령은 이미지에 정해진 작업 디렉터리에서 실행된다.' },
    },
  },
  positionals: [
    { name: 'container', required: true, en: 'Container name or ID (yours, running)', ko: '컨테이너 이름 또는 ID (내 것, 실행 중)' },
    { name: 'command', required: true, variadic: true, en: 'The command and its arguments', ko: '실행할 명령과 인자' },
  ],
  interspersed: false,
  access: 'write',
  runsOn: 'worker',
  build(parsed, env) {
    const [container, ...cmd] = needArgs(parsed, 'exec', 'containerCommand', 2);
    const user = flagString(parsed, 'user') ?? env.settings.user;
    if (!/^[1-9]\d*(:[1-9]\d*)?$/.test(user)) throw new UserError('refused-flag', msg('exec.user', { user }));
    return { container: container!, cmd, user, env: flagList(parsed, 'env') };
  },
  targets: (args) => ({ containers: [args.container] }),
  async execute(ctx) {
    const [target] = await ownContainers(ctx, [ctx.args.container]);
    if (target!.state !== 'running')
      throw new UserError(
        'conflict',
        msg('container.notRunning', { name: target!.name }),
        msg('container.notRunning.hint', { name: target!.name }),
      );
    const stream = streamOutput(ctx, target!.name);
    // The message its output is streamed into says it runs first.
    if (stream.onOutput) await ctx.progress({ stage: 'running', detail: target!.name });
    const result = await ctx.sandbox
      .exec(target!.id, ctx.args.cmd, {
        user: ctx.args.user!,
        env: ctx.args.env,
        timeoutMs: ctx.settings.runTimeout,
        outputBytes: ctx.settings.outputLimit,
        onOutput: stream.onOutput,
      })
      .finally(() => stream.done());
    const notes = [
      result.timedOut
        ? say(msg('exec.deadline', { seconds: Math.round(ctx.settings.runTimeout / 1000), name: target!.name }), ctx.lang)
        : '',
      result.truncated ? say(msg('exec.outputCut', { size: formatBinaryBytes(ctx.settings.outputLimit) }), ctx.lang) : '',
    ].filter(Boolean);
    return {
      status: result.exitCode === 0 ? 'ok' : 'failed',
      title: `${target!.name}: ${joinArgv(ctx.args.cmd)}`.slice(0, 200),
      body: notes.join(' ') || undefined,
      code: { text: result.output, truncated: result.truncated },
      exitCode: result.exitCode,
      fields: [{ name: say('field.exitCode', ctx.lang), value: String(result.exitCode) }],
    };
  },
});
