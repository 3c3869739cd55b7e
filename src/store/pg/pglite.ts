// PostgreSQL in-process (PGlite, Postgres compiled to WASM): the same schema, migrations and SQL as
// the server, for machines without one (the test suite on a fresh checkout). One connection, so
// no lock is needed around migrations. Loaded only when asked for: a server never imports it.
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import * as schema from '../../../db/pg/schema';
import { chainUnchainedEntries } from './audit-chain';
import { type OpenPgDatabase, PG_MIGRATIONS_FOLDER, type PgOpenOptions } from './db';

/** An in-memory database (or one kept in `dataDir`). */
export async function openPgliteDatabase(dataDir?: string, options: Pick<PgOpenOptions, 'migrate'> = {}): Promise<OpenPgDatabase> {
  const client = new PGlite(dataDir);
  const db = drizzle({ client, schema });
  try {
    if (options.migrate !== false) {
      await migrate(db, { migrationsFolder: PG_MIGRATIONS_FOLDER });
      await chainUnchainedEntries(async (text, params) => (await client.query(text, params)).rows as never);
    }
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db,
    engine: 'pglite',
    query: async (text, params) => (await client.query(text, params)).rows as never,
    transaction: (fn) => client.transaction((tx) => fn(async (text, params) => (await tx.query(text, params)).rows as never)),
    close: () => client.close(),
  };
}
