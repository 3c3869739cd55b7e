// A real core on a real, freshly migrated SQLite file in a temp folder (or a PostgreSQL database of
// its own in the 'postgres' vitest project: core-store.ts), with a movable clock and the local
// platform's mailbox. Nothing is mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InboundActor } from '../../src/core/bot';
import type { CoreModule } from '../../src/core/commands/types';
import { MovableClock } from '../../src/core/clock';
import { createCore, type Core } from '../../src/core/create';
import { silentLogger } from '../../src/core/ports';
import type { SqliteStore } from '../../src/store/sqlite';
import { LocalPlatform } from '../../src/platforms/local/platform';
import { PlatformRouter } from '../../src/platforms/router';
import { coreModules } from '../../src/core/modules';
import { WebAuth } from '../../src/web/auth';
import { dashboardModule } from '../../src/web/module';
import { openCoreStore } from './core-store';

export interface TestCore extends Core {
  store: SqliteStore;
  clock: MovableClock;
  local: LocalPlatform;
  dir: string;
  dbPath: string;
  /** The web page's sign-in links (with the `web` option). */
  web?: WebAuth;
  /** An InboundActor for a local person id such as 'local:alice'. */
  as(personId: string, orgId?: string): InboundActor;
  cleanup(): void;
}

export function tempDir(prefix = 'clause5-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeTestCore(
  startIso = '2026-11-23T09:00:00Z',
  options: { defaultTimeZone?: string; web?: boolean; extraModules?: CoreModule[] } = {},
): TestCore {
  const dir = tempDir();
  const dbPath = join(dir, 'clause5.db');
  const clock = new MovableClock(Date.parse(startIso));
  const store = openCoreStore(dbPath, () => clock.now());
  const local = new LocalPlatform(clock);
  const web = options.web ? new WebAuth(store.web, store, clock, 'http://clause5.test') : undefined;
  const core = createCore({
    modules: [...coreModules, ...(web ? [dashboardModule(web)] : []), ...(options.extraModules ?? [])],
    store,
    clock,
    log: silentLogger,
    platform: new PlatformRouter([local]),
    settings: { defaultTimeZone: options.defaultTimeZone ?? 'America/Chicago', graceMs: 6 * 3_600_000 },
  });
  return {
    ...core,
    store,
    clock,
    local,
    dir,
    dbPath,
    web,
    as: (personId, orgId = 'local') => ({ orgId, platform: 'local', personId }),
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
