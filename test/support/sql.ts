// Plain SQL for tests that seed or read tables directly (rows another area writes in production,
// or a tampered row). It goes through better-sqlite3, never drizzle: only src/store may import
// drizzle or db/schema. Keys are the schema's camelCase names; columns are their snake_case.
import type { SqliteStore } from '../../src/store/sqlite';

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
