import { EngineUnavailable, HostTrouble, UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { Message } from '../core/messages/index.js';

interface EngineError {
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
  code?: string;
}

/** The engine's own message for a failed API call. */
export function engineMessage(error: unknown): string {
  const e = error as EngineError;
  return (e.json?.message ?? e.message ?? String(error)).replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/**
 * Engine answers that are about what the user asked (404 no such thing, 409 conflict, 400 bad parameter) become
 * UserErrors: what failed, in the user's language, with the engine's own words (`what` is given them). Anything
 * else (engine unreachable, 500) stays an Error and is retried.
 */
export function toUserError(error: unknown, what: (engine: string) => Message): unknown {
  const code = ({ 404: 'not-found', 409: 'conflict', 400: 'bad-value' } as const)[(error as EngineError).statusCode ?? 0];
  return code ? new UserError(code, what(engineMessage(error))) : error;
}

export function isNotFound(error: unknown): boolean {
  return (error as EngineError).statusCode === 404;
}

/** What an engine call answers, or undefined when the engine says the object does not exist (404). */
export function unlessMissing<T>(call: Promise<T>): Promise<T | undefined> {
  return call.catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
}

/** 304: the container was already in the asked state (started, stopped). */
export function isNotModified(error: unknown): boolean {
  return (error as EngineError).statusCode === 304;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNABORTED']);

/**
 * Turns "no engine there" into EngineUnavailable, so the worker waits for the engine instead of failing; and "no
 * space left" (the engine's data root is full, whatever the call) into a clear refusal the ops channel hears too.
 */
export function asEngineTrouble(error: unknown): unknown {
  const code = (error as { code?: string })?.code;
  if (code && UNREACHABLE.has(code)) return new EngineUnavailable(error);
  // The engine answers while it stops or starts, but its containerd does not: as good as away.
  if ((error as EngineError).statusCode === 500 && /transport is closing/.test(engineMessage(error))) return new EngineUnavailable(error);
  // Not the engine's words: they name paths on the host.
  if (/no space left on device/i.test(error instanceof UserError ? error.message : engineMessage(error))) {
    return new HostTrouble(msg('engine.diskFull'), msg('engine.diskFull.hint'), msg('engine.diskFull.ops'));
  }
  return error;
}

/** A proxy of `target` whose methods hand the promises they return through `around` (other results pass as they are). */
function aroundCalls<T extends object>(target: T, around: (out: Promise<unknown>) => Promise<unknown>): T {
  return new Proxy(target, {
    get(t, property, receiver) {
      const value = Reflect.get(t, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out = value.apply(t, args);
        return out instanceof Promise ? around(out) : out;
      };
    },
  });
}

/** Wraps every method of a sandbox so that a missing engine surfaces as EngineUnavailable. */
export function withEngineErrors<T extends object>(target: T): T {
  return aroundCalls(target, (out) => out.catch((error: unknown) => Promise.reject(asEngineTrouble(error))));
}

/**
 * Wraps a sandbox (already `withEngineErrors`) so each call reports whether the engine answered: an engine error
 * (404, 409) is an answer; EngineUnavailable is not. A fleet host's health counts these.
 */
export function watchCalls<T extends object>(target: T, answered: () => void, unanswered: (error: unknown) => void): T {
  return aroundCalls(target, (out) =>
    out.then(
      (result: unknown) => (answered(), result),
      (error: unknown) => {
        if (error instanceof EngineUnavailable) unanswered(error);
        else answered();
        return Promise.reject(error);
      },
    ),
  );
}
