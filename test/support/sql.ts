// Plain SQL for tests that seed or read tables directly (rows another area writes in production,
// or a tampered row). It goes through better-sqlite3 (or, for the async ones, the test core's
// engine: core-store.ts), never drizzle: only src/store may import drizzle or db/schema. Keys are
// the schema's camelCase names; columns are their snake_case.
import type { SqliteStore } from '../../src/store/sqlite';
import { pgDatabaseOf } from './core-store';

type Row = Record<string, unknown>;
type HasStore = { store: Pick<SqliteStore, 'database'> };

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const sqlValue = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value);

/** Inserts one row (booleans stored as 0/1) and returns its rowid. */
export function insertRow(core: HasStore, table: string, values: Row): number {
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  const sql = `INSERT INTO ${table} (${keys.map(snake).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  return Number(core.store.database.sqlite.prepare(sql).run(...keys.map((k) => sqlValue(values[k]))).lastInsertRowid);
}

/** Inserts several rows. */
export function insertRows(core: HasStore, table: string, rows: Row[]): void {
  for (const row of rows) insertRow(core, table, row);
}

/** Every row of a table in rowid order, with camelCase keys and the raw stored values (booleans are 0/1). */
export function tableRows(core: HasStore, table: string): Row[] {
  const rows = core.store.database.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Row[];
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])));
}

// On whichever engine the test core runs (SQLite, or PostgreSQL in the 'postgres' vitest project).

/** Every row of a table by id (rowid on SQLite), camelCase keys, stored values as SQLite keeps them (booleans 0/1). */
export async function rowsOf(core: HasStore, table: string): Promise<Row[]> {
  const pg = pgDatabaseOf(core.store);
  if (!pg) return tableRows(core, table);
  const database = await pg;
  const hasId = await database.query(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id'`, [table]);
  const rows = await database.query(`SELECT * FROM ${table} ORDER BY ${hasId.length ? 'id' : 'ctid'}`);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), sqlValue(v)])));
}

/** Inserts rows (in order) on the test core's engine. */
export async function seedRows(core: HasStore, table: string, rows: Row[]): Promise<void> {
  const pg = pgDatabaseOf(core.store);
  if (!pg) return insertRows(core, table, rows);
  const database = await pg;
  for (const values of rows) {
    const keys = Object.keys(values).filter((k) => values[k] !== undefined);
    await database.query(
      `INSERT INTO ${table} (${keys.map(snake).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
      keys.map((k) => values[k]),
    );
  }
}

/** One statement with ? placeholders, on the test core's engine (a tampered row, an old row's shape). */
export async function runSql(core: HasStore, sql: string, params: unknown[] = []): Promise<void> {
  const pg = pgDatabaseOf(core.store);
  if (!pg) {
    core.store.database.sqlite.prepare(sql).run(...params.map(sqlValue));
    return;
  }
  let n = 0;
  await (await pg).query(
    sql.replace(/\?/g, () => `$${++n}`),
    params,
  );
}
