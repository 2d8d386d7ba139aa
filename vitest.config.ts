import { defineConfig } from 'vitest/config';

// Integration tests share one Docker engine and one Redis: files run one after another.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A poll waits for an event, however busy the machine: a short default deadline made tests depend on speed.
    expect: { poll: { timeout: 30_000, interval: 50 } },
    reporters: ['default', 'json'],
    outputFile: { json: '.data/vitest-report.json' },
  },
});
