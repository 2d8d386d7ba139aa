import { describe, expect, it } from 'vitest';
import { splitArgv } from '../../../src/core/argv.js';
import { explainCommandLine } from '../../../src/explain/explain-command.js';
import { renderCommandExplanation } from '../../../src/explain/render-explanation.js';
import { testEnv } from '../../helpers/settings.js';

const explain = (line: string, lang: 'en' | 'ko' = 'en') => explainCommandLine(splitArgv(line), testEnv(), lang);

describe('explainCommandLine', () => {
  it('cuts the line into segments: flags with their values, the image, the container command', () => {
    const e = explain('run --rm -v data:/data --name web docker/whalesay:latest cowsay hi');
    expect(e.segments.map((s) => [s.text, s.role])).toEqual([
      ['run', 'command'],
      ['--rm', 'flag'],
      ['-v data:/data', 'flag'],
      ['--name web', 'flag'],
      ['docker/whalesay:latest', 'image'],
      ['cowsay hi', 'container-command'],
    ]);
  });
  it('takes the image apart as Docker does', () => {
    const e = explain('run docker/whalesay:latest cowsay hi');
    expect(e.image).toMatchObject({ registry: 'docker.io', account: 'docker', repository: 'whalesay', tag: 'latest' });
    expect(e.segments.find((s) => s.role === 'image')!.meaning).toMatch(
      /registry docker\.io \(default\), account docker, repository whalesay, tag latest/,
    );
    expect(explain('pull nginx').image!.canonical).toBe('docker.io/library/nginx:latest');
  });
  it('knows logs -f as offered: a follow into one message, and how it ends', () => {
    const e = explain('logs -f web');
    expect(e.allowed).toBe(true);
    expect(JSON.stringify(e.segments)).toMatch(/follows into one message, with a Stop button/);
    expect(JSON.stringify(explain('logs -f web', 'ko').segments)).toMatch(/하나의 메시지로 따라가며/);
  });
  it('gives the verdict with each refused flag and its reason, and plans nothing', () => {
    const e = explain('run --rm -p 80:80 --privileged busybox');
    expect(e.allowed).toBe(false);
    expect(e.reasons).toEqual([
      '--publish (-p 80:80): published ports would open the sandbox host to the network.',
      '--privileged: a privileged container has every capability and all host devices: it owns the host.',
    ]);
    expect(e.plan).toBeUndefined();
  });
  it('names every reason of a line: an image off the allowlist hides neither a host path nor a network', () => {
    const e = explain('run --network host -v /etc:/data evil/image:1 sh');
    expect(e.allowed).toBe(false);
    expect(e.reasons).toHaveLength(3);
    expect(e.reasons.join('\n')).toMatch(/evil\/image:1/);
    expect(e.reasons.join('\n')).toMatch(/--network host/);
    expect(e.reasons.join('\n')).toMatch(/\/etc/);
    // rmi is for admins, and both images are off the allowlist: three reasons, each said once.
    expect(explain('rmi alpine evil/x').reasons).toEqual([
      '/docker rmi is for admins.',
      "Image alpine:latest is not on this deployment's allowlist.",
      "Image evil/x:latest is not on this deployment's allowlist.",
    ]);
  });
  it("gives the reasons in the reader's language, from the command's own flag rules", () => {
    const e = explain('run --privileged -v /etc:/data evil/image:1', 'ko');
    expect(e.reasons).toHaveLength(3);
    for (const reason of e.reasons) expect(reason).toMatch(/[가-힣]/);
    expect(e.segments.find((s) => s.flag === '--privileged')!.verdict).toBe('refused');
  });
  it('says a value a flag cannot take, and does not fail', () => {
    const e = explain('run --stop-timeout soon busybox');
    expect(e.allowed).toBe(false);
    expect(e.reasons[0]).toMatch(/--stop-timeout/);
  });
  it('marks unknown flags unknown, never guessing', () => {
    const e = explain('run --frobnicate -Z busybox');
    expect(e.segments.filter((s) => s.role === 'unknown').map((s) => s.text)).toEqual(['--frobnicate', '-Z']);
    expect(e.allowed).toBe(false);
  });
  it('shows the lifecycle path and the Engine API calls', () => {
    expect(explain('run --rm busybox true').path.api).toContain('DELETE /containers/{id}?force=1');
    expect(explain('run -d busybox sleep 5').path.api.at(-1)).toBe('POST /containers/{id}/start');
    expect(explain('stop web').path.steps.map((s) => s.verb)).toEqual(['exit / stop / kill']);
  });
  it('writes the canonical long form next to what was typed', () => {
    const e = explain('run -dit --name web -e A=1 whalesay boo');
    expect(e.typed).toBe('/docker run -dit --name web -e A=1 whalesay boo');
    expect(e.longForm).toBe(
      'docker container run --detach --interactive --tty --name web --env A=1 docker.io/docker/whalesay:latest cowsay boo',
    );
    expect(explain('image ls -a').longForm).toBe('docker image ls --all');
  });
  it('shows the sandbox the container would really get', () => {
    const reply = renderCommandExplanation(explain('run -m 128m busybox'), 'en');
    const sandbox = reply.fields!.find((f) => f.name === 'Sandbox')!.value;
    expect(sandbox).toMatch(/memory 128MiB, swap none/);
    expect(sandbox).toMatch(/network none/);
  });
  it('speaks Korean', () => {
    const reply = renderCommandExplanation(explain('run --rm busybox', 'ko'), 'ko');
    expect(reply.title).toMatch(/^설명:/);
    expect(reply.code!.text).toMatch(/컨테이너가 종료되면 컨테이너와 익명 볼륨을 자동으로 삭제한다/);
    expect(reply.fields!.map((f) => f.name)).toContain('샌드박스');
  });
  it('attaches the lifecycle diagram as a PNG', () => {
    const reply = renderCommandExplanation(explain('run --rm busybox'), 'en');
    const png = Buffer.from(reply.files![0]!.base64, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
