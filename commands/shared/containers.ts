import type { ExecContext } from '../../src/core/command.js';
import type { ContainerInfo } from '../../src/core/sandbox-api.js';
import { resolveContainer } from '../../src/policy/ownership.js';

/** Resolves each name or ID the user typed to one of their own containers (all first, so none is half-done). */
export async function ownContainers(ctx: ExecContext<unknown>, references: readonly string[]): Promise<ContainerInfo[]> {
  const all = await ctx.sandbox.listContainers({ all: true });
  return references.map((reference) => resolveContainer(reference, all, ctx.who));
}

/** The positional every container command takes. */
export const CONTAINERS_ARG = {
  name: 'container',
  required: true,
  variadic: true,
  en: 'Container names or IDs (yours)',
  ko: '컨테이너 이름 또는 ID (내 것)',
} as const;
