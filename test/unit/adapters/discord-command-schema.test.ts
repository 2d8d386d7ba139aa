import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import type { CommandDefinition } from '../../../src/core/command.js';
import {
  chatOptions,
  commandText,
  commandTree,
  placeOf,
  registrationBody,
  MAX_PER_LEVEL,
} from '../../../src/adapters/discord/command-schema.js';
import { checkRegistration } from '../../stand-ins/discord-rules.js';

/** A definition as the command files declare them, with as little as registration reads. */
function synthetic(name: string, aliases: string[] = []): CommandDefinition<any> {
  return {
    name,
    aliases,
    summary: { en: `Does ${name}`, ko: `${name} 한다` },
    usage: name,
    flags: [],
    positionals: [{ name: 'container', required: true, en: 'A container', ko: '컨테이너' }],
    interspersed: true,
    access: 'read',
    runsOn: 'worker',
    build: () => ({}),
    execute: async () => ({ status: 'ok', title: name }),
  } as unknown as CommandDefinition<any>;
}

/** Every level of a registration body: the count of options, subcommands and groups under each node. */
function levels(node: { options?: unknown[] }): number[] {
  const options = (node.options ?? []) as { options?: unknown[] }[];
  return [options.length, ...options.flatMap((o) => levels(o))];
}

describe('Discord registration within 25 per level', () => {
  it('keeps the real commands as subcommands while they fit, and Discord accepts the body', () => {
    const body = registrationBody(commands);
    expect(checkRegistration(body)).toBeUndefined();
    expect(Math.max(...levels(body[0] as never))).toBeLessThanOrEqual(MAX_PER_LEVEL);
  });

  it('groups the fewest of 30 definitions by their management command, every level within 25', () => {
    const defs = [
      ...Array.from({ length: 12 }, (_, i) => synthetic(`c${i}`, [`container c${i}`])),
      ...Array.from({ length: 8 }, (_, i) => synthetic(`i${i}`, [`image i${i}`])),
      ...Array.from({ length: 4 }, (_, i) => synthetic(`v${i}`, [`volume v${i}`])),
      ...Array.from({ length: 6 }, (_, i) => synthetic(`t${i}`)),
    ];
    expect(defs).toHaveLength(30);
    const body = registrationBody({ all: defs }) as { options: { name: string; type: number; options: { name: string }[] }[] }[];
    for (const n of levels(body[0]!)) expect(n).toBeLessThanOrEqual(MAX_PER_LEVEL);
    expect(checkRegistration(body)).toBeUndefined();
    const top = body[0]!.options;
    expect(top).toHaveLength(MAX_PER_LEVEL);
    // The last in order are grouped first (the first, the headline commands, stay where users type them).
    expect(top.filter((o) => o.type === 2).map((o) => o.name)).toEqual(['image', 'volume']);
    // The same definitions feed the grouping and the way back to command text.
    const tree = commandTree(defs);
    for (const d of defs) expect(tree.filter((p) => p.definition === d)).toHaveLength(1);
    const place = placeOf(tree, 'image', 'i7')!;
    expect(place.definition.name).toBe('i7');
    expect(commandText(place, new Map([['container', 'web']]))).toBe('i7 web');
    expect(placeOf(tree, null, 't2')!.definition.name).toBe('t2');
    expect(placeOf(tree, null, 'c1')!.definition.name).toBe('c1');
    expect(placeOf(tree, 'volume', 'v1')!.definition.name).toBe('v1');
  });

  it('keeps the headline commands at the top as more arrive, and maps a grouped invocation back to its command', () => {
    const defs = [
      ...commands.all,
      ...Array.from({ length: 30 - commands.all.length }, (_, i) => synthetic(`extra${i}`, [`container extra${i}`])),
    ];
    const body = registrationBody({ all: defs });
    expect(checkRegistration(body)).toBeUndefined();
    for (const n of levels(body[0] as never)) expect(n).toBeLessThanOrEqual(MAX_PER_LEVEL);
    const tree = commandTree(defs);
    for (const name of ['run', 'ps', 'logs', 'pull', 'explain', 'help']) expect(placeOf(tree, null, name)!.definition.name).toBe(name);
    expect(commandText(placeOf(tree, 'container', 'extra0')!, new Map([['container', 'web']]))).toBe('extra0 web');
  });

  it('refuses to register what cannot fit even grouped, rather than letting Discord refuse it', () => {
    expect(() => registrationBody({ all: Array.from({ length: 30 }, (_, i) => synthetic(`t${i}`)) })).toThrow(/25/);
    // And the stand-in refuses 26 subcommands at one level, as Discord does.
    const flat = [
      { name: 'docker', description: 'd', options: Array.from({ length: 26 }, (_, i) => ({ type: 1, name: `s${i}`, description: 'd' })) },
    ];
    expect(checkRegistration(flat)).toBeDefined();
  });
});

describe('cp options that fit the flow', () => {
  const cp = commands.get('cp')!;
  it('makes the destination required and the source optional, with the attachment standing for it', () => {
    const options = chatOptions(cp);
    expect(options[0]).toMatchObject({ name: 'destination', required: true });
    expect(options.find((o) => o.name === 'source')).toMatchObject({ required: false });
    expect(options.find((o) => o.name === 'file')).toMatchObject({ required: false, type: 11 });
    const place = { name: 'cp', definition: cp };
    expect(commandText(place, new Map([['destination', 'box:/files/']]), { name: 'my_data.bin' })).toBe('cp my_data.bin box:/files/');
    expect(
      commandText(
        place,
        new Map([
          ['source', 'my data.bin'],
          ['destination', 'box:/f'],
        ]),
        { name: 'my_data.bin' },
      ),
    ).toBe("cp 'my data.bin' box:/f");
    expect(
      commandText(
        place,
        new Map([
          ['source', 'box:/f'],
          ['destination', '-'],
        ]),
      ),
    ).toBe('cp box:/f -');
  });
});
