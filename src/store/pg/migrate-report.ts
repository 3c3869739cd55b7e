// `clause5 migrate` on PostgreSQL: apply the committed migrations (under the advisory lock of
// db.ts, as any start does) and say how many were new.
import type { MigrationReport } from '../shared/migration-report';
import { describeUrl, type OpenPgDatabase, openPgDatabase } from './db';

// Where drizzle's PostgreSQL migrator records what it applied.
async function appliedCount(database: OpenPgDatabase): Promise<number> {
  const [table] = await database.query<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t");
  if (!table?.t) return 0;
  const [row] = await database.query<{ n: number }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
  return Number(row?.n ?? 0);
}

export async function migratePg(url: string, poolSize?: number): Promise<MigrationReport> {
  const before = await openPgDatabase(url, { migrate: false, poolSize: 1 });
  const had = await appliedCount(before).finally(() => before.close());
  const after = await openPgDatabase(url, { poolSize });
  try {
    const total = await appliedCount(after);
    return { where: `PostgreSQL at ${describeUrl(url)}`, applied: total - had, total };
  } finally {
    await after.close();
  }
}
