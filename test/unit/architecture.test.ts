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
    // Static imports and re-exports, and dynamic `import('…')` alike.
    const imports = [
      ...[...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
      ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
    ];
    return { path: relative(root, path), text, imports };
  });

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
const usesPackage = (s: (typeof sources)[number], pkgs: string[]) => s.imports.some((i) => pkgs.includes(packageOf(i)));

/**
 * The layers of ../../ARCHITECTURE (README "How it works"), lowest first: a file imports only from its own layer or
 * lower ones, and side-by-side layers not from each other. Each entry: the folders of a layer, and what it may use.
 */
const LAYERS: { name: string; paths: string[]; mayUse: string[] }[] = [
  { name: 'core', paths: ['src/errors.ts', 'src/log.ts', 'src/core/'], mayUse: [] },
  { name: 'policy', paths: ['src/policy/'], mayUse: ['core'] },
  { name: 'explain', paths: ['src/explain/'], mayUse: ['core', 'policy'] },
  { name: 'sandbox', paths: ['src/sandbox/'], mayUse: ['core', 'policy'] },
  { name: 'labs', paths: ['src/labs/'], mayUse: ['core', 'policy'] },
  { name: 'queue', paths: ['src/queue/'], mayUse: ['core'] },
  { name: 'health', paths: ['src/health/'], mayUse: ['core'] },
  { name: 'commands', paths: ['commands/'], mayUse: ['core', 'policy', 'explain', 'sandbox', 'labs', 'queue', 'health'] },
  { name: 'pipeline', paths: ['src/pipeline/'], mayUse: ['core', 'policy', 'explain', 'sandbox', 'queue', 'health', 'commands'] },
  // Adapters reach the pipeline through its entry point only (and the answer types it hands back).
  { name: 'adapters', paths: ['src/adapters/'], mayUse: ['core', 'pipeline-entry'] },
  { name: 'top', paths: ['src/config.ts', 'src/stack.ts', 'src/stack/', 'src/main.ts'], mayUse: ['*'] },
];
const ENTRY = ['src/pipeline/chat-entry.ts', 'src/pipeline/handle-request.ts'];

function layerOf(path: string): string | undefined {
  if (ENTRY.includes(path)) return 'pipeline-entry';
  return LAYERS.find((l) => l.paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)))?.name;
}
const baseLayer = (name: string) => (name === 'pipeline-entry' ? 'pipeline' : name);

describe('architecture', () => {
  it('puts every source file in a layer', () => {
    expect(sources.filter((s) => !layerOf(s.path)).map((s) => s.path)).toEqual([]);
  });

  it('lets every import point down the layer table (static and dynamic imports alike)', () => {
    const offenders = sources.flatMap((s) => {
      const from = baseLayer(layerOf(s.path)!);
      const rule = LAYERS.find((l) => l.name === from)!;
      return s.imports
        .filter((i) => i.startsWith('.'))
        .map((i) => relative(root, resolve(root, dirname(s.path), i)).replace(/\.js$/, '.ts'))
        .filter((target) => {
          const to = layerOf(target);
          if (!to || baseLayer(to) === from || rule.mayUse.includes('*')) return false;
          return !(rule.mayUse.includes(to) || rule.mayUse.includes(baseLayer(to)));
        })
        .map((target) => `${s.path} (${from}) imports ${target} (${layerOf(target)})`);
    });
    expect(offenders).toEqual([]);
  });

  it('catches a dynamic import that points up', () => {
    const text = "const { x } = await import('../adapters/discord/discord-adapter.js');";
    expect([...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1])).toEqual(['../adapters/discord/discord-adapter.js']);
  });

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
