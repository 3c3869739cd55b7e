import { defineConfig } from 'vitest/config';

/**
 * The behaviour suites that also run with their test cores on PostgreSQL (test/support/core-store.ts):
 * the same files, the same expectations, a second engine underneath.
 */
const ON_POSTGRES = ['test/unit/meetings/**/*.test.ts', 'test/unit/prompts/**/*.test.ts', 'test/unit/floor-walks/**/*.test.ts', 'test/unit/wins/**/*.test.ts'];

/** Of those, the files that write the SQLite file directly (read-back: audit rows through SQLite's writeAudit). */
const SQLITE_ONLY = ['test/unit/floor-walks/read-back.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ON_POSTGRES,
          exclude: SQLITE_ONLY,
          env: { CLAUSE5_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/pg-global-setup.ts'],
        },
      },
    ],
  },
});
