import { defineConfig } from 'vitest/config';

// The deployment tests (npm run test:deploy): the composed stack and Redis Sentinel, one file at a time, each bounded
// by its own deadlines. Not part of `npm test`: their files are named *.deploy.ts.
export default defineConfig({
  test: {
    include: ['test/deploy/**/*.deploy.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
    reporters: ['verbose'],
  },
});
