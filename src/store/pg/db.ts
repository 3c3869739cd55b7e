// Opens a PostgreSQL database (node-postgres pool) and applies the committed migrations of
// db/pg/migrations once, under an advisory lock: several instances may start at the same moment,
// and only one of them migrates while the others wait and then find nothing left to do.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from '../../../db/pg/schema';
import { findMigrations } from '../migrations-folder';
import { chainUnchainedEntries } from './audit-chain';
import { NamingClient } from './named-statements';

export type PgDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export const PG_MIGRATIONS_FOLDER = findMigrations(dirname(fileURLToPath(import.meta.url)), 'pg/migrations');

/** The advisory lock (one bigint key, database-wide) that migrations run under. */
export const MIGRATION_LOCK = 0x0c1a_05e5_0001n;

/** A plain query on the engine's own client: for engine-specific SQL that drizzle does not build. */
export type Query = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** The rows of `db.execute(…)`: node-postgres and PGlite both answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface OpenPgDatabase {
  db: PgDb;
  engine: 'postgres' | 'pglite';
  query: Query;
  /** The server's connection pool (PostgreSQL only): for a transaction that sends several statements at once. */
  pool?: pg.Pool;
  /** Runs `fn` in one transaction on one connection (its statements one after another). */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgOpenOptions {
  /** Connections in the pool (CLAUSE5_DB_POOL_SIZE). */
  poolSize?: number;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Server settings for every connection, as libpq's PGOPTIONS (default: PGOPTIONS, else JIT off). */
  serverOptions?: string;
}

// Plain queries read bigint (epoch ms, count(*)) as numbers, as SQLite and PGlite return them;
// drizzle's own queries bring their parsers and map bigint columns with mode 'number'.
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser;

export async function openPgDatabase(url: string, options: PgOpenOptions = {}): Promise<OpenPgDatabase> {
  // JIT compilation costs more than it saves on the scorecard's large statements (run once each, on
  // indexed rows); PGOPTIONS, as libpq reads it, still overrides this.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: options.serverOptions ?? process.env.PGOPTIONS ?? '-c jit=off',
    types: { getTypeParser: typeParser },
    Client: NamingClient,
  });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    if (options.migrate !== false) await migrateLocked(pool);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`PostgreSQL at ${describeUrl(url)} (CLAUSE5_DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    db: drizzle(pool, { schema }),
    engine: 'postgres',
    pool,
    query: async (text, params) => (await pool.query(text, params)).rows,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(async (text, params) => (await client.query(text, params)).rows);
        await client.query('COMMIT');
        return out;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** host:port/database of a URL, without the user's password. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** Runs the migrations on one pooled connection that holds MIGRATION_LOCK throughout. */
async function migrateLocked(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: PG_MIGRATIONS_FOLDER });
      // Entries from before the audit chain existed join it once, oldest first.
      await chainUnchainedEntries(async (text, params) => (await client.query(text, params)).rows);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } finally {
    client.release();
  }
}
