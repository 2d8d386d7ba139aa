import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../src/core/image-ref.js';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('parseImageRef', () => {
  it('takes docker/whalesay:latest apart as the notes describe', () => {
    expect(parseImageRef('docker/whalesay:latest')).toMatchObject({
      registry: 'docker.io',
      account: 'docker',
      repository: 'whalesay',
      tag: 'latest',
      canonical: 'docker.io/docker/whalesay:latest',
      familiar: 'docker/whalesay:latest',
    });
  });
  it('puts an official image under library/ with latest implied', () => {
    expect(parseImageRef('nginx')).toMatchObject({
      path: 'library/nginx',
      impliedLatest: true,
      canonical: 'docker.io/library/nginx:latest',
      familiar: 'nginx:latest',
    });
  });
  it('keeps an explicit tag', () => {
    expect(parseImageRef('nginx:1.25')).toMatchObject({ tag: '1.25', canonical: 'docker.io/library/nginx:1.25', familiar: 'nginx:1.25' });
  });
  it('reads a registry with a port, a nested path and a digest', () => {
    const ref = parseImageRef(`localhost:5000/a/b@${digest}`);
    expect(ref).toMatchObject({
      registry: 'localhost:5000',
      path: 'a/b',
      account: 'a',
      repository: 'b',
      digest,
      tag: undefined,
      impliedLatest: false,
    });
    expect(ref.canonical).toBe(`localhost:5000/a/b@${digest}`);
  });
  it('reads tag and digest together', () => {
    expect(parseImageRef(`ghcr.io/org/app:v1@${digest}`)).toMatchObject({ registry: 'ghcr.io', tag: 'v1', digest });
  });
  it('treats docker.io and index.docker.io as the default registry', () => {
    expect(parseImageRef('docker.io/library/busybox').familiar).toBe('busybox:latest');
    expect(parseImageRef('index.docker.io/docker/whalesay').familiar).toBe('docker/whalesay:latest');
  });
  it('refuses uppercase repository names as Docker does', () => {
    expect(() => parseImageRef('Docker/Whalesay')).toThrow(/must be lowercase|not a registry|not a valid/);
    expect(() => parseImageRef('docker/WhaleSay')).toThrow(/must be lowercase/);
  });
  it('refuses malformed names, tags and digests', () => {
    for (const bad of [
      '',
      'a//b',
      'nginx:',
      'nginx:-bad',
      'nginx@sha256:12',
      '-nginx',
      'nginx:' + 'x'.repeat(129),
      'a'.repeat(64).replace(/a/g, 'f'),
    ]) {
      expect(() => parseImageRef(bad), bad).toThrow(/invalid reference format/);
    }
  });
});
