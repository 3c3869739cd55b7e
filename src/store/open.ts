// Opens the store the configuration names: PostgreSQL when CLAUSE5_DATABASE_URL is set, otherwise
// the SQLite file CLAUSE5_DB. The only place outside the engines' folders that knows there are two.
import type { Config } from '../config';
import type { PlatformState } from '../platforms/state';
import { openPgDatabase } from './pg/db';
import { createPgStore, NotYetOnPostgresError } from './pg/index';
import type { SecretBox } from './secret-box';
import type { InstallationSecrets, SealReport } from './shared/secrets';
import { openSqliteStore, type SqliteStore } from './sqlite';
import type { OpenOptions } from './sqlite/db';
import { createSqlitePlatformState } from './sqlite/platform-state';
import { sealStoredSecrets } from './sqlite/secrets';

/** The store the runtime holds (SQLite's until PostgreSQL has every repository). */
export type OpenedStore = SqliteStore;

export type StoreConfig = Pick<Config, 'CLAUSE5_DB' | 'CLAUSE5_DATABASE_URL' | 'CLAUSE5_DB_POOL_SIZE'>;

export async function openStore(config: StoreConfig, now: () => number, options?: OpenOptions): Promise<OpenedStore> {
  if (config.CLAUSE5_DATABASE_URL === undefined) return openSqliteStore(config.CLAUSE5_DB, now, options);
  const database = await openPgDatabase(config.CLAUSE5_DATABASE_URL, { poolSize: config.CLAUSE5_DB_POOL_SIZE });
  try {
    createPgStore(database, now);
    // Reached once every repository is ported: the runtime's store type and these commands still
    // use SQLite handles (pg/secrets.ts and pg/platform-state.ts are ready for the first two).
    throw new NotYetOnPostgresError(['the runtime (OpenedStore, secret sealing, platform state)', 'the CLI (tick, backup, migrate, secrets, verify)']);
  } finally {
    await database.close();
  }
}

/** The start-up pass over stored secrets: seals plaintext ones; a wrong or missing key throws. */
export function sealSecretsAtStart(store: OpenedStore, box: SecretBox): SealReport {
  return sealStoredSecrets(store.database, box);
}

/** What the Slack and Teams platforms keep, in the store's database. */
export function platformStateOf(store: OpenedStore, now: () => number, secrets: Omit<InstallationSecrets, 'scrub'>): PlatformState {
  return createSqlitePlatformState(store.database, now, secrets);
}

/** Whether the store's connection is still open (health checks, a last write at shutdown). */
export function storeIsOpen(store: OpenedStore): boolean {
  return store.database.sqlite.open;
}
