import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the checks that retrain on real data (metric floors, the byte-identical default model).
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    globalSetup: ['test/helpers/build-dist.ts'],
    testTimeout: 600_000,
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
