import { defineConfig } from 'vitest/config';

// Two projects, run at the same time: the unit tests (no Redis, no engine) in parallel with each other, and the
// integration tests, which share one Docker engine and one Redis, one file after another.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A poll waits for an event, however busy the machine: a short default deadline made tests depend on speed.
    expect: { poll: { timeout: 30_000, interval: 50 } },
    reporters: ['default', 'json'],
    outputFile: { json: '.data/vitest-report.json' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: ['test/unit/**'], fileParallelism: false },
      },
    ],
  },
});
