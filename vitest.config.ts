import { defineConfig } from 'vitest/config';

// Integration tests share one Docker engine and one Redis: files run one after another.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.data/vitest-report.json' },
  },
});
