// Issue 10 item 13: `clause5 tick --at` earlier than the stored last pass is refused unless --force,
// and a tick while `serve` runs on the same database is refused (its heartbeat is live), so a tick
// never sends a prompt the server's chat never shows.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { tickCommand } from '../../src/cli/tick';
import { coreModules } from '../../src/core/modules';
import { silentLogger } from '../../src/core/ports';
import { LAST_PASS_KEY } from '../../src/scheduler/pass';
import { createScheduler } from '../../src/scheduler/scheduler';
import { makeTestCore, tempDir, type TestCore } from '../support/core';

let dir: string | undefined;
let core: TestCore | undefined;
afterEach(() => {
  core?.cleanup();
  core = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const REAL = Date.parse('2026-12-04T12:00:00Z');

describe('tick guards', () => {
  it('refuses --at before the stored last pass unless --force, and leaves the stored time alone', async () => {
    dir = tempDir('clause5-tickguard-');
    const config = loadConfig({ NODE_ENV: 'test', CLAUSE5_DB: join(dir, 'c.db'), CLAUSE5_DEFAULT_TZ: 'America/Chicago' });
    const first = io();
    expect(await tickCommand(config, REAL - 3_600_000, first.io, REAL)).toBe(0);
    const back = io();
    expect(await tickCommand(config, REAL - 2 * 3_600_000, back.io, REAL)).toBe(2);
    expect(back.err.join('\n')).toContain('is before the stored last pass');
    expect(back.err.join('\n')).toContain('--force');
    expect(back.out).toHaveLength(0);
    const forced = io();
    expect(await tickCommand(config, REAL - 2 * 3_600_000, forced.io, REAL, { force: true })).toBe(0);
    expect(forced.out.join('\n')).toContain('Scheduler pass at');
  });

  it('refuses while a server’s scheduler beats on the same database, and runs once it stopped', async () => {
    core = makeTestCore('2026-12-04T12:00:00Z');
    const scheduler = createScheduler({
      deps: core.deps,
      modules: coreModules,
      log: silentLogger,
      startTicker: ({ tick }) => ({ started: tick().then(() => undefined), stop: async () => undefined }),
    });
    await scheduler.start();
    const config = loadConfig({ NODE_ENV: 'test', CLAUSE5_DB: core.dbPath, CLAUSE5_DEFAULT_TZ: 'America/Chicago' });
    const lastPass = await core.store.getState(LAST_PASS_KEY);
    const during = io();
    expect(await tickCommand(config, Date.now() + 60_000, during.io, Date.now())).toBe(2);
    expect(during.err.join('\n')).toContain('clause5 serve is running on this database');
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(lastPass);
    await scheduler.stop();
    const after = io();
    expect(await tickCommand(config, Date.now() + 60_000, after.io, Date.now())).toBe(0);
  });
});
