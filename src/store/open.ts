// Opens the store the configuration names: PostgreSQL when CLAUSE5_DATABASE_URL is set, otherwise
// the SQLite file CLAUSE5_DB. The only place outside the engines' folders that knows there are two:
// the runtime and the CLI hold an OpenedStore and call the commands' database work through here.
import { resolve } from 'node:path';
import type { Config } from '../config';
import { BackupRefused, type BackupReport } from './shared/backup';
import type { MigrationReport } from './shared/migration-report';
import type { OpenedStore } from './opened';
import { describeUrl, openPgDatabase } from './pg/db';
import { createPgStore } from './pg/index';
import { migratePg } from './pg/migrate-report';
import { sealStoredSecrets as sealPgSecrets } from './pg/secrets';
import type { SecretBox } from './secret-box';
import type { SealReport } from './shared/secrets';
import { openSqliteStore } from './sqlite';
import { backupSqlite } from './sqlite/backup';
import { openDatabase, type OpenOptions } from './sqlite/db';
import { migrateSqlite } from './sqlite/migrate-report';
import { sealStoredSecrets as sealSqliteSecrets } from './sqlite/secrets';

export type { OpenedStore, StoreAdmin, DeliveryMark, DeliveryReportRow, RollupRebuild } from './opened';
export { BackupRefused, type BackupReport } from './shared/backup';
export type { MigrationReport } from './shared/migration-report';

export type StoreConfig = Pick<Config, 'CLAUSE5_DB' | 'CLAUSE5_DATABASE_URL' | 'CLAUSE5_DB_POOL_SIZE'> & Partial<Pick<Config, 'CLAUSE5_PG_ROLLUPS'>>;

const pgWhere = (url: string) => `PostgreSQL at ${describeUrl(url)}`;

export async function openStore(config: StoreConfig, now: () => number, options?: OpenOptions): Promise<OpenedStore> {
  const url = config.CLAUSE5_DATABASE_URL;
  if (url === undefined) return openSqliteStore(config.CLAUSE5_DB, now, options);
  const database = await openPgDatabase(url, { poolSize: config.CLAUSE5_DB_POOL_SIZE });
  try {
    return createPgStore(database, now, pgWhere(url), { rollups: config.CLAUSE5_PG_ROLLUPS === 'on' ? 'all' : false });
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** `clause5 migrate`: create or upgrade the database, and say how many migrations were new. */
export async function migrateStore(config: StoreConfig): Promise<MigrationReport> {
  const url = config.CLAUSE5_DATABASE_URL;
  return url === undefined ? migrateSqlite(config.CLAUSE5_DB) : migratePg(url, config.CLAUSE5_DB_POOL_SIZE);
}

/** `clause5 secrets rotate`: re-seals every stored secret with the box's current key. */
export async function rotateStoredSecrets(config: StoreConfig, box: SecretBox): Promise<{ where: string; report: SealReport }> {
  const url = config.CLAUSE5_DATABASE_URL;
  if (url === undefined) {
    const database = openDatabase(config.CLAUSE5_DB);
    try {
      return { where: resolve(database.path), report: sealSqliteSecrets(database, box, { rotate: true }) };
    } finally {
      database.close();
    }
  }
  const database = await openPgDatabase(url, { poolSize: 2 });
  try {
    return { where: pgWhere(url), report: await sealPgSecrets(database, box, { rotate: true }) };
  } finally {
    await database.close();
  }
}

/**
 * `clause5 backup <file>`: a checked copy of the SQLite file. On PostgreSQL it refuses and points
 * at pg_dump, the server's own consistent online dump (with its options for format and restore).
 */
export async function backupStore(config: StoreConfig, file: string, force: boolean): Promise<BackupReport> {
  const url = config.CLAUSE5_DATABASE_URL;
  if (url === undefined) return backupSqlite(config.CLAUSE5_DB, file, force);
  const u = new URL(url);
  u.password = '';
  throw new BackupRefused(
    `backup copies the SQLite file (CLAUSE5_DB); this installation runs on ${pgWhere(url)} (CLAUSE5_DATABASE_URL). ` +
      `Back it up with PostgreSQL's own tool while the server runs, e.g.: pg_dump --format=custom --file ${file} '${u.toString()}' ` +
      '(restore into an empty database with pg_restore --dbname <url> <file>).',
  );
}
