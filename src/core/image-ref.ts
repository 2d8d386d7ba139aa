import { UserError } from '../errors.js';
import { msg } from './messages/index.js';
import type { ImageWhyKey } from './messages/parse.js';

/** An image reference taken apart and normalised as Docker does (distribution/reference). */
export interface ImageRef {
  /** Registry host[:port]; docker.io when none is named. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/nginx`, `docker/whalesay`, `a/b`. */
  path: string;
  /** The account (namespace) part of the path, e.g. `docker`, `library`; empty for a one-part path. */
  account: string;
  /** The last part of the path, e.g. `whalesay`. */
  repository: string;
  /** The tag as written, or undefined. */
  tag?: string;
  digest?: string;
  /** True when neither tag nor digest was written, so `latest` is implied. */
  impliedLatest: boolean;
  /** Fully qualified: `docker.io/library/nginx:latest`. */
  canonical: string;
  /** As Docker shows it: `nginx:latest`, `docker/whalesay:latest`, `localhost:5000/a/b@sha256:…`. */
  familiar: string;
}

export const DEFAULT_REGISTRY = 'docker.io';
const OFFICIAL_NAMESPACE = 'library';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d+)?$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME_MAX = 255;

function bad(text: string, why: ImageWhyKey, detail?: string, code?: string): UserError {
  const filled = { text, why, ...(detail === undefined ? {} : { detail }), ...(code === undefined ? {} : { code }) };
  return new UserError('bad-image', msg('image.invalid', filled), msg('image.invalid.hint'));
}

export function parseImageRef(text: string): ImageRef {
  if (text === '') throw bad(text, 'empty');
  const foreign = /[^\x21-\x7e]/u.exec(text);
  if (foreign) {
    const code = foreign[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw bad(text, 'foreign', foreign[0], code);
  }
  if (/^[a-f0-9]{64}$/.test(text)) throw bad(text, 'imageId');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(text, 'digest', digest);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(text, 'tag', tag);
  }
  let registry = DEFAULT_REGISTRY;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      registry = first === 'index.docker.io' ? DEFAULT_REGISTRY : first;
      path = rest.slice(slash + 1);
      if (!DOMAIN.test(first)) throw bad(text, 'registry', first);
    }
  }
  if (registry === DEFAULT_REGISTRY && !path.includes('/')) path = `${OFFICIAL_NAMESPACE}/${path}`;
  const parts = path.split('/');
  for (const part of parts) {
    if (part.toLowerCase() !== part && PATH_COMPONENT.test(part.toLowerCase())) throw bad(text, 'lowercase');
    if (!PATH_COMPONENT.test(part)) throw bad(text, 'part', part);
  }
  if (`${registry}/${path}`.length > NAME_MAX) throw bad(text, 'tooLong', String(NAME_MAX));

  const impliedLatest = tag === undefined && digest === undefined;
  const suffix = `${tag !== undefined ? `:${tag}` : impliedLatest ? ':latest' : ''}${digest ? `@${digest}` : ''}`;
  const familiarPath = registry === DEFAULT_REGISTRY ? path.replace(/^library\//, '') : `${registry}/${path}`;
  return {
    registry,
    path,
    account: parts.length > 1 ? parts.slice(0, -1).join('/') : '',
    repository: parts.at(-1)!,
    tag,
    digest,
    impliedLatest,
    canonical: `${registry}/${path}${suffix}`,
    familiar: `${familiarPath}${suffix}`,
  };
}
