// The production build (`npm run build`): the bundle serves, migrates a new database, and gives the
// same answers as the TypeScript source; its scorecard worker thread runs as built (no tsx).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../scripts/build';
import { buildScorecard } from '../../src/core/scorecard/build';
import { parsePeriod } from '../../src/core/scorecard/period';
import { ScorecardWorkerPool } from '../../src/store/sqlite/scorecard-pool';
import { SqliteScorecardRepo } from '../../src/store/sqlite/scorecard';
import { makeTestCore, tempDir } from '../support/core';
import { startServe } from '../support/serve-process';
import { ORG, seedPlant } from '../unit/scorecard/fixture';
import { cleanEnv, ROOT, runCli } from '../unit/cli/support';

// Inside the project, so that the bundle finds node_modules and db/migrations above it as dist/ does.
const OUT = join(ROOT, 'node_modules', '.cache', `clause5-build-test-${process.pid}`);
let built: { cli: string; worker: string };
let dir: string;

beforeAll(async () => {
  built = await buildBundle(OUT);
  dir = tempDir('clause5-build-');
}, 60_000);
afterAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function runBuilt(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [built.cli, ...args], { cwd: dir, env: cleanEnv(env), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the built bundle', { timeout: 90_000 }, () => {
  it('migrates a new database, seeds the demo and prints the same scorecard as the source', async () => {
    const db = join(dir, 'same.db');
    expect(await runBuilt(['seed-demo'], { CLAUSE5_DB: db })).toMatchObject({ code: 0 });
    const fromBundle = await runBuilt(['scorecard', 'all', 'last-month', '--format', 'csv'], { CLAUSE5_DB: db });
    const fromSource = await runCli(['scorecard', 'all', 'last-month', '--format', 'csv'], dir, { CLAUSE5_DB: db });
    expect(fromBundle.stderr).toBe('');
    expect(fromSource.code).toBe(0);
    expect(fromBundle.stdout).toBe(fromSource.stdout);
    expect(fromBundle.stdout.split('\n').filter((l) => l.startsWith('"leader",')).length).toBe(5);
  });

  it('serves /healthz and stops on SIGTERM', async () => {
    const { child, port, exited } = await startServe(
      process.execPath,
      [built.cli, 'serve'],
      dir,
      cleanEnv({ CLAUSE5_DB: join(dir, 'serve.db'), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' }),
    );
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('runs scorecard statements in its built worker thread', async () => {
    const core = makeTestCore('2026-12-02T15:00:00Z');
    const pool = new ScorecardWorkerPool(1, 30_000, `file://${built.worker}`);
    try {
      seedPlant(core);
      const db = core.store.database.db;
      const period = parsePeriod('2026-11-02..2026-11-29', '2026-12-02');
      const card = (repo: SqliteScorecardRepo) =>
        buildScorecard({ ...core.deps, store: { ...core.deps.store, scorecard: repo } }, { orgId: ORG, target: { kind: 'all' }, period });
      const viaBuiltWorker = await card(new SqliteScorecardRepo(db, () => core.clock.now(), { pool, rollups: false }));
      expect(pool.broken).toBeUndefined();
      expect(pool.workers).toBe(1);
      expect(viaBuiltWorker).toEqual(await card(new SqliteScorecardRepo(db, () => core.clock.now(), { workers: false, rollups: false })));
    } finally {
      await pool.stop();
      core.cleanup();
    }
  });
});
