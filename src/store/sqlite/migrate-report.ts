// `clause5 migrate` on SQLite: create the file if needed, apply the committed migrations, and say how many were new.
import { resolve } from 'node:path';
import type { MigrationReport } from '../shared/migration-report';
import { type OpenDatabase, openDatabase } from './db';

function appliedCount(database: OpenDatabase): number {
  const table = database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return 0;
  return (database.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

export function migrateSqlite(path: string): MigrationReport {
  const before = openDatabase(path, { migrate: false });
  const had = appliedCount(before);
  before.close();
  const after = openDatabase(path);
  try {
    const total = appliedCount(after);
    return { where: resolve(path), applied: total - had, total };
  } finally {
    after.close();
  }
}
