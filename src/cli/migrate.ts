// `clause5 migrate`: create the database file if needed and apply the committed migrations.
import { resolve } from 'node:path';
import type { Config } from '../config';
import { openDatabase, type OpenDatabase } from '../store/sqlite/db';
import type { CliIO } from './io';

function appliedCount(database: OpenDatabase): number {
  const table = database.sqlite.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!table) return 0;
  return (database.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
}

export async function migrateCommand(config: Readonly<Config>, io: CliIO): Promise<number> {
  const before = openDatabase(config.CLAUSE5_DB, { migrate: false });
  const had = appliedCount(before);
  before.close();
  const after = openDatabase(config.CLAUSE5_DB);
  try {
    const now = appliedCount(after);
    const fresh = now - had;
    io.out(`Database ${resolve(config.CLAUSE5_DB)} is up to date: ${fresh === 0 ? 'no new migrations' : `applied ${fresh} migration(s)`}, ${now} in total.`);
  } finally {
    after.close();
  }
  return 0;
}
