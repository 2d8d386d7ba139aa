import { resolveAlias } from '../core/catalog.js';
import { splitArgv } from '../core/argv.js';
import { parseImageRef } from '../core/image-ref.js';
import { msg, type Message } from '../core/messages/index.js';
import { withoutPrefix } from '../core/parse.js';
import type { AuditApi, AuditEntry } from '../core/queue-ports.js';
import type { CommandRegistry } from '../core/registry.js';
import type { Requester } from '../core/request.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';
import { httpGet, ownContainers, readContainerFile, readVolumeFile, sameImage, type FileRead } from './engine-reads.js';
import type { AskedCheck, Check, ContainerCheck, FileCheck, HttpCheck } from './types.js';

/** What a check may look at: the engine (through the sandbox), the learner's answered commands, since when. */
export interface CheckEnv {
  sandbox: SandboxApi;
  audit: AuditApi;
  registry: CommandRegistry;
  settings: Settings;
  who: Requester;
  jobId: string;
  /** When the step began (ms since the epoch). */
  since: number;
}

/** Met, or what differs from what was asked, in the learner's terms. */
export type CheckResult = { ok: true } | { ok: false; why: Message[] };

const OK: CheckResult = { ok: true };
const miss = (...why: Message[]): CheckResult => ({ ok: false, why });

/**
 * How long a container started a moment ago gets to do what its step asks (write its file, listen on its port)
 * before a check of what it does inside says it is missing: a learner who checks at once is not told it failed.
 */
const SETTLE_MS = 5000;

/** Runs a step's checks in order; the first that is not met says why. */
export async function checkAll(checks: readonly Check[], env: CheckEnv): Promise<CheckResult> {
  let probes = 0;
  for (const check of checks) {
    let result = await checkOne(check, env, () => probes++);
    const by = result.ok ? undefined : await settlesBy(check, env);
    while (!result.ok && by !== undefined && Date.now() < by) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      result = await checkOne(check, env, () => probes++);
    }
    if (!result.ok) return result;
  }
  return OK;
}

/** For a check of what a running container does inside (a file, a page): when its settling time ends. */
async function settlesBy(check: Check, env: CheckEnv): Promise<number | undefined> {
  const name = check.kind === 'http' ? check.container : check.kind === 'file' ? check.container : undefined;
  const found = name === undefined ? undefined : (await ownContainers(env.sandbox, env.who)).find((c) => c.name === name);
  if (found?.state !== 'running') return undefined;
  const inspected = (await env.sandbox.inspectContainer(found.id)) as { State?: { StartedAt?: string } };
  return Date.parse(inspected.State?.StartedAt ?? '') + SETTLE_MS;
}

export async function checkOne(check: Check, env: CheckEnv, nextProbe: () => number = () => 0): Promise<CheckResult> {
  switch (check.kind) {
    case 'container':
      return checkContainer(check, env);
    case 'gone': {
      const there = (await ownContainers(env.sandbox, env.who)).find((c) => c.name === check.name);
      return there ? miss(msg('labs.miss.stillThere', { name: check.name, state: there.status })) : OK;
    }
    case 'volume': {
      const mine = (await env.sandbox.listVolumes()).filter((v) => v.owner === `${env.who.platform}:${env.who.userId}`);
      if (mine.some((v) => v.name === check.name)) return OK;
      return miss(msg('labs.miss.noVolume', { name: check.name, have: mine.map((v) => v.name).join(', ') }));
    }
    case 'file':
      return checkFile(check, env, nextProbe());
    case 'http':
      return checkHttp(check, env);
    case 'image': {
      const want = parseImageRef(check.ref).familiar;
      const images = await env.sandbox.listImages();
      return images.some((i) => i.tags.some((t) => sameImage(t, want))) ? OK : miss(msg('labs.miss.noImage', { image: want }));
    }
    case 'asked':
      return checkAsked(check, env);
  }
}

/**
 * The containers made since the step began. The engine's list gives whole seconds: one of the step's first second
 * is looked at closer (inspect gives nanoseconds), so the previous step's container is never taken for it.
 */
async function madeSince<T extends { id: string; createdMs: number }>(mine: T[], env: CheckEnv): Promise<T[]> {
  const made: T[] = [];
  for (const c of mine) {
    if (c.createdMs >= env.since) made.push(c);
    else if (c.createdMs >= env.since - 1000) {
      const inspected: Record<string, unknown> = await env.sandbox.inspectContainer(c.id).catch(() => ({}));
      const created = Date.parse(String(inspected['Created'] ?? ''));
      if (created >= env.since) made.push(c);
    }
  }
  return made;
}

async function checkContainer(check: ContainerCheck, env: CheckEnv): Promise<CheckResult> {
  const mine = await ownContainers(env.sandbox, env.who);
  const found = mine.find((c) => c.name === check.name);
  if (!found) {
    // A container made since the step began under another name: most likely the one meant.
    const recent = (await madeSince(mine, env)).sort((a, b) => b.createdMs - a.createdMs)[0];
    return recent
      ? miss(msg('labs.miss.otherName', { name: check.name, other: recent.name }))
      : miss(msg('labs.miss.noContainer', { name: check.name }));
  }
  if (check.image && !sameImage(found.image, check.image)) {
    const want = parseImageRef(check.image);
    let have: ReturnType<typeof parseImageRef> | undefined;
    try {
      have = parseImageRef(found.image);
    } catch {
      have = undefined;
    }
    if (have && have.registry === want.registry && have.path === want.path)
      return miss(msg('labs.miss.tag', { name: check.name, tag: have.tag ?? have.digest ?? '', want: want.tag ?? 'latest' }));
    return miss(msg('labs.miss.image', { name: check.name, image: found.image, want: want.familiar }));
  }
  const inspected = (await env.sandbox.inspectContainer(found.id)) as {
    Created?: string;
    State?: { Running?: boolean; ExitCode?: number; StartedAt?: string; Status?: string };
    Config?: { Labels?: Record<string, string> };
    HostConfig?: { NetworkMode?: string };
  };
  const state = inspected.State ?? {};
  if (check.createdSince && Date.parse(inspected.Created ?? '') < env.since) return miss(msg('labs.miss.notNew', { name: check.name }));
  if (check.startedSince && Date.parse(state.StartedAt ?? '') < env.since) return miss(msg('labs.miss.notRestarted', { name: check.name }));
  if (check.running && !state.Running)
    return miss(msg('labs.miss.notRunning', { name: check.name, code: state.ExitCode ?? 0 }), exitMeaning(state.ExitCode ?? 0));
  if (check.exitCode !== undefined) {
    if (state.Running) return miss(msg('labs.miss.stillRunning', { name: check.name }));
    if (state.ExitCode !== check.exitCode)
      return miss(
        msg('labs.miss.exitCode', { name: check.name, code: state.ExitCode ?? -1, want: check.exitCode }),
        exitMeaning(state.ExitCode ?? -1),
      );
  }
  if (check.network !== undefined) {
    const network = inspected.HostConfig?.NetworkMode ?? 'default';
    if (network !== check.network) return miss(msg('labs.miss.network', { name: check.name, network, want: check.network }));
  }
  if (check.label) {
    const got = inspected.Config?.Labels?.[check.label.key];
    if (got !== check.label.value)
      return miss(
        got === undefined
          ? msg('labs.miss.noLabel', { name: check.name, key: check.label.key, want: check.label.value })
          : msg('labs.miss.label', { name: check.name, key: check.label.key, want: check.label.value, got }),
      );
  }
  if (check.output !== undefined) {
    const logs = await env.sandbox.containerLogs(found.id, 'all', 64 * 1024);
    if (!logs.text.includes(check.output)) {
      const last = logs.text.trim().split('\n').at(-1)?.trim() ?? '';
      return miss(msg('labs.miss.output', { name: check.name, want: check.output, got: last.slice(0, 120) }));
    }
  }
  return OK;
}

/** What an exit code usually means, by the shell's and Docker's conventions. */
export function exitMeaning(code: number): Message {
  switch (code) {
    case 0:
      return msg('labs.exit.0');
    case 1:
      return msg('labs.exit.1');
    case 2:
      return msg('labs.exit.2');
    case 125:
      return msg('labs.exit.125');
    case 126:
      return msg('labs.exit.126');
    case 127:
      return msg('labs.exit.127');
    case 137:
      return msg('labs.exit.137');
    case 139:
      return msg('labs.exit.139');
    case 143:
      return msg('labs.exit.143');
    default:
      return code > 128 ? msg('labs.exit.signal', { signal: code - 128 }) : msg('labs.exit.other');
  }
}

async function checkFile(check: FileCheck, env: CheckEnv, probe: number): Promise<CheckResult> {
  let read: FileRead;
  let where: string;
  if (check.volume !== undefined) {
    where = check.volume;
    const volumes = (await env.sandbox.listVolumes()).filter((v) => v.owner === `${env.who.platform}:${env.who.userId}`);
    if (!volumes.some((v) => v.name === check.volume))
      return miss(msg('labs.miss.noVolume', { name: check.volume, have: volumes.map((v) => v.name).join(', ') }));
    read = await readVolumeFile(env.sandbox, env, check.volume, check.path, probe);
  } else {
    where = check.container!;
    const found = (await ownContainers(env.sandbox, env.who)).find((c) => c.name === check.container);
    if (!found) return miss(msg('labs.miss.noContainer', { name: where }));
    read = await readContainerFile(env.sandbox, { id: found.id, running: found.state === 'running', user: env.settings.user }, check.path);
  }
  if (!read.found) {
    if (read.isDir) return miss(msg('labs.miss.isDir', { path: check.path, where }));
    return miss(
      msg('labs.miss.noFile', { path: check.path, where }),
      ...(read.siblings
        ? [msg('labs.miss.dirHolds', { dir: check.path.replace(/\/[^/]*$/, '') || '/', names: read.siblings.join(', ') })]
        : []),
    );
  }
  if (check.content !== undefined && !read.content.includes(check.content))
    return miss(msg('labs.miss.content', { path: check.path, where, want: check.content, got: read.content.trim().slice(0, 120) }));
  return OK;
}

async function checkHttp(check: HttpCheck, env: CheckEnv): Promise<CheckResult> {
  const found = (await ownContainers(env.sandbox, env.who)).find((c) => c.name === check.container);
  if (!found) return miss(msg('labs.miss.noContainer', { name: check.container }));
  if (found.state !== 'running') return miss(msg('labs.miss.notServing', { name: check.container }));
  const port = check.port ?? 8080;
  const answer = await httpGet(env.sandbox, found.id, check.path, port, env.settings.user);
  if (answer.status === undefined) return miss(msg('labs.miss.noAnswer', { name: check.container, port }));
  const want = check.status ?? 200;
  if (answer.status !== want)
    return miss(msg('labs.miss.status', { path: check.path, name: check.container, status: answer.status, want }));
  if (check.holds !== undefined && !answer.body.includes(check.holds))
    return miss(msg('labs.miss.body', { path: check.path, name: check.container, want: check.holds }));
  return OK;
}

/** One command the learner typed since the step began, as the audit trail has it, with how its job ended. */
interface Asked {
  text: string;
  words: string[];
  verdict: string;
}

async function askedSince(env: CheckEnv): Promise<Asked[]> {
  const entries = await env.audit.recent(1000);
  const outcomes = new Map<string, AuditEntry>();
  for (const e of entries) if (e.jobId && e.command === undefined) outcomes.set(e.jobId, e);
  return entries
    .filter((e) => e.command !== undefined && e.platform === env.who.platform && e.userId === env.who.userId && e.at >= env.since)
    .map((e) => {
      let words: string[];
      try {
        words = splitArgv(withoutPrefix(e.command!));
      } catch {
        words = [];
      }
      const verdict = e.verdict === 'queued' && e.jobId ? (outcomes.get(e.jobId)?.verdict ?? 'queued') : e.verdict;
      return { text: withoutPrefix(e.command!), words, verdict };
    });
}

async function checkAsked(check: AskedCheck, env: CheckEnv): Promise<CheckResult> {
  const candidates: { asked: Asked; rest: string[] }[] = [];
  for (const asked of await askedSince(env)) {
    let words = asked.words;
    if (check.orExplain && words[0] === 'explain') words = words.slice(1);
    const found = env.registry.lookup(words);
    if (found?.definition.name === check.command) candidates.push({ asked, rest: words.slice(found.words) });
  }
  if (!candidates.length) return miss(msg('labs.miss.notAsked', { command: check.command }));
  // Newest first: the last attempt is the one to talk about.
  let nearest: CheckResult | undefined;
  for (const { asked, rest } of candidates) {
    const result = matchAsked(check, asked, rest);
    if (result.ok) return OK;
    nearest ??= result;
  }
  return nearest!;
}

function matchAsked(check: AskedCheck, asked: Asked, rest: string[]): CheckResult {
  if (
    check.flag &&
    !rest.some(
      (w) => check.flag!.includes(w) || (/^-[a-zA-Z]+$/.test(w) && check.flag!.some((f) => /^-[a-zA-Z]$/.test(f) && w.includes(f[1]!))),
    )
  )
    return miss(msg('labs.miss.flag', { typed: asked.text, flag: check.flag.join(' / ') }));
  if (check.image) {
    const word = rest.find((w) => !w.startsWith('-'));
    let typed = '';
    try {
      typed = word ? parseImageRef(resolveAlias(word, []).image).familiar : '';
    } catch {
      typed = word ?? '';
    }
    if (!word || !sameImage(typed, check.image)) {
      const want = parseImageRef(check.image);
      const same = /^[^:@]+/.exec(typed)?.[0] === /^[^:@]+/.exec(want.familiar)?.[0];
      return miss(
        same
          ? msg('labs.miss.askedTag', { typed: word ?? '', want: want.familiar })
          : msg('labs.miss.askedImage', { typed: word ?? '', want: want.familiar }),
      );
    }
  }
  if (check.args) {
    const absent = check.args.filter((a) => !rest.includes(a));
    if (absent.length) return miss(msg('labs.miss.args', { typed: asked.text, want: absent.join(' ') }));
  }
  if (check.succeeded && !['ok', 'info', 'answered'].includes(asked.verdict))
    return miss(msg('labs.miss.askedFailed', { typed: asked.text }));
  return OK;
}
