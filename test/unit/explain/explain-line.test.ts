import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examples, verdict } from '../../../bench/explain-corpus.js';
import { explainLine } from '../../../src/explain/explain-line.js';
import { allCommands, CLI_VERSION, commandKo, flagKo } from '../../../src/explain/cli/reference.js';
import { generate } from '../../../scripts/gen-cli-reference.js';

const rows = (line: string) => explainLine(line, () => undefined).rows.map((r) => [r.text, r.meaning.en]);
const row = (line: string, text: string) => explainLine(line, () => undefined).rows.find((r) => r.text === text);

describe('the Docker CLI knowledge base', () => {
  it('has a Korean meaning for every command and flag, and --help on every command', () => {
    for (const c of allCommands()) {
      expect(commandKo(c), c.path).toMatch(/[가-힣]/);
      expect(
        c.flags.some((f) => f.long === 'help'),
        c.path,
      ).toBe(true);
      for (const f of c.flags) expect(flagKo(c, f), `${c.path} --${f.long}`).toMatch(/[가-힣]/);
    }
  });
  const installed = (() => {
    try {
      return /Docker version ([^,\s]+)/.exec(execFileSync('docker', ['--version'], { encoding: 'utf8' }))?.[1];
    } catch {
      return undefined;
    }
  })();
  it.runIf(installed === CLI_VERSION)('matches docker --help of the installed client (same version as recorded)', () => {
    const fresh = generate();
    const data = JSON.parse(readFileSync(new URL('../../../src/explain/cli/docker-cli.json', import.meta.url), 'utf8'));
    expect(fresh).toEqual(data);
  });
});

describe('explainLine', () => {
  it('explains commands Stevedore does not run, with the reason in a here line', () => {
    const e = explainLine('docker stats', () => undefined);
    expect(e.rows[1]).toMatchObject({ text: 'stats', kind: 'command' });
    expect(e.notes[0]!.ko).toMatch(/실행하지 않고 설명만/);
  });
  it('explains values: ports, volumes vs bind mounts, env, restart, user, filters, image ids', () => {
    expect(row('run -p 8080:80/udp nginx', '-p 8080:80/udp')!.meaning.en).toMatch(/host port 8080 → container port 80, protocol udp/);
    expect(row('run -v data:/srv:ro nginx', '-v data:/srv:ro')!.meaning.en).toMatch(/named volume data at \/srv.*read-only/);
    expect(row('run -v /host:/srv nginx', '-v /host:/srv')!.meaning.en).toMatch(/bind mount: host path \/host/);
    expect(row('run --restart on-failure:3 nginx', '--restart on-failure:3')!.meaning.ko).toMatch(/최대 3번/);
    expect(row('run --user 1000:1000 nginx', '--user 1000:1000')!.meaning.en).toMatch(/user 1000, group 1000/);
    expect(row('ps --filter status=exited', '--filter status=exited')!.meaning.en).toMatch(/status = exited/);
    expect(row('rmi 6b362a9f73eb', '6b362a9f73eb')!.meaning.en).toMatch(/image ID/);
  });
  it('fixes the known wrong answers: rmi keeps every image, cp names the host side', () => {
    expect(rows('rmi alpine busybox').map(([t]) => t)).toEqual(['docker', 'rmi', 'alpine', 'busybox']);
    expect(row('cp web:/www/index.html .', '.')!.meaning.en).toMatch(/on this host/);
    expect(row('cp web:/www/index.html .', 'web:/www/index.html')!.meaning.en).toMatch(/inside container web/);
  });
  it('suggests for typos and never reparses around them', () => {
    expect(row('run --netwrk none busybox', '--netwrk')!.meaning.en).toMatch(/did you mean --network/);
    expect(row('run --netwrk none busybox', 'none')!.kind).toBe('value');
    expect(row('contianer ls', 'contianer')!.meaning.en).toMatch(/did you mean container/);
    expect(row('rnu busybox', 'rnu')!.meaning.en).toMatch(/did you mean run/);
  });
  it('splits the shell around the line and names its parts', () => {
    const e = explainLine('sudo docker run -v "$(pwd)":/app nginx && docker ps -q | xargs docker rm 2>&1', () => undefined);
    const kinds = e.rows.filter((r) => r.kind === 'shell').map((r) => r.text);
    expect(kinds).toEqual(expect.arrayContaining(['sudo', '&&', '|', 'xargs', '2>& 1', '$(pwd)']));
    expect(e.commands).toEqual(['run', 'ps', 'container rm']);
    expect(e.unknown).toBe(0);
  });
  it('says when a plugin is absent', () => {
    expect(explainLine('docker compose up -d', () => undefined).notes[0]!.en).toMatch(/compose is a CLI plugin that is not installed/);
  });
  it('explains ≥ 95 % of the tldr docker examples fully, in each language, without a crash', () => {
    for (const lang of ['en', 'ko'] as const) {
      const dir = new URL(`../../data/tldr/${lang}/`, import.meta.url);
      const lines = readdirSync(dir).flatMap((f) => examples(readFileSync(new URL(f, dir), 'utf8')));
      const full = lines.filter((l) => verdict(l, lang) === undefined).length;
      expect(full / lines.length, lang).toBeGreaterThanOrEqual(0.95);
    }
  });
});
