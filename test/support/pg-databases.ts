// The PostgreSQL server the tests use (CLAUSE5_TEST_PG_URL, default 127.0.0.1:5432, trust auth) and
// what both two-engine harnesses do with it: ask whether it answers, create and drop databases,
// and empty a database between tests. No vitest import here: the global setup uses it too.
import pg from 'pg';
import type { OpenPgDatabase } from '../../src/store/pg/db';

export const PG_ADMIN_URL = process.env.CLAUSE5_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs statements on the server's maintenance database (CREATE / DROP DATABASE). */
export async function onServer(...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops every database whose name starts with `prefix` (a run's leftovers), closing their connections. */
export async function dropDatabases(prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Statements that empty every table (children before the tables they reference) and restart the
 * id sequences: a hundred times faster than TRUNCATE of all tables, which rewrites each one.
 */
export async function emptyingStatements(db: OpenPgDatabase): Promise<string[]> {
  const tables = (await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((t) => t.tablename);
  const references = await db.query<{ child: string; parent: string }>(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f'`,
  );
  const name = (regclass: string) => regclass.replace(/"/g, '');
  const ordered: string[] = [];
  const seen = new Set<string>();
  // Depth first: every table that references `table` is emptied before it.
  const visit = (table: string) => {
    if (seen.has(table)) return;
    seen.add(table);
    for (const r of references) if (name(r.parent) === table && name(r.child) !== table) visit(name(r.child));
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  const sequences = await db.query<{ seq: string }>(
    `SELECT pg_get_serial_sequence(table_name, column_name) AS seq FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`,
  );
  return [...ordered.map((t) => `DELETE FROM "${t}"`), ...sequences.map((s) => `ALTER SEQUENCE ${s.seq} RESTART`)];
}

/** Runs the emptying statements: the server takes them as one simple query, PGlite one at a time. */
export async function emptyDatabase(db: OpenPgDatabase, statements: string[]): Promise<void> {
  if (db.engine === 'postgres') await db.query(statements.join(';\n'));
  else for (const statement of statements) await db.query(statement);
}

/** A new empty database on the test server, `prefix_<pid>_<random>`: its URL and how to drop it. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
  await onServer(`CREATE DATABASE ${name}`);
  return { url: databaseUrl(name), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
