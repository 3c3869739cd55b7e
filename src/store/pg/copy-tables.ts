// What `db copy` learns from the target's catalogue: the tables our PostgreSQL migrations made,
// their columns (and which are boolean: SQLite stores 0/1) and identity columns (sequences to
// reset), in an order where every table comes after the tables its foreign keys point to.
import type { PgQuery } from './scorecard';

export interface TargetTable {
  name: string;
  columns: Array<{ name: string; boolean: boolean }>;
  /** Columns GENERATED … AS IDENTITY: their sequence restarts after the copied rows' largest value. */
  identity: string[];
}

/** Tables of the public schema in foreign-key order (drizzle's own bookkeeping lives in schema "drizzle"). */
export async function targetTables(query: PgQuery): Promise<TargetTable[]> {
  const columns = await query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const edges = await query<{ child: string; parent: string }>(
    `SELECT DISTINCT cl.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace ns ON ns.oid = cl.relnamespace
      WHERE k.contype = 'f' AND ns.nspname = 'public' AND cl.relname <> pa.relname`,
  );
  const tables = new Map<string, TargetTable>();
  for (const c of columns) {
    let table = tables.get(c.table_name);
    if (!table) tables.set(c.table_name, (table = { name: c.table_name, columns: [], identity: [] }));
    table.columns.push({ name: c.column_name, boolean: c.data_type === 'boolean' });
    if (c.is_identity === 'YES') table.identity.push(c.column_name);
  }
  return foreignKeyOrder([...tables.values()], edges);
}

/** Parents before children; alphabetical among tables that are free at the same time. */
export function foreignKeyOrder<T extends { name: string }>(tables: T[], edges: Array<{ child: string; parent: string }>): T[] {
  const waiting = new Map(tables.map((t) => [t.name, new Set(edges.filter((e) => e.child === t.name).map((e) => e.parent))]));
  const ordered: T[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, parents]) => [...parents].every((p) => !waiting.has(p))).map(([name]) => name);
    if (ready.length === 0) throw new Error(`The target's foreign keys form a cycle among: ${[...waiting.keys()].join(', ')}`);
    for (const name of ready.sort()) {
      ordered.push(byName.get(name)!);
      waiting.delete(name);
    }
  }
  return ordered;
}
