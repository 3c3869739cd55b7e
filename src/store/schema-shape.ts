// The shape of each engine's schema (tables, columns, keys, indexes) in engine-neutral terms, so a
// test can demand that db/schema.ts (SQLite) and db/pg/schema.ts (PostgreSQL) describe the same
// database: a column added to one and forgotten in the other fails it.
import { is, type Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pgSchema from '../../db/pg/schema';
import * as sqliteSchema from '../../db/schema';

export interface ColumnShape {
  name: string;
  /** integer (SQLite integer, PostgreSQL integer or bigint), boolean, text or bytes (blob, bytea). */
  kind: string;
  notNull: boolean;
  primary: boolean;
  default: unknown;
  /** Allowed values of a text enum, if any. */
  enum?: readonly string[];
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  primaryKey: string[];
  indexes: string[];
  foreignKeys: string[];
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

const KINDS: Record<string, string> = {
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'boolean',
  SQLiteText: 'text',
  SQLiteBlobBuffer: 'bytes',
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  PgBoolean: 'boolean',
  PgText: 'text',
};

function shapeOf(config: AnyConfig): TableShape {
  const columns = config.columns.map((c) => ({
    name: c.name,
    // PostgreSQL's bytea is a custom column in drizzle.
    kind: c.columnType === 'PgCustomColumn' && c.getSQLType() === 'bytea' ? 'bytes' : (KINDS[c.columnType] ?? `unmapped ${c.columnType}`),
    notNull: c.notNull,
    primary: c.primary,
    default: c.default,
    ...(c.enumValues?.length ? { enum: c.enumValues } : {}),
  }));
  const indexes = config.indexes.map((i) => {
    const on = i.config.columns.map((c) => (c as { name?: string }).name ?? '?').join(', ');
    return `${i.config.unique ? 'unique ' : ''}${i.config.name} (${on})`;
  });
  const foreignKeys = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    const target = getTableName(ref.foreignTable);
    return `(${ref.columns.map((c) => c.name).join(', ')}) → ${target}(${ref.foreignColumns.map((c) => c.name).join(', ')}) on delete ${fk.onDelete ?? 'no action'}`;
  });
  return {
    name: config.name,
    columns: columns.sort((a, b) => a.name.localeCompare(b.name)),
    primaryKey: config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
    indexes: indexes.sort(),
    foreignKeys: foreignKeys.sort(),
  };
}

function getTableName(table: Table): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')] ?? '?';
}

const byName = (a: TableShape, b: TableShape) => a.name.localeCompare(b.name);

export function sqliteSchemaShape(): TableShape[] {
  return (Object.values(sqliteSchema) as unknown[])
    .filter((t) => is(t, SQLiteTable))
    .map((t) => shapeOf(sqliteConfig(t as SQLiteTable)))
    .sort(byName);
}

export function pgSchemaShape(): TableShape[] {
  return (Object.values(pgSchema) as unknown[])
    .filter((t) => is(t, PgTable))
    .map((t) => shapeOf(pgConfig(t as PgTable)))
    .sort(byName);
}
