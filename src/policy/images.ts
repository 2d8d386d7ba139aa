import { UserError } from '../errors.js';
import { IMAGE_ALIASES } from '../core/catalog.js';
import { msg } from '../core/messages/index.js';
import { DEFAULT_REGISTRY, type ImageRef } from '../core/image-ref.js';

interface ImagePattern {
  registry: string;
  path: string[];
  tag?: string;
  digest?: string;
  text: string;
}

/** Reads `registry/path[:tag][@digest]`, normalised as image references are; `*` stands for one path part. */
export function parseImagePattern(text: string): ImagePattern {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  const parts = rest.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost');
  const registry = hasRegistry ? (first === 'index.docker.io' ? DEFAULT_REGISTRY : first) : DEFAULT_REGISTRY;
  let path = hasRegistry ? parts.slice(1) : parts;
  if (registry === DEFAULT_REGISTRY && path.length === 1) path = ['library', ...path];
  return { registry, path, tag, digest, text };
}

function matches(pattern: ImagePattern, ref: ImageRef): boolean {
  const path = ref.path.split('/');
  if (pattern.registry !== ref.registry || pattern.path.length !== path.length) return false;
  if (!pattern.path.every((part, i) => part === '*' || part === path[i])) return false;
  if (pattern.tag !== undefined && pattern.tag !== (ref.tag ?? (ref.impliedLatest ? 'latest' : undefined))) return false;
  // A pinned digest must be asked for by that digest: a tag can move, a digest cannot.
  if (pattern.digest !== undefined && pattern.digest !== ref.digest) return false;
  return true;
}

/** The built-in aliases' images, always allowed, then the policy's own patterns. */
export function allowedImagePatterns(policyImages: readonly string[]): ImagePattern[] {
  return [...IMAGE_ALIASES.map((a) => a.image.replace(/:[^/]*$/, '')), ...policyImages].map(parseImagePattern);
}

/** Refuses an image that no pattern allows, before anything is pulled; says which registries are allowed. */
export function checkImageAllowed(ref: ImageRef, patterns: readonly ImagePattern[]): void {
  if (patterns.some((p) => matches(p, ref))) return;
  const registries = [...new Set(patterns.map((p) => p.registry))];
  if (!registries.includes(ref.registry)) {
    throw new UserError(
      'image-not-allowed',
      msg('image.registryNotAllowed', { registry: ref.registry }),
      msg('image.registryNotAllowed.hint', { registries: registries.join(', ') }),
    );
  }
  const examples = patterns
    .slice(0, 6)
    .map((p) => p.text)
    .join(', ');
  throw new UserError(
    'image-not-allowed',
    msg('image.notAllowed', { image: ref.familiar }),
    msg('image.notAllowed.hint', { examples, more: Math.max(0, patterns.length - 6) }),
  );
}
