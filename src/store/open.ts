// Opens the store the configuration names: PostgreSQL when CLAUSE5_DATABASE_URL is set, otherwise
// the SQLite file CLAUSE5_DB. The only place outside the engines' folders that knows there are two.
import type { Config } from '../config';
import { openPgDatabase } from './pg/db';
import { createPgStore, NotYetOnPostgresError } from './pg/index';
import { openSqliteStore, type SqliteStore } from './sqlite';
import type { OpenOptions } from './sqlite/db';

export type StoreConfig = Pick<Config, 'CLAUSE5_DB' | 'CLAUSE5_DATABASE_URL' | 'CLAUSE5_DB_POOL_SIZE'>;

export async function openStore(config: StoreConfig, now: () => number, options?: OpenOptions): Promise<SqliteStore> {
  if (config.CLAUSE5_DATABASE_URL === undefined) return openSqliteStore(config.CLAUSE5_DB, now, options);
  const database = await openPgDatabase(config.CLAUSE5_DATABASE_URL, { poolSize: config.CLAUSE5_DB_POOL_SIZE });
  try {
    createPgStore(database, now);
    // The runtime still reaches SQLite handles directly in these places; they move behind the store next.
    throw new NotYetOnPostgresError(['stored-secret sealing', 'platform state', "tick's database handle"]);
  } finally {
    await database.close();
  }
}
