// `db copy`: every row of a SQLite database into an empty PostgreSQL one that our migrations made.
// Tables go in foreign-key order, in batches (one jsonb array per INSERT, so a batch is one round
// trip whatever its width), all in one transaction: a failure leaves the target as empty as it
// was. Identity sequences then restart after the largest copied id, so the next row the bot
// inserts does not collide with a copied one.
import type Database from 'better-sqlite3';
import { type TargetTable, targetTables } from './copy-tables';
import type { PgQuery } from './scorecard';

export const BATCH_ROWS = 2000;

export class CopyRefused extends Error {}

export interface CopiedTable {
  name: string;
  rows: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables of the SQLite file and their columns (SQLite's and drizzle's bookkeeping left out). */
function sourceColumns(sqlite: Database.Database): Map<string, Set<string>> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
    .all() as Array<{ name: string }>;
  return new Map(
    tables.map(({ name }) => [name, new Set((sqlite.prepare(`PRAGMA table_info(${quote(name)})`).all() as Array<{ name: string }>).map((c) => c.name))]),
  );
}

/** Both databases must have the same tables and columns: they are at the same migration. */
function checkSameShape(source: Map<string, Set<string>>, target: TargetTable[]): void {
  const problems: string[] = [];
  const targetNames = new Set(target.map((t) => t.name));
  for (const name of source.keys()) if (!targetNames.has(name)) problems.push(`table ${name} is not in the PostgreSQL database`);
  for (const table of target) {
    const columns = source.get(table.name);
    if (!columns) {
      problems.push(`table ${table.name} is not in the SQLite database`);
      continue;
    }
    for (const c of table.columns) if (!columns.has(c.name)) problems.push(`column ${table.name}.${c.name} is not in the SQLite database`);
    for (const c of columns) if (!table.columns.some((t) => t.name === c)) problems.push(`column ${table.name}.${c} is not in the PostgreSQL database`);
  }
  if (problems.length) {
    throw new CopyRefused(
      `The two databases are not at the same schema version: ${problems.join('; ')}. Both must be migrated by this version of Clause5 (\`npm run clause5 -- migrate\` updates the SQLite file).`,
    );
  }
}

async function nonEmptyTables(query: PgQuery, tables: TargetTable[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    const [row] = await query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(t.name)}) AS filled`);
    if (row?.filled) found.push(t.name);
  }
  return found;
}

async function copyTable(sqlite: Database.Database, query: PgQuery, table: TargetTable): Promise<number> {
  const names = table.columns.map((c) => quote(c.name)).join(', ');
  const booleans = table.columns.filter((c) => c.boolean).map((c) => c.name);
  const insert = `INSERT INTO ${quote(table.name)} (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::${quote(table.name)}, $1::jsonb)`;
  let batch: Array<Record<string, unknown>> = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await query(insert, [JSON.stringify(batch)]);
    rows += batch.length;
    batch = [];
  };
  // rowid order: the order the rows were written in, so ids come back in the same order (a table
  // WITHOUT ROWID, keyed by its columns, has no ids to keep: primary key order).
  const clustered = sqlite.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table.name) === 1;
  const order = clustered ? '' : ' ORDER BY rowid';
  for (const row of sqlite.prepare(`SELECT ${names} FROM ${quote(table.name)}${order}`).iterate() as Iterable<Record<string, unknown>>) {
    for (const b of booleans) if (row[b] !== null) row[b] = Boolean(row[b]);
    batch.push(row);
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  for (const column of table.identity) {
    await query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quote(column)}), 1), MAX(${quote(column)}) IS NOT NULL) FROM ${quote(table.name)}`,
      [quote(table.name), column],
    );
  }
  return rows;
}

/**
 * The weekly rollups: counted again from the copied records on PostgreSQL as they are read (with
 * PostgreSQL's own statements), not copied.
 */
const DERIVED = new Set(['scorecard_rollups', 'scorecard_rollup_edges', 'scorecard_rollup_marks']);

/**
 * Copies every table of `sqlite` (but the rollups: DERIVED) into the database behind `query`, which must be one connection
 * (the copy is one transaction) to an empty database at the same migration.
 */
export async function copySqliteToPg(sqlite: Database.Database, query: PgQuery): Promise<CopiedTable[]> {
  const tables = await targetTables(query);
  if (tables.length === 0) throw new CopyRefused('The PostgreSQL database has no tables: it was not migrated.');
  checkSameShape(sourceColumns(sqlite), tables);
  const filled = await nonEmptyTables(query, tables);
  if (filled.length) {
    throw new CopyRefused(
      `The PostgreSQL database is not empty (rows in ${filled.join(', ')}): db copy only fills an empty database, so nothing there is overwritten or mixed. Create a new database and copy into it.`,
    );
  }
  const copied: CopiedTable[] = [];
  await query('BEGIN');
  try {
    for (const table of tables) if (!DERIVED.has(table.name)) copied.push({ name: table.name, rows: await copyTable(sqlite, query, table) });
    // The triggers marked every week of what was copied; no week is counted yet.
    await query('DELETE FROM scorecard_rollup_marks');
    await query('COMMIT');
  } catch (error) {
    await query('ROLLBACK');
    throw error;
  }
  // Fresh statistics for the planner: the scorecard's plans depend on them, and autovacuum would
  // only gather them some time later.
  await query('ANALYZE');
  return copied;
}
