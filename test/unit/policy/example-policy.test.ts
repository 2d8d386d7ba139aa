import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/policy-file.js';

describe('policy.example.yaml', () => {
  it('is a valid policy', () => {
    const policy = parsePolicy(readFileSync(new URL('../../../policy.example.yaml', import.meta.url), 'utf8'));
    expect(policy.channels.length).toBeGreaterThan(0);
  });
});
