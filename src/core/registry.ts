import type { CommandDefinition, CommandRegistry } from './command.js';

export type { CommandRegistry };

export function createRegistry(definitions: readonly CommandDefinition<any>[]): CommandRegistry {
  const bySpelling = new Map<string, CommandDefinition<any>>();
  for (const definition of definitions) {
    for (const spelling of [definition.name, ...definition.aliases]) {
      if (bySpelling.has(spelling)) throw new Error(`two commands are spelled "${spelling}"`);
      bySpelling.set(spelling, definition);
    }
  }
  return {
    all: definitions,
    get: (name) => bySpelling.get(name),
    lookup(args) {
      for (const words of [2, 1]) {
        if (args.length < words) continue;
        const spelling = args.slice(0, words).join(' ');
        const definition = bySpelling.get(spelling);
        if (definition) return { definition, spelling, words };
      }
      return undefined;
    },
  };
}

/** Every spelling, for suggestions. */
export function spellings(registry: CommandRegistry): string[] {
  return registry.all.flatMap((d) => [d.name, ...d.aliases]);
}
