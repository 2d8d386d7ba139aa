import type Docker from 'dockerode';
import { EngineUnavailable, UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { RunPlan, RunResult } from '../core/sandbox-api.js';
import { containerSpec } from '../policy/container-spec.js';
import { LABEL } from '../policy/labels.js';
import { asEngineTrouble, isNotFound, toUserError } from './engine-errors.js';
import { CappedOutput } from './output.js';
import { createdFrom, pinnedImageId, pointTagAtPin } from './image-pins.js';
import { ensureVolume } from './volumes.js';

/** How long to wait for the attach stream to end after the container has exited. */
const STREAM_GRACE_MS = 2000;

/**
 * Runs one planned container: create, attach (before start, so no output is lost), start, wait with a wall-clock
 * limit, collect, remove when asked. A job that runs again (its worker died) finds the container it created
 * under the same name (the engine refuses a second one with 409) and finishes it instead.
 */
export async function runContainer(docker: Docker, plan: RunPlan, signal?: AbortSignal): Promise<RunResult> {
  for (const m of plan.mounts) {
    const labels = {
      [LABEL.deployment]: plan.labels[LABEL.deployment]!,
      [LABEL.owner]: plan.labels[LABEL.owner]!,
      [LABEL.name]: m.name,
      ...(plan.labels[LABEL.ownerName] ? { [LABEL.ownerName]: plan.labels[LABEL.ownerName] } : {}),
    };
    await ensureVolume(docker, m.volume, labels, plan.user, plan.volumeDisk, true);
  }
  const spec = containerSpec(plan);
  // The pinned image, never whatever the tag says now (image-pins.ts): the tag is pointed back at the pin, and the
  // created container is checked to be of it.
  const pinned = await pinnedImageId(docker, plan.labels[LABEL.deployment]!, plan.image);
  await pointTagAtPin(docker, plan.image, pinned);
  let container: Docker.Container;
  try {
    container = await docker.createContainer(spec);
  } catch (error) {
    const failed = (engine: string) => msg('sandbox.createFailed', { name: plan.displayName, engine });
    if ((error as { statusCode?: number }).statusCode !== 409) throw toUserError(error, failed);
    const existing = await findExisting(docker, plan);
    if (!existing) throw toUserError(error, failed);
    return recover(docker, plan, existing, signal);
  }
  await createdFrom(container, pinned, plan.image);
  if (plan.detach) {
    await container.start();
    return { containerId: container.id, exitCode: 0, output: '', truncated: false, timedOut: false, oomKilled: false, durationMs: 0 };
  }
  return attachAndWait(container, plan, true, signal);
}

async function attachAndWait(container: Docker.Container, plan: RunPlan, start: boolean, signal?: AbortSignal): Promise<RunResult> {
  let killedFor: 'output' | 'timeout' | 'cancel' | undefined;
  const kill = (why: 'output' | 'timeout' | 'cancel') => {
    killedFor ??= why;
    container.kill().catch(() => {}); // it may have exited already
  };
  const output = new CappedOutput(plan.limits.outputBytes, () => kill('output'), plan.onOutput);
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true, logs: !start })) as unknown as NodeJS.ReadableStream;
  const drained = CappedOutput.drain(stream as never, output);
  const began = Date.now();
  if (start) await container.start();
  const timer = setTimeout(() => kill('timeout'), Math.max(0, plan.limits.timeoutMs - (Date.now() - began)));
  const onCancel = () => kill('cancel');
  if (signal?.aborted) onCancel();
  signal?.addEventListener('abort', onCancel);
  let exitCode: number;
  try {
    exitCode = await exitOrEngineGone(container, drained);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
  const durationMs = Date.now() - began;
  await Promise.race([drained, new Promise((r) => setTimeout(r, STREAM_GRACE_MS))]);
  (stream as unknown as { destroy?: () => void }).destroy?.();
  // Only a SIGKILL (exit 137) can be the kernel's out-of-memory killer: other exits need no further look.
  const oomKilled = exitCode === 137 && (await container.inspect()).State.OOMKilled;
  // Gone already or being removed: fine. An engine away (restarting) makes the job wait for it and collect again.
  if (plan.autoRemove) await container.remove({ force: true }).catch((error) => ignoreUnlessEngineAway(error));
  return {
    containerId: container.id,
    exitCode,
    output: output.text(),
    truncated: output.truncated,
    timedOut: killedFor === 'timeout',
    oomKilled,
    durationMs,
    ...(killedFor === 'cancel' ? { cancelledBy: String(signal?.reason ?? 'someone') } : {}),
  };
}

/**
 * The container's exit code. Its output stream ends when it exits, or when the engine restarts under it (with
 * live-restore the container runs on, and the old wait never answers): then the engine is asked which it was. An
 * engine gone or restarted fails the call as unreachable, and the job waits for the engine and finishes the same
 * container when it is back (`recover`: attached again with its logs from the start).
 */
async function exitOrEngineGone(container: Docker.Container, drained: Promise<void>): Promise<number> {
  const waited = container.wait().then((s: { StatusCode: number }) => s.StatusCode);
  const first = await Promise.race([waited, drained.then(() => undefined)]);
  if (first !== undefined) return first;
  const state = await Promise.race([waited, container.inspect().then((info) => info.State)]);
  if (typeof state === 'number') return state;
  if (state.Running) throw new EngineUnavailable(new Error('the engine restarted while the container ran'));
  return state.ExitCode;
}

function ignoreUnlessEngineAway(error: unknown): void {
  if (asEngineTrouble(error) instanceof EngineUnavailable) throw error;
}

async function findExisting(docker: Docker, plan: RunPlan): Promise<Docker.ContainerInspectInfo | undefined> {
  try {
    const info = await docker.getContainer(plan.containerName).inspect();
    if (info.Config.Labels?.[LABEL.job] !== plan.labels[LABEL.job]) {
      const name = plan.displayName;
      throw new UserError('conflict', msg('sandbox.nameTaken', { name }), msg('sandbox.nameTaken.hint', { name }));
    }
    return info;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The same job ran before: finish its container rather than create another. */
async function recover(docker: Docker, plan: RunPlan, info: Docker.ContainerInspectInfo, signal?: AbortSignal): Promise<RunResult> {
  const container = docker.getContainer(info.Id);
  if (plan.detach) {
    if (!info.State.Running && info.State.Status === 'created') await container.start();
    return {
      containerId: info.Id,
      exitCode: 0,
      output: '',
      truncated: false,
      timedOut: false,
      oomKilled: false,
      durationMs: 0,
      recovered: true,
    };
  }
  const result = await attachAndWait(container, plan, info.State.Status === 'created', signal);
  return { ...result, recovered: true };
}
