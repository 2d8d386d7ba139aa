import { EngineUnavailable, EngineUntrusted, HostTrouble, UserError } from '../errors.js';
import { msg } from '../core/messages/index.js';
import type { Message } from '../core/messages/index.js';
import { knownHostsNameOf } from './known-hosts.js';

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

/** Node's codes for a peer certificate that does not verify (OpenSSL's X.509 errors, and a name it is not for). */
const CERT_REFUSED =
  /^(UNABLE_TO_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_ALTNAME_INVALID$)/;

/** The engine a sandbox talks to, as its errors name it: its SANDBOX_HOSTS name and URL (or DOCKER_HOST), its known_hosts. */
export interface EngineAddress {
  engine: string;
  url: string;
  knownHosts?: string;
}

/**
 * An engine that did not prove who it is, or refused us: its TLS certificate does not verify, or it ended the
 * handshake with an alert (our certificate refused); over ssh, a host key known_hosts does not list (ssh2's
 * "Host denied"), or a login refused. Undefined for any other error.
 */
function untrusted(error: unknown, where: EngineAddress): EngineUntrusted | undefined {
  const e = error as { code?: string; level?: string; message?: string };
  const { engine } = where;
  if (e?.code && CERT_REFUSED.test(e.code)) return new EngineUntrusted(error, msg('engine.untrusted.tls', { engine, code: e.code }));
  if (e?.code && /^ERR_SSL_.*ALERT/.test(e.code))
    return new EngineUntrusted(error, msg('engine.untrusted.tlsRefused', { engine, code: e.code }));
  if (e?.level === 'handshake' && /^Host denied/.test(e.message ?? '') && where.knownHosts) {
    const name = knownHostsNameOf(new URL(where.url)); // ssh://: only a host with known_hosts checks keys
    return new EngineUntrusted(error, msg('engine.untrusted.hostKey', { engine, file: where.knownHosts, name }));
  }
  if (e?.level === 'client-authentication') return new EngineUntrusted(error, msg('engine.untrusted.sshLogin', { engine }));
  return undefined;
}

/**
 * Turns "no engine there" into EngineUnavailable, so the worker waits for the engine instead of failing (an engine
 * that does not prove who it is, EngineUntrusted, likewise); and "no space left" (the engine's data root is full,
 * whatever the call) into a clear refusal the ops channel hears too.
 */
export function asEngineTrouble(error: unknown, where: EngineAddress = { engine: 'DOCKER_HOST', url: '' }): unknown {
  const code = (error as { code?: string })?.code;
  if (code && UNREACHABLE.has(code)) return new EngineUnavailable(error);
  const refused = untrusted(error, where);
  if (refused) return refused;
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

/** Wraps every method of a sandbox so that a missing engine, or one not trusted, surfaces as EngineUnavailable. */
export function withEngineErrors<T extends object>(target: T, where?: EngineAddress): T {
  return aroundCalls(target, (out) => out.catch((error: unknown) => Promise.reject(asEngineTrouble(error, where))));
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
