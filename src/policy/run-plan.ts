import { UserError } from '../errors.js';
import type { Lang } from '../core/flag-spec.js';
import { parseImageRef } from '../core/image-ref.js';
import type { ParsedFlags } from '../core/parse-flags.js';
import { flagBool, flagList, flagString } from '../core/parse-flags.js';
import type { Requester } from '../core/request.js';
import { ownerId } from '../core/request.js';
import type { RunPlan } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { parseBytes } from '../core/units.js';
import { allowedImagePatterns, checkImageAllowed } from './images.js';
import { CONTAINER_NAME, LABEL, LABEL_PREFIX, containerNameFor } from './labels.js';
import { ruleFor, type FlagVerdict } from './run-flags.js';
import { parseMountFlag, parseVolumeFlag } from './volumes.js';

/** What the user typed for `run`, before policy: the image word, the container's command, the flags. */
export interface RunArgs {
  image: string;
  cmd: string[];
  flags: ParsedFlags;
}

/** One typed flag and what policy made of it, for explain. */
interface FlagDecision {
  flag: string;
  value: string;
  verdict: FlagVerdict;
  why: string;
}

/** Refuses the first flag policy does not allow, naming it; returns every decision for explain. */
function checkRunFlags(flags: ParsedFlags, lang: Lang = 'en'): FlagDecision[] {
  const decisions: FlagDecision[] = [];
  for (const segment of flags.segments) {
    if (segment.kind !== 'flag') continue;
    const rule = ruleFor(segment.spec.long);
    decisions.push({ flag: `--${segment.spec.long}`, value: segment.value, verdict: rule.verdict, why: rule.why[lang] });
  }
  return decisions;
}

function firstRefusal(decisions: readonly FlagDecision[], typed: ParsedFlags): UserError | undefined {
  const refused = decisions.find((d) => d.verdict === 'refused');
  if (!refused) return undefined;
  const segment = typed.segments.find((s) => s.kind === 'flag' && `--${s.spec.long}` === refused.flag);
  const as = segment?.raw[0] && !segment.raw[0].startsWith('--') ? ` (typed as ${segment.raw.join(' ')})` : '';
  return new UserError(
    'refused-flag',
    `${refused.flag}${as} is refused: ${refused.why}`,
    'Run the command without it; `/docker explain run` shows what each flag does here.',
  );
}

/**
 * Builds the plan for one container from the user's arguments and the deployment's settings. Every limit is
 * the setting, or the user's value within the setting's maximum; nothing typed reaches the engine unchecked.
 */
export function planRun(args: RunArgs, who: Requester, jobId: string, settings: Settings): RunPlan {
  const refusal = firstRefusal(checkRunFlags(args.flags), args.flags);
  if (refusal) throw refusal;
  const f = args.flags;
  const image = parseImageRef(args.image);
  checkImageAllowed(image, allowedImagePatterns(settings.policy.images));
  const detach = flagBool(f, 'detach');
  const displayName = flagString(f, 'name') ?? `job-${jobId}`;
  if (!CONTAINER_NAME.test(displayName)) {
    throw new UserError(
      'bad-value',
      `--name "${displayName}" is not a valid container name.`,
      'Use letters, digits, _ . - (up to 63), starting with a letter or digit.',
    );
  }
  const memoryBytes = bounded('--memory', flagString(f, 'memory'), settings.memory, settings.memoryMax, (v) => parseBytes(v, '--memory'));
  const cpus = bounded('--cpus', flagString(f, 'cpus'), settings.cpus, settings.cpusMax, Number);
  const pids = bounded('--pids-limit', flagString(f, 'pids-limit'), settings.pidsLimit, settings.pidsLimit, Number);
  if (memoryBytes < 6 * 1024 * 1024) throw new UserError('bad-value', '--memory must be at least 6m, as Docker requires.');
  if (pids < 1) throw new UserError('bad-value', '--pids-limit must be at least 1 here.');

  const network = flagString(f, 'network');
  if (network !== undefined && network !== 'none') {
    throw new UserError(
      'refused-flag',
      `--network ${network} is refused: sandbox containers have no network.`,
      'Leave --network out, or use --network none.',
    );
  }
  const user = flagString(f, 'user') ?? settings.user;
  if (!/^[1-9]\d*(:[1-9]\d*)?$/.test(user)) {
    throw new UserError(
      'refused-flag',
      `--user ${user} is refused: containers run as a non-root numeric uid[:gid].`,
      `Leave it out (the default is ${settings.user}) or give a uid above 0.`,
    );
  }
  const userLabels: Record<string, string> = {};
  for (const label of flagList(f, 'label')) {
    const eq = label.indexOf('=');
    const key = eq < 0 ? label : label.slice(0, eq);
    if (key.startsWith(LABEL_PREFIX))
      throw new UserError('refused-flag', `--label ${key} is refused: labels starting with "${LABEL_PREFIX}" are Stevedore's own.`);
    userLabels[key] = eq < 0 ? '' : label.slice(eq + 1);
  }
  const mounts = [
    ...flagList(f, 'volume').map((v) => parseVolumeFlag(v, who, settings.deployment)),
    ...flagList(f, 'mount').map((m) => parseMountFlag(m, who, settings.deployment)),
  ];
  const targets = mounts.map((m) => m.target);
  if (new Set(targets).size !== targets.length) throw new UserError('bad-value', 'Two volumes are mounted at the same path.');
  const pull = flagString(f, 'pull') ?? 'missing';
  if (pull !== 'missing' && pull !== 'always' && pull !== 'never') {
    throw new UserError('bad-value', `--pull takes missing, always or never, not "${pull}".`);
  }
  const timeoutMs = detach ? settings.detachedTtl : settings.runTimeout;
  const labels: Record<string, string> = {
    ...userLabels,
    [LABEL.deployment]: settings.deployment,
    [LABEL.owner]: ownerId(who),
    [LABEL.channel]: `${who.platform}:${who.channelId}`,
    [LABEL.job]: jobId,
    [LABEL.name]: displayName,
  };
  if (who.userName) labels[LABEL.ownerName] = who.userName;
  if (detach) labels[LABEL.expires] = String(Date.now() + timeoutMs);
  return {
    image,
    cmd: args.cmd.length ? args.cmd : undefined,
    displayName,
    containerName: containerNameFor(settings.deployment, who, displayName),
    detach,
    autoRemove: flagBool(f, 'rm'),
    env: flagList(f, 'env'),
    labels,
    user,
    hostname: flagString(f, 'hostname'),
    pull,
    runtime: settings.runtime,
    mounts,
    limits: {
      memoryBytes,
      nanoCpus: Math.round(cpus * 1e9),
      pidsLimit: pids,
      tmpfsBytes: Math.min(settings.tmpfsSize, Math.floor(memoryBytes / 2)),
      timeoutMs,
      outputBytes: settings.outputLimit,
      logMaxBytes: settings.logMaxSize,
    },
  };
}

function bounded(flag: string, typed: string | undefined, fallback: number, max: number, parse: (v: string) => number): number {
  if (typed === undefined) return fallback;
  const value = parse(typed);
  if (!(value <= max))
    throw new UserError(
      'bad-value',
      `${flag} ${typed} is over this deployment's limit.`,
      `The most allowed is ${flag === '--memory' ? `${Math.floor(max / 1024 / 1024)}m` : max}.`,
    );
  return value;
}
