import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../../src/core/secrets.js';

describe('maskSecrets', () => {
  it('masks the values of -e and --env, in every spelling', () => {
    expect(maskSecrets('/docker run -e DB_PASSWORD=hunter2 --env API=abc --env=X=1 busybox env')).toBe(
      '/docker run -e DB_PASSWORD=*** --env API=*** --env=X=*** busybox env',
    );
  });

  it('keeps a bare -e KEY, which takes its value from the environment', () => {
    expect(maskSecrets('run -e HOME busybox')).toBe('run -e HOME busybox');
  });

  it('masks password-, token- and key-like arguments, after the image too', () => {
    expect(maskSecrets('run busybox login --password=hunter2 --token abc --api-key=k1 SECRET_KEY=s')).toBe(
      'run busybox login --password=*** --token *** --api-key=*** SECRET_KEY=***',
    );
  });

  it('leaves a line without secrets as it is', () => {
    expect(maskSecrets('run whalesay boo')).toBe('run whalesay boo');
  });
});
