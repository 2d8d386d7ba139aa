import { UserError, isUserError } from '../errors.js';
import { joinArgv } from '../core/argv.js';
import { resolveAlias } from '../core/catalog.js';
import type { BuildEnv, CommandDefinition } from '../core/command.js';
import type { Lang } from '../core/flag-spec.js';
import { parseImageRef, type ImageRef } from '../core/image-ref.js';
import { parseFlags, type ParsedFlags } from '../core/parse-flags.js';
import type { RunPlan } from '../core/sandbox-api.js';
import { authorize } from '../policy/access.js';
import { allowedImagePatterns, checkImageAllowed } from '../policy/images.js';
import { containerSpec, type ContainerSpec } from '../policy/container-spec.js';
import { ruleFor, type FlagVerdict } from '../policy/run-flags.js';
import { planRun, type RunArgs } from '../policy/run-plan.js';
import { t } from './i18n.js';
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
  image?: ImageRef;
  path: Path;
  allowed: boolean;
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

/**
 * Explains a command line with the same parser and policy that run it: unknown flags are kept and marked, every
 * flag gets its meaning and verdict, and for `run` the plan is the one a worker would build.
 */
export function explainCommandLine(words: readonly string[], env: BuildEnv, lang: Lang, jobId = 'explain'): CommandExplanation {
  const found = env.registry.lookup(words);
  if (!found)
    throw new UserError(
      'unknown-command',
      `"${words[0]}" is neither a /docker command nor a concept I can explain.`,
      'Try `/docker explain container`, or `/docker explain run whalesay boo`.',
    );
  const { definition } = found;
  const argv = words.slice(found.words);
  const parsed = parseFlags(argv, definition.flags, { interspersed: definition.interspersed, command: definition.name, lenient: true });
  const reasons: string[] = [];
  const refuse = (error: unknown) => {
    if (!isUserError(error)) throw error;
    reasons.push(error.message);
  };

  const segments: ExplainedSegment[] = [{ text: found.spelling, role: 'command', meaning: definition.summary[lang] }];
  segments.push(...flagSegments(definition, parsed, lang));
  const refusedFlags = segments.filter((s) => s.verdict === 'refused');
  for (const s of refusedFlags) reasons.push(`${s.flag && s.flag !== s.text ? `${s.flag} (${s.text})` : s.text}: ${s.policy}`);
  const coveredByFlags = (error: unknown) =>
    isUserError(error) && error.code === 'refused-flag' && refusedFlags.some((s) => s.flag && error.message.startsWith(s.flag));

  try {
    authorize(env.settings.policy, env.who, definition);
  } catch (error) {
    refuse(error);
  }
  let args: unknown;
  try {
    args = definition.build(parsed, env);
  } catch (error) {
    if (!coveredByFlags(error)) refuse(error);
  }

  let image: ImageRef | undefined;
  let plan: RunPlan | undefined;
  let path = COMMAND_PATHS[definition.name] ?? { steps: [], api: [] };
  const positionals = parsed.positionals;
  if (definition.name === 'run' && positionals[0]) {
    const resolved = resolveAlias(positionals[0], positionals.slice(1));
    image = tryImage(resolved.image, env.settings.policy.images, refuse);
    segments.push(imageSegment(positionals[0], image, lang, resolved.alias ? `${resolved.alias.alias} → ${resolved.image}` : undefined));
    if (positionals.length > 1 || resolved.cmd.length) {
      segments.push({
        text: joinArgv(positionals.slice(1)) || '(none)',
        role: 'container-command',
        meaning: `${t('containerCommand', lang)}${resolved.cmd.length ? `: ${joinArgv(resolved.cmd)}` : ''}`,
      });
    }
    if (args && reasons.length === 0) plan = planRun(args as RunArgs, env.who, jobId, env.settings);
    path = runPath(plan ?? { detach: parsed.values.has('detach'), autoRemove: parsed.values.has('rm'), pull: 'missing' });
  } else {
    positionals.forEach((value, i) => {
      const spec = definition.positionals[Math.min(i, definition.positionals.length - 1)];
      if ((definition.name === 'pull' || definition.name === 'rmi') && !value.startsWith('-')) {
        image = tryImage(resolveAlias(value, []).image, env.settings.policy.images, refuse);
        segments.push(imageSegment(value, image, lang));
      } else segments.push({ text: value, role: 'argument', meaning: spec ? `${spec.name.toUpperCase()}: ${spec[lang]}` : '' });
    });
  }
  const allowed = reasons.length === 0;
  return {
    definition,
    typed: `/docker ${joinArgv(words)}`,
    longForm: longForm(definition, parsed, image, positionals),
    segments,
    image,
    path,
    allowed,
    reasons: [...new Set(reasons)],
    plan,
    spec: plan && containerSpec(plan),
  };
}

function flagSegments(definition: CommandDefinition<any>, parsed: ParsedFlags, lang: Lang): ExplainedSegment[] {
  return parsed.segments.flatMap((s): ExplainedSegment[] => {
    if (s.kind === 'unknown')
      return [
        { text: s.raw.join(' '), role: 'unknown', meaning: t('unknownFlag', lang), verdict: 'refused', policy: t('unknownFlag', lang) },
      ];
    if (s.kind !== 'flag') return [];
    if (definition.name === 'run') {
      const rule = ruleFor(s.spec.long);
      return [
        {
          text: s.raw.join(' '),
          flag: `--${s.spec.long}`,
          role: 'flag',
          meaning: s.spec[lang],
          verdict: rule.verdict,
          policy: rule.why[lang],
        },
      ];
    }
    const refused = definition.refused?.[s.spec.long];
    return [
      {
        text: s.raw.join(' '),
        flag: `--${s.spec.long}`,
        role: 'flag',
        meaning: s.spec[lang],
        verdict: refused ? 'refused' : 'used',
        policy: refused,
      },
    ];
  });
}

/** Parses the image and checks it against the allowlist, noting (not throwing) what is wrong. */
function tryImage(text: string, policyImages: readonly string[], refuse: (e: unknown) => void): ImageRef | undefined {
  try {
    const ref = parseImageRef(text);
    try {
      checkImageAllowed(ref, allowedImagePatterns(policyImages));
    } catch (error) {
      refuse(error);
    }
    return ref;
  } catch (error) {
    refuse(error);
    return undefined;
  }
}

function imageSegment(typed: string, ref: ImageRef | undefined, lang: Lang, alias?: string): ExplainedSegment {
  if (!ref) return { text: typed, role: 'image', meaning: t('image', lang) };
  const parts = [
    `${t('registry', lang)} ${ref.registry}${ref.registry === 'docker.io' && !typed.startsWith('docker.io') ? ` (${t('byDefault', lang)})` : ''}`,
    ref.account ? `${t('account', lang)} ${ref.account}${ref.account === 'library' ? ` (${t('official', lang)})` : ''}` : '',
    `${t('repository', lang)} ${ref.repository}`,
    ref.tag !== undefined || ref.impliedLatest
      ? `${t('tag', lang)} ${ref.tag ?? 'latest'}${ref.impliedLatest ? ` (${t('byDefault', lang)})` : ''}`
      : '',
    ref.digest ? `${t('digest', lang)} ${ref.digest}` : '',
  ].filter(Boolean);
  return {
    text: typed,
    role: 'image',
    meaning: `${alias ? `${alias}; ` : ''}${ref.canonical}: ${parts.join(', ')}. ${t('missingPulled', lang)}`,
  };
}

function longForm(
  definition: CommandDefinition<any>,
  parsed: ParsedFlags,
  image: ImageRef | undefined,
  positionals: readonly string[],
): string {
  const flags = parsed.segments.flatMap((s) => {
    if (s.kind === 'unknown') return [s.raw.join(' ')];
    if (s.kind !== 'flag') return [];
    return s.spec.type === 'bool'
      ? [s.value === 'true' ? `--${s.spec.long}` : `--${s.spec.long}=false`]
      : [`--${s.spec.long}`, joinArgv([s.value])];
  });
  let rest = joinArgv(positionals);
  if (definition.name === 'run' && image) {
    const resolved = resolveAlias(positionals[0]!, positionals.slice(1));
    rest = joinArgv([image.canonical, ...resolved.cmd]);
  } else if (image) rest = image.canonical;
  return ['docker', LONG_SPELLING[definition.name] ?? definition.name, ...flags, rest].filter(Boolean).join(' ');
}
