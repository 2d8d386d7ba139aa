import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import { msg, say } from '../src/core/messages/index.js';
import { flagString } from '../src/core/parse-flags.js';
import { ownContainers } from './shared/containers.js';
import { needArgs } from './shared/need-args.js';

export const curl = defineCommand<{ container: string; path: string; port: number }>({
  name: 'curl',
  aliases: [],
  summary: {
    en: 'Show what a web server in one of your containers serves, asked from inside its own network namespace',
    ko: '내 컨테이너의 웹 서버가 무엇을 응답하는지, 그 컨테이너의 네트워크 안에서 물어 보여 준다',
  },
  usage: 'curl CONTAINER [/PATH] [--port 8080]',
  flags: [
    {
      long: 'port',
      short: 'p',
      type: 'int',
      en: 'The port the server listens on inside the container (default 8080)',
      ko: '컨테이너 안에서 서버가 듣는 포트 (기본 8080)',
    },
  ],
  positionals: [
    { name: 'container', required: true, en: 'Container name or ID (yours, running)', ko: '컨테이너 이름 또는 ID (내 것, 실행 중)' },
    { name: 'path', en: 'The path to ask for (default /)', ko: '요청할 경로 (기본 /)' },
  ],
  interspersed: true,
  access: 'read',
  runsOn: 'worker',
  build(parsed) {
    const [container, path = '/'] = needArgs(parsed, 'curl', 'container');
    if (!/^\/[\w./%?=&~+-]*$/.test(path) || path.includes('..'))
      throw new UserError('bad-value', msg('curl.badPath', { path }), msg('curl.badPath.hint'));
    const port = Number(flagString(parsed, 'port') ?? 8080);
    if (!(port > 0 && port < 65536)) throw new UserError('bad-value', msg('curl.badPort', { port: String(port) }));
    return { container: container!, path, port };
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
    // The container has no network but its own loopback: the request is made from inside, with its own nc
    // (busybox's static wget crashes resolving names), as plain HTTP/1.0.
    const request = `GET ${ctx.args.path} HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
    const result = await ctx.sandbox.exec(
      target!.id,
      ['sh', '-c', 'printf "$1" | nc -w 5 127.0.0.1 "$2"', 'curl', request.replace(/%/g, '%%'), String(ctx.args.port)],
      { user: ctx.settings.user, env: [], timeoutMs: 10_000, outputBytes: ctx.settings.outputLimit },
    );
    const response = result.output.replace(/\r\n/g, '\n');
    const split = response.indexOf('\n\n');
    const [statusLine, ...headers] = (split < 0 ? response : response.slice(0, split)).split('\n');
    const status = /^HTTP\/[\d.]+ (\d{3}.*)$/.exec(statusLine ?? '')?.[1]?.trim();
    const body = split < 0 ? '' : response.slice(split + 2);
    if (!status) {
      return {
        status: 'failed',
        title: say(msg('curl.noAnswer', { name: target!.name, port: ctx.args.port }), ctx.lang),
        code: { text: result.output },
        exitCode: result.exitCode,
      };
    }
    return {
      status: /^2/.test(status) ? 'ok' : 'failed',
      title: say(msg('curl.answer', { path: ctx.args.path, name: target!.name, status }), ctx.lang),
      code: { text: body, truncated: result.truncated },
      fields: [{ name: say('field.headers', ctx.lang), value: headers.join('\n') || say('field.none', ctx.lang) }],
    };
  },
});
