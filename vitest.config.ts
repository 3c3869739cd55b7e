import { defineConfig } from 'vitest/config';

/**
 * The behaviour suites that also run with their test cores on PostgreSQL (test/support/core-store.ts):
 * the same files, the same expectations, a second engine underneath.
 */
const ON_POSTGRES = ['test/unit/meetings/**/*.test.ts', 'test/unit/prompts/**/*.test.ts', 'test/unit/floor-walks/**/*.test.ts', 'test/unit/wins/**/*.test.ts'];

/** Of those, the files that stay on SQLite only, and why. */
const NOT_ON_POSTGRES: Record<string, string> = {
  'test/unit/floor-walks/read-back.test.ts': "writes audit rows through SQLite's own writeAudit",
  'test/unit/floor-walks/schedule-window.test.ts': 'runs on both engines already (describeEngines)',
  'test/unit/floor-walks/followthrough-windows.test.ts': 'a week of minute-by-minute passes: 40 s on PostgreSQL (5 s on SQLite)',
  'test/unit/wins/roundup.test.ts': 'two weeks of scheduler passes of every module: 18 s on PostgreSQL (1.6 s on SQLite)',
};

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Every project: the run's migrated SQLite file that the test cores copy.
    globalSetup: ['test/support/sqlite-global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ON_POSTGRES,
          exclude: Object.keys(NOT_ON_POSTGRES),
          env: { CLAUSE5_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/pg-global-setup.ts'],
        },
      },
    ],
  },
});
