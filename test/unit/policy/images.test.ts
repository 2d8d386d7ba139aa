import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../src/core/image-ref.js';
import { allowedImagePatterns, checkImageAllowed } from '../../../src/policy/images.js';

const check = (image: string, patterns: string[]) => () => checkImageAllowed(parseImageRef(image), allowedImagePatterns(patterns));
const digest = `sha256:${'c'.repeat(64)}`;

describe('image allowlist', () => {
  it('always allows the alias images, any tag', () => {
    expect(check('docker/whalesay', [])).not.toThrow();
    expect(check('busybox:1.36', [])).not.toThrow();
  });
  it('matches normalised references: nginx is docker.io/library/nginx', () => {
    expect(check('nginx:1.25', ['nginx'])).not.toThrow();
    expect(check('docker.io/library/nginx', ['docker.io/library/nginx'])).not.toThrow();
  });
  it('lets * stand for one path part', () => {
    expect(check('ghcr.io/team/app:1', ['ghcr.io/team/*'])).not.toThrow();
    expect(check('ghcr.io/team/deep/app:1', ['ghcr.io/team/*'])).toThrow(/not on this deployment's allowlist/);
  });
  it('holds a tag or a pinned digest when the pattern names one', () => {
    expect(check('alpine:3.20', ['alpine:3.19'])).toThrow(/allowlist/);
    expect(check(`alpine@${digest}`, [`alpine@${digest}`])).not.toThrow();
    expect(check('alpine:latest', [`alpine@${digest}`])).toThrow(/allowlist/);
  });
  it('names a registry that is not allowed at all', () => {
    expect(check('evil.example/x', [])).toThrow('Registry evil.example is not allowed here.');
  });
});
