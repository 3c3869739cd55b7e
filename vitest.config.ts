import { availableParallelism } from 'node:os';
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

/**
 * Files that run real server processes and measure them (latencies, kills, a lock held for 10 s):
 * they run one at a time after the others, as they were written to, while their processes use the cores.
 */
const ALONE = ['test/reliability/**/*.test.ts', 'test/integration/scale-out-kill.test.ts', 'test/integration/pg-two-serves*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on a 2-core runner.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker keeps the modules it loaded from one file to the next (not a second or so of imports
    // per file); each file still gets fresh stores, clocks and servers from its own setup.
    isolate: false,
    // Every project: the run's migrated SQLite file that the test cores copy.
    globalSetup: ['test/support/sqlite-global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ALONE } },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
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
