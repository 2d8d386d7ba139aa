import { UserError } from '../errors.js';
import { parseImageRef } from '../core/image-ref.js';
import { msg } from '../core/messages/index.js';
import { firstRefusal } from '../core/parse.js';
import type { ParsedFlags } from '../core/parse-flags.js';
import { flagBool, flagList, flagString } from '../core/parse-flags.js';
import type { Requester } from '../core/request.js';
import { ownerId } from '../core/request.js';
import type { RunPlan } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { parseBytes } from '../core/units.js';
import { allowedImagePatterns, checkImageAllowed } from './images.js';
import { CONTAINER_NAME, LABEL, LABEL_PREFIX, containerNameFor } from './labels.js';
import { RUN_FLAG_POLICY } from './run-flags.js';
import { parseMountFlag, parseVolumeFlag, volumeDiskOf } from './volumes.js';

/** What the user typed for `run`, before policy: the image word, the container's command, the flags. */
export interface RunArgs {
  image: string;
  cmd: string[];
  flags: ParsedFlags;
}

/**
 * Builds the plan for one container from the user's arguments and the deployment's settings. Every limit is
 * the setting, or the user's value within the setting's maximum; nothing typed reaches the engine unchecked.
 */
export function planRun(args: RunArgs, who: Requester, jobId: string, settings: Settings): RunPlan {
  // The same rules the parser applied, through the same lookup: a plan is never made from a refused flag.
  const refusal = firstRefusal(RUN_FLAG_POLICY, args.flags);
  if (refusal) throw refusal;
  const f = args.flags;
  const image = parseImageRef(args.image);
  checkImageAllowed(image, allowedImagePatterns(settings.policy.images));
  const detach = flagBool(f, 'detach');
  const displayName = flagString(f, 'name') ?? `job-${jobId}`;
  if (!CONTAINER_NAME.test(displayName)) {
    throw new UserError('bad-value', msg('run.badName', { name: displayName }), msg('name.rules'));
  }
  // Every value inside the deployment's range or refused: Docker reads 0 (and -1) as "no limit" for several of these.
  const memoryBytes = bounded('--memory', flagString(f, 'memory'), settings.memory, MIN_MEMORY, settings.memoryMax, (v) =>
    parseBytes(v, '--memory'),
  );
  const cpus = bounded('--cpus', flagString(f, 'cpus'), settings.cpus, MIN_CPUS, settings.cpusMax, Number);
  const pids = bounded('--pids-limit', flagString(f, 'pids-limit'), settings.pidsLimit, MIN_PIDS, settings.pidsLimit, Number);

  const network = flagString(f, 'network');
  if (network !== undefined && network !== 'none') {
    throw new UserError('refused-flag', msg('run.network', { network }), msg('run.network.hint'));
  }
  const user = flagString(f, 'user') ?? settings.user;
  if (!/^[1-9]\d*(:[1-9]\d*)?$/.test(user)) {
    throw new UserError('refused-flag', msg('run.user', { user }), msg('run.user.hint', { user: settings.user }));
  }
  const userLabels: Record<string, string> = {};
  for (const label of flagList(f, 'label')) {
    const eq = label.indexOf('=');
    const key = eq < 0 ? label : label.slice(0, eq);
    if (key.startsWith(LABEL_PREFIX)) throw new UserError('refused-flag', msg('run.label', { key, prefix: LABEL_PREFIX }));
    userLabels[key] = eq < 0 ? '' : label.slice(eq + 1);
  }
  const mounts = [
    ...flagList(f, 'volume').map((v) => parseVolumeFlag(v, who, settings.deployment)),
    ...flagList(f, 'mount').map((m) => parseMountFlag(m, who, settings.deployment)),
  ];
  const targets = mounts.map((m) => m.target);
  if (new Set(targets).size !== targets.length) throw new UserError('bad-value', msg('run.sameTarget'));
  const pull = flagString(f, 'pull') ?? 'missing';
  if (pull !== 'missing' && pull !== 'always' && pull !== 'never') {
    throw new UserError('bad-value', msg('run.pull', { pull }));
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
    volumeDisk: mounts.length ? volumeDiskOf(settings) : undefined,
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

/** Docker's own floors: 6 MiB of memory, a hundredth of a CPU; and one process (the container's own). */
const MIN_MEMORY = 6 * 1024 * 1024;
const MIN_CPUS = 0.01;
const MIN_PIDS = 1;

const shown = (flag: string, n: number) => (flag === '--memory' ? `${Math.floor(n / 1024 / 1024)}m` : String(n));

/** The user's value when it lies within [min, max] (a number at all), else a refusal naming the range. */
function bounded(
  flag: string,
  typed: string | undefined,
  fallback: number,
  min: number,
  max: number,
  parse: (v: string) => number,
): number {
  if (typed === undefined) return fallback;
  const value = parse(typed);
  if (!Number.isFinite(value) || value < min)
    throw new UserError(
      'bad-value',
      msg('limits.outOfRange', { flag, typed, min: shown(flag, min), max: shown(flag, max) }),
      msg('limits.outOfRange.hint'),
    );
  if (!(value <= max))
    throw new UserError('bad-value', msg('run.overLimit', { flag, typed }), msg('run.overLimit.hint', { max: shown(flag, max) }));
  return value;
}
