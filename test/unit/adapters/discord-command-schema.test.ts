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

  it('groups 30 definitions by their management command (container, image, volume), every level within 25', () => {
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
    expect(top.filter((o) => o.type === 2).map((o) => o.name)).toEqual(['container', 'image', 'volume']);
    expect(top.filter((o) => o.type === 1)).toHaveLength(6);
    // The same definitions feed the grouping and the way back to command text.
    const tree = commandTree(defs);
    const place = placeOf(tree, 'image', 'i3')!;
    expect(place.definition.name).toBe('i3');
    expect(commandText(place, new Map([['container', 'web']]))).toBe('i3 web');
    expect(placeOf(tree, null, 't2')!.definition.name).toBe('t2');
    expect(placeOf(tree, null, 'c1')).toBeUndefined();
  });

  it('groups the real commands the same way once a 26th arrives, and maps `/docker image pull` back to pull', () => {
    const defs = [...commands.all, ...Array.from({ length: 26 - commands.all.length }, (_, i) => synthetic(`extra${i}`))];
    const body = registrationBody({ all: defs });
    expect(checkRegistration(body)).toBeUndefined();
    for (const n of levels(body[0] as never)) expect(n).toBeLessThanOrEqual(MAX_PER_LEVEL);
    const tree = commandTree(defs);
    expect(commandText(placeOf(tree, 'image', 'pull')!, new Map([['image', 'busybox']]))).toBe('pull busybox');
    expect(placeOf(tree, 'container', 'run')!.definition.name).toBe('run');
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
