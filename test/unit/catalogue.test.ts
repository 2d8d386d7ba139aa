import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/core/messages/index.js';

const root = resolve(import.meta.dirname, '../..');
const HANGUL = /[\uac00-\ud7a3]/;

/** Ids whose Korean is legitimately all Latin (a name, a code); none today. */
const LATIN_KOREAN = new Set<string>([]);

/** Parameters for entries that cannot be said with the generic ones below (they pick a reason or parse a list). */
const SAMPLES: Record<string, Record<string, unknown>> = {
  'image.invalid': { text: 'Nginx', why: 'lowercase' },
  'path.notAbsolute': { what: 'target', path: 'data' },
  'path.climbs': { what: 'path', path: '/a/../b' },
  'path.overKernel': { what: 'target', path: '/proc' },
  'args.missing': { command: 'logs', what: 'container' },
  'args.missing.hint': { command: 'logs', what: 'container' },
  'volume.busy': { busy: JSON.stringify([['data', 'web']]) },
  'jobs.state': { state: 'active' },
};

/** Any parameter an entry asks for: a word that reads as a number, a name and a truthy flag alike. */
const generic = new Proxy({} as Record<string, unknown>, { get: (_, key) => (typeof key === 'string' ? '2' : undefined) });

function said(id: string, lang: 'en' | 'ko'): string {
  const text = (MESSAGES as Record<string, { en: unknown; ko: unknown }>)[id]![lang];
  return typeof text === 'function' ? String(text(SAMPLES[id] ?? generic)) : String(text);
}

describe('the message catalogue', () => {
  it('holds every message in English and in Korean, and the Korean is Korean', () => {
    const faults: string[] = [];
    for (const id of Object.keys(MESSAGES)) {
      for (const lang of ['en', 'ko'] as const) {
        let text = '';
        try {
          text = said(id, lang);
        } catch (error) {
          faults.push(`${id} (${lang}) cannot be said: ${(error as Error).message}`);
          continue;
        }
        if (!text.trim()) faults.push(`${id} has no ${lang} text`);
        if (lang === 'ko' && text.trim() && !HANGUL.test(text) && !LATIN_KOREAN.has(id)) faults.push(`${id}: "${text}" is not Korean`);
      }
    }
    expect(faults).toEqual([]);
  });
});

// --- A user-visible string outside the catalogue ---------------------------------------------------------------

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** An ESTree node as the parser gives it: its type, where it is, and its children under any key. */
interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** Properties of a reply (and of an error) that a user reads. */
const SHOWN = new Set(['title', 'body', 'name', 'label', 'hint']);

/** Two or more words of letters apart: prose, not an id (`run.quota`, `bad-value`), a file name or a code. */
const SENTENCE = /[A-Za-z\uac00-\ud7a3]{2,}[^A-Za-z\uac00-\ud7a3\n]*\s[^A-Za-z\uac00-\ud7a3\n]*[A-Za-z\uac00-\ud7a3]{2,}/;

/** The text a literal writes itself: a string's value, or a template's fixed parts (what is filled in is not its own). */
function ownText(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return (node.quasis as { value: { raw: string } }[]).map((q) => q.value.raw).join(' ');
  return undefined;
}

const keyName = (property: Node) => {
  const key = property.key as Node | undefined;
  return key?.type === 'Identifier' ? (key.name as string) : key?.type === 'Literal' ? String(key.value) : undefined;
};
const hasEnAndKo = (object: Node) => {
  const names = new Set((object.properties as Node[]).map(keyName));
  return names.has('en') && names.has('ko');
};
/** The callee's text: `log.info`, `new UserError`'s `UserError`. */
const calleeText = (node: Node, text: string) => text.slice((node.callee as Node).start, (node.callee as Node).end);

/**
 * Where a literal ends up, walking out through the expression it is part of: shown to a user (a UserError's
 * message or hint, a reply's title, body, field name, button label or hint), or not (a log call, an internal
 * Error, bilingual data, an argument of another call, anything past the expression: a statement, a function, a type).
 */
function shownAs(literal: Node, ancestors: readonly Node[], text: string): string | undefined {
  let child = literal;
  for (const node of [...ancestors].reverse()) {
    if (node.type === 'ObjectExpression' && hasEnAndKo(node)) return undefined;
    if (node.type === 'CallExpression' && /(^|\.)(log|logger|console)\.\w+$/.test(calleeText(node, text))) return undefined;
    // Handed to a function: shown when it lands in a parameter named like a shown property (`listing(title, …)`).
    if (node.type === 'CallExpression' && (node.arguments as Node[]).includes(child)) {
      const shown = SHOWN_PARAMETERS.get(calleeText(node, text))?.includes((node.arguments as Node[]).indexOf(child));
      return shown ? `${calleeText(node, text)}(` : undefined;
    }
    child = node;
    if (node.type === 'NewExpression') return calleeText(node, text) === 'UserError' ? 'new UserError' : undefined;
    if (node.type === 'Property' && SHOWN.has(keyName(node) ?? '')) return `${keyName(node)}:`;
    if (/Statement$|Declaration$|^Function|^ArrowFunction|^TS|^Program$/.test(node.type)) return undefined;
  }
  return undefined;
}

/** A parameter is shown to a user when it is named like a shown property, or `empty` (what a listing says when it is). */
const SHOWN_PARAMETER = new Set([...SHOWN, 'empty']);

/** Functions of one file that take user-visible text, by name: the positions of those parameters. */
function shownParameters(text: string): [string, number[]][] {
  const found: [string, number[]][] = [];
  const visit = (node: Node): void => {
    const fn =
      node.type === 'FunctionDeclaration'
        ? node
        : node.type === 'VariableDeclarator' && isNode(node.init) && /Function/.test(node.init.type)
          ? node.init
          : undefined;
    const name = ((node.id as Node | undefined)?.name as string | undefined) ?? undefined;
    if (fn && name) {
      const positions = (fn.params as Node[])
        .map((p, i) =>
          (p.type === 'Identifier' && SHOWN_PARAMETER.has(p.name as string)) ||
          (p.type === 'AssignmentPattern' && SHOWN_PARAMETER.has((p.left as Node).name as string))
            ? i
            : -1,
        )
        .filter((i) => i >= 0);
      if (positions.length) found.push([name, positions]);
    }
    for (const value of Object.values(node)) for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child);
  };
  visit(parseAst(text, { lang: 'ts' }) as unknown as Node);
  return found;
}

const sources = ['src', 'commands']
  .flatMap((d) => files(join(root, d)))
  .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
  .filter((s) => !s.path.startsWith('src/core/messages/'));
const SHOWN_PARAMETERS = new Map(sources.flatMap((s) => shownParameters(s.text)));

/** Every user-visible sentence written in place in one source file. */
function strayStrings(path: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: Node, ancestors: Node[]): void => {
    const own = ownText(node);
    if (own !== undefined) {
      const where = SENTENCE.test(own) ? shownAs(node, ancestors, text) : undefined;
      if (where) found.push(`${where} ${text.slice(node.start, node.end).slice(0, 100)}`);
      if (node.type === 'Literal') return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'typeAnnotation' || key === 'returnType' || key === 'typeArguments' || key === 'typeParameters') continue;
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child, [...ancestors, node]);
    }
  };
  visit(parseAst(text, { lang: 'ts' }, path) as unknown as Node, []);
  return found;
}

/**
 * Strings of other areas that are still written in place (each owned by the engineer of that area, and to move
 * into the catalogue there): exactly these, so a new one fails. Keyed by file; each entry starts as the scan
 * reports it.
 */
const KNOWN: Record<string, string[]> = {
  // Discord's own names of the permissions the bot lacks.
  'src/adapters/discord/permissions.ts': ["name: 'View Channel'", "name: 'Send Messages'", "name: 'Embed Links'", "name: 'Attach Files'"],
  // Korean meanings of flags, keyed by the flag's name (--label, --name): data, not a reply's label or name.
  'src/explain/cli/flags-ko.ts': ["label: '메타데이터(레이블)를 단다 (key=value)'", "name: '컨테이너에 이름을 붙인다'"],
  'src/explain/explain-job.ts': ["title: '작업 설명'", "title: 'Explain job'"],
  'commands/explain.ts': ["title: '/docker explain'"],
};

describe('user-visible text', () => {
  it('lives in the message catalogue, not in the code', () => {
    const stray = sources.flatMap((s) =>
      strayStrings(s.path, s.text)
        .filter((found) => !(KNOWN[s.path] ?? []).some((known) => found.startsWith(known)))
        .map((found) => `${s.path}: ${found}`),
    );
    expect(stray).toEqual([]);
  });

  it('is caught when a reply title is written in English in place', () => {
    const run = sources.find((s) => s.path === 'commands/rm.ts')!;
    const planted = run.text.replace("title: say('rm.nothing', ctx.lang),", "title: 'Nothing was removed',");
    expect(planted).not.toBe(run.text);
    expect(strayStrings(run.path, planted)).toEqual(["title: 'Nothing was removed'"]);
    const template = run.text.replace("title: say('rm.nothing', ctx.lang),", 'title: `Removed ${n} containers`,');
    expect(strayStrings(run.path, template)).toEqual(['title: `Removed ${n} containers`']);
    const ps = sources.find((s) => s.path === 'commands/ps.ts')!;
    const listed = ps.text.replace(
      "say(ctx.args.all ? 'ps.title.all' : 'ps.title.running', lang),",
      "ctx.args.all ? 'All containers' : 'Running containers',",
    );
    expect(listed).not.toBe(ps.text);
    expect(strayStrings(ps.path, listed)).toEqual(["listing( 'All containers'", "listing( 'Running containers'"]);
  });

  it('is caught in a UserError, and not in an internal error, a log line or bilingual data', () => {
    const sample = [
      "throw new UserError('bad-value', 'That is not a size.', `Use ${x} instead.`);",
      "throw new Error('the engine went away');",
      "log.warn('the engine went away');",
      "const why = { en: 'chat cannot attach.', ko: '채팅에서는 연결할 수 없다.' };",
      "const fields = [{ name: 'Exit code', value: '0' }, { name: 'id', value: 'x' }];",
      "const button = { label: 'Run again' };",
    ].join('\n');
    expect(strayStrings('sample.ts', sample)).toEqual([
      "new UserError 'That is not a size.'",
      'new UserError `Use ${x} instead.`',
      "name: 'Exit code'",
      "label: 'Run again'",
    ]);
  });
});
