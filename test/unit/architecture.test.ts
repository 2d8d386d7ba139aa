import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const sourceDirs = ['src', 'commands'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = sourceDirs
  .flatMap((d) => files(join(root, d)))
  .map((path) => {
    const text = readFileSync(path, 'utf8');
    const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    return { path: relative(root, path), text, imports };
  });

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
const usesPackage = (s: (typeof sources)[number], pkgs: string[]) => s.imports.some((i) => pkgs.includes(packageOf(i)));

describe('architecture', () => {
  it('keeps each outside system in its own layer', () => {
    const rules: [string[], string][] = [
      [['discord.js', '@slack/bolt', '@slack/web-api', '@slack/socket-mode'], 'src/adapters/'],
      [['dockerode', 'docker-modem'], 'src/sandbox/'],
      [['bullmq', 'ioredis'], 'src/queue/'],
    ];
    const offenders = rules.flatMap(([pkgs, home]) =>
      sources.filter((s) => usesPackage(s, pkgs) && !s.path.startsWith(home)).map((s) => `${s.path} imports ${pkgs.join('/')}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads the environment only in config.ts', () => {
    expect(sources.filter((s) => s.path !== 'src/config.ts' && /process\.env\b/.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('lets nothing import main.ts', () => {
    expect(sources.filter((s) => s.imports.some((i) => i.endsWith('/main.js'))).map((s) => s.path)).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map(
      sources.map((s) => [
        s.path,
        s.imports.filter((i) => i.startsWith('.')).map((i) => relative(root, resolve(root, dirname(s.path), i)).replace(/\.js$/, '.ts')),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (node: string, trail: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
