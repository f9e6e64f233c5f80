import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/summary-reporter.js';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', new SummaryReporter()],
  },
});
// vitest reads the default export of its config file; this is the only default export in the tree.
// eslint-disable-next-line no-restricted-syntax -- vitest requires a default export here
export default config;
