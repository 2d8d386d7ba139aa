import { UserError, isUserError } from '../errors.js';
import { joinArgv } from '../core/argv.js';
import { IMAGE_ALIASES, resolveAlias } from '../core/catalog.js';
import { flagRuleOf, type BuildEnv, type CommandDefinition, type PositionalSpec } from '../core/command.js';
import type { FlagVerdict, Lang } from '../core/flag-spec.js';
import { parseImageRef, type ImageRef } from '../core/image-ref.js';
import { msg, say } from '../core/messages/index.js';
import { flagBool, parseFlags, type ParsedFlags, type Segment } from '../core/parse-flags.js';
import type { RunPlan } from '../core/sandbox-api.js';
import { authorize } from '../policy/access.js';
import { allowedImagePatterns, checkImageAllowed } from '../policy/images.js';
import { containerSpec, type ContainerSpec } from '../policy/container-spec.js';
import { planRun, type RunArgs } from '../policy/run-plan.js';
import { COMMAND_PATHS, runPath, type Path } from './lifecycle.js';

/** One piece of the command line as typed, with its meaning and what Stevedore does with it. */
export interface ExplainedSegment {
  text: string;
  /** For flags: the long name, `--rm`. */
  flag?: string;
  role: 'command' | 'flag' | 'unknown' | 'image' | 'container-command' | 'argument';
  meaning: string;
  verdict?: FlagVerdict;
  policy?: string;
}

/** Everything explain says about one command line; the reply is rendered from this and nothing else. */
export interface CommandExplanation {
  definition: CommandDefinition<any>;
  typed: string;
  longForm: string;
  segments: ExplainedSegment[];
  /** The first image of the line (run, pull), when it parses. */
  image?: ImageRef;
  path: Path;
  allowed: boolean;
  /** Every reason the line would be refused, in the reader's language: flags, access, images, values. */
  reasons: string[];
  /** For run, when allowed: exactly what would be created (the job id is the placeholder given). */
  plan?: RunPlan;
  spec?: ContainerSpec;
}

/** `run` is `container run`, `images` is `image ls`: the Docker CLI's management-command spelling. */
const LONG_SPELLING: Record<string, string> = {
  run: 'container run',
  ps: 'container ls',
  rm: 'container rm',
  logs: 'container logs',
  stop: 'container stop',
  start: 'container start',
  restart: 'container restart',
  inspect: 'container inspect',
  pull: 'image pull',
  images: 'image ls',
  rmi: 'image rm',
};

/** Commands whose arguments become a container plan: explain shows the plan a worker would build. */
const PLANNERS: Readonly<Record<string, (args: unknown, env: BuildEnv, jobId: string) => RunPlan>> = {
  run: (args, env, jobId) => planRun(args as RunArgs, env.who, jobId, env.settings),
};

/** An image every deployment allows (the built-in aliases), put in place of a refused one to find the line's other reasons. */
const ALLOWED_IMAGE = IMAGE_ALIASES.find((a) => a.command.length === 0)?.image ?? IMAGE_ALIASES[0]!.image;

/**
 * Explains a command line with the same parser and policy that run it: unknown flags are kept and marked, every
 * flag gets its meaning and verdict (the command's own `flagRules`), positionals are read by their names (an
 * `image` is taken apart and checked, a `command` after it is the container's), and every reason a line would be
 * refused is collected, not only the first: an image off the allowlist does not hide a host path or a network.
 */
export function explainCommandLine(words: readonly string[], env: BuildEnv, lang: Lang, jobId = 'explain'): CommandExplanation {
  const found = env.registry.lookup(words);
  if (!found) throw new UserError('unknown-command', msg('explain.notFound', { s: words[0] ?? '' }), msg('explain.notFound.hint'));
  const { definition } = found;
  const argv = words.slice(found.words);
  const reasons: string[] = [];
  let parsed: ParsedFlags;
  try {
    parsed = parseFlags(argv, definition.flags, { interspersed: definition.interspersed, command: definition.name, lenient: true });
  } catch (error) {
    // A value the flag cannot take (`--timeout 초`): said as the reason, the line explained no further here.
    if (!isUserError(error)) throw error;
    parsed = { values: new Map(), positionals: [], segments: [] };
    reasons.push(error.text(lang));
  }
  const refuse = (error: unknown) => {
    if (!isUserError(error)) throw error;
    reasons.push(error.text(lang));
  };

  const segments: ExplainedSegment[] = [{ text: found.spelling, role: 'command', meaning: definition.summary[lang] }];
  segments.push(...flagSegments(definition, parsed, lang));
  const refusedFlags = segments.filter((s) => s.verdict === 'refused');
  for (const s of refusedFlags) reasons.push(`${s.flag && s.flag !== s.text ? `${s.flag} (${s.text})` : s.text}: ${s.policy}`);
  // The build refuses flags too (the same rules); a flag already named above is not named twice.
  const coveredByFlags = (error: unknown) =>
    isUserError(error) && error.code === 'refused-flag' && refusedFlags.some((s) => s.flag && error.message.startsWith(s.flag));
  let accessRefused = false;
  const refuseUncovered = (error: unknown) => {
    // A build that refuses the asker (rmi for a non-admin) says again what the access check said already.
    if (accessRefused && isUserError(error) && error.code === 'forbidden') return;
    if (!coveredByFlags(error)) refuse(error);
  };

  try {
    authorize(env.settings.policy, env.who, definition);
  } catch (error) {
    accessRefused = true;
    refuse(error);
  }

  const positionals = parsed.positionals;
  const read = readPositionals(definition, positionals, env, lang, refuse);
  segments.push(...read.segments);

  // Built without the flags already refused and with refused images replaced, so the build names what else is wrong;
  // when it still fails, each flag is built alone to name every other reason, not only the first.
  const kept = parsed.segments.filter((s) => s.kind === 'flag' && flagRuleOf(definition, s.spec.long).verdict !== 'refused');
  let args: unknown;
  try {
    args = definition.build(subset(kept, read.checkable), env);
  } catch (error) {
    refuseUncovered(error);
    for (const one of kept) {
      try {
        definition.build(subset([one], read.checkable), env);
      } catch (e) {
        refuseUncovered(e);
      }
    }
  }

  const allowed = reasons.length === 0;
  const planner = PLANNERS[definition.name];
  const plan = planner && allowed && args !== undefined ? planner(args, env, jobId) : undefined;
  const path = planner
    ? runPath(plan ?? { detach: flagBool(parsed, 'detach'), autoRemove: flagBool(parsed, 'rm'), pull: 'missing' })
    : (COMMAND_PATHS[definition.name] ?? { steps: [], api: [] });
  return {
    definition,
    typed: `/docker ${joinArgv(words)}`,
    longForm: longForm(definition, parsed, read.longForm),
    segments,
    image: read.images[0],
    path,
    allowed,
    reasons: [...new Set(reasons)],
    plan,
    spec: plan && containerSpec(plan),
  };
}

/** Flags with their meaning and what Stevedore does with each: one lookup for every command. */
function flagSegments(definition: CommandDefinition<any>, parsed: ParsedFlags, lang: Lang): ExplainedSegment[] {
  return parsed.segments.flatMap((s): ExplainedSegment[] => {
    if (s.kind === 'unknown') {
      const unknown = say('explain.unknownFlagHere', lang);
      return [{ text: s.raw.join(' '), role: 'unknown', meaning: unknown, verdict: 'refused', policy: unknown }];
    }
    if (s.kind !== 'flag') return [];
    const rule = flagRuleOf(definition, s.spec.long);
    return [
      {
        text: s.raw.join(' '),
        flag: `--${s.spec.long}`,
        role: 'flag',
        meaning: s.spec[lang],
        verdict: rule.verdict,
        policy: rule.why[lang] || undefined,
      },
    ];
  });
}

/**
 * The plain arguments, read by the names the definition gives them: an `image` is taken apart and checked against
 * the allowlist (an alias resolved), a `command` is the container's; anything else is named by its placeholder.
 * `checkable` is the same words with each refused image replaced by an allowed one.
 */
function readPositionals(
  definition: CommandDefinition<any>,
  positionals: readonly string[],
  env: BuildEnv,
  lang: Lang,
  refuse: (error: unknown) => void,
): { segments: ExplainedSegment[]; images: ImageRef[]; checkable: string[]; longForm: string[] } {
  const specs = definition.positionals;
  const specAt = (i: number): PositionalSpec | undefined => specs[Math.min(i, specs.length - 1)];
  const out = { segments: [] as ExplainedSegment[], images: [] as ImageRef[], checkable: [...positionals], longForm: [] as string[] };
  for (let i = 0; i < positionals.length; i++) {
    const value = positionals[i]!;
    const spec = specAt(i);
    if (spec?.name === 'image' && !value.startsWith('-')) {
      const rest = specAt(i + 1)?.name === 'command' && specs.length > i + 1 ? positionals.slice(i + 1) : [];
      const resolved = resolveAlias(value, rest);
      const { image, refused } = checkImage(resolved.image, env, refuse);
      if (refused) out.checkable[i] = ALLOWED_IMAGE;
      if (image) out.images.push(image);
      out.segments.push(imageSegment(value, image, lang, resolved.alias ? `${resolved.alias.alias} → ${resolved.image}` : undefined));
      out.longForm.push(image ? image.canonical : value);
      if (specAt(i + 1)?.name === 'command' && specs.length > i + 1) {
        if (rest.length || resolved.cmd.length)
          out.segments.push({
            text: joinArgv(rest) || say('explain.none', lang),
            role: 'container-command',
            meaning: `${say('explain.containerCommand', lang)}${resolved.cmd.length ? `: ${joinArgv(resolved.cmd)}` : ''}`,
          });
        out.longForm.push(...resolved.cmd);
        break;
      }
      continue;
    }
    if (spec?.name === 'command' && spec.variadic) {
      const rest = positionals.slice(i);
      out.segments.push({ text: joinArgv(rest), role: 'container-command', meaning: spec[lang] });
      out.longForm.push(...rest);
      break;
    }
    out.segments.push({ text: value, role: 'argument', meaning: spec ? `${spec.name.toUpperCase()}: ${spec[lang]}` : '' });
    out.longForm.push(value);
  }
  return out;
}

/** Parses the image and checks it against the allowlist, noting (not throwing) what is wrong. */
function checkImage(text: string, env: BuildEnv, refuse: (e: unknown) => void): { image?: ImageRef; refused: boolean } {
  let image: ImageRef | undefined;
  try {
    image = parseImageRef(text);
    checkImageAllowed(image, allowedImagePatterns(env.settings.policy.images));
    return { image, refused: false };
  } catch (error) {
    refuse(error);
    return { image, refused: true };
  }
}

/** Parsed flags holding only some of the typed flags, with the given plain arguments. */
function subset(flags: readonly Segment[], positionals: readonly string[]): ParsedFlags {
  const values = new Map<string, string[]>();
  for (const s of flags) if (s.kind === 'flag') values.set(s.spec.long, [...(values.get(s.spec.long) ?? []), s.value]);
  const args: Segment[] = positionals.map((p) => ({ kind: 'arg', raw: [p], value: p }));
  return { values, positionals: [...positionals], segments: [...flags, ...args] };
}

function imageSegment(typed: string, ref: ImageRef | undefined, lang: Lang, alias?: string): ExplainedSegment {
  if (!ref) return { text: typed, role: 'image', meaning: say('explain.arg.image', lang) };
  const w = (id: Parameters<typeof say>[0]) => say(id, lang);
  const byDefault = ` (${w('explain.part.default')})`;
  const parts = [
    `${w('explain.part.registry')} ${ref.registry}${ref.registry === 'docker.io' && !typed.startsWith('docker.io') ? byDefault : ''}`,
    ref.account ? `${w('explain.part.account')} ${ref.account}${ref.account === 'library' ? ` (${w('explain.part.official')})` : ''}` : '',
    `${w('explain.part.repository')} ${ref.repository}`,
    ref.tag !== undefined || ref.impliedLatest
      ? `${w('explain.part.tag')} ${ref.tag ?? 'latest'}${ref.impliedLatest ? byDefault : ''}`
      : '',
    ref.digest ? `${w('explain.part.digest')} ${ref.digest}` : '',
  ].filter(Boolean);
  return {
    text: typed,
    role: 'image',
    meaning: `${alias ? `${alias}; ` : ''}${ref.canonical}: ${parts.join(', ')}. ${w('explain.missingPulled')}`,
  };
}

function longForm(definition: CommandDefinition<any>, parsed: ParsedFlags, rest: readonly string[]): string {
  const flags = parsed.segments.flatMap((s) => {
    if (s.kind === 'unknown') return [s.raw.join(' ')];
    if (s.kind !== 'flag') return [];
    return s.spec.type === 'bool'
      ? [s.value === 'true' ? `--${s.spec.long}` : `--${s.spec.long}=false`]
      : [`--${s.spec.long}`, joinArgv([s.value])];
  });
  return ['docker', LONG_SPELLING[definition.name] ?? definition.name, ...flags, joinArgv(rest)].filter(Boolean).join(' ');
}
