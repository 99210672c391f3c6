import { defineConfig } from 'vitest/config';

// `npm test`: the whole suite but the slow checks (vitest.slow.config.ts), which `npm run test:slow` and CI run.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.slow.test.ts', 'node_modules/**'],
    globalSetup: ['test/helpers/build-dist.ts'],
    testTimeout: 30_000,
    // Two workers keep the 2-core machines busy without thrashing.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
