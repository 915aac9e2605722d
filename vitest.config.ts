import { defineConfig } from 'vitest/config';

/**
 * Every tier runs against one real PostgreSQL server per run (test/support/global-setup.ts):
 * a migrated template database is cloned once per test file.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
