// The start-up / rotation pass over stored secrets on PostgreSQL (see sqlite/secrets.ts): seal
// plaintext values, re-seal on rotation, refuse to start when a value does not open. Each row is
// read FOR UPDATE so two instances starting together do not both rewrite it.
import { sql } from 'drizzle-orm';
import type { SecretBox } from '../secret-box';
import { resealed, type SealReport, SECRET_COLUMNS, secretContext } from '../shared/secrets';
import { type OpenPgDatabase, rowsOf } from './db';

export async function sealStoredSecrets(database: OpenPgDatabase, box: SecretBox, options: { rotate?: boolean } = {}): Promise<SealReport> {
  const report: SealReport = { sealed: 0, resealed: 0, plaintext: 0 };
  await database.db.transaction(async (tx) => {
    for (const { table, key, column } of SECRET_COLUMNS) {
      const [t, c, id] = [sql.identifier(table), sql.identifier(column), sql.identifier(key)];
      const rows = rowsOf<{ k: string; v: string }>(await tx.execute(sql`SELECT ${id} AS k, ${c} AS v FROM ${t} FOR UPDATE`));
      for (const { k, v } of rows) {
        const value = resealed(box, v, secretContext(table, column, k), report, options.rotate ?? false);
        if (value !== undefined) await tx.execute(sql`UPDATE ${t} SET ${c} = ${value} WHERE ${id} = ${k}`);
      }
    }
  });
  // Old row versions keep the plaintext until a vacuum rewrites the table.
  if (report.sealed + report.resealed > 0) await scrubOldVersions(database);
  return report;
}

/** Rewrites the secret tables so no earlier version of a row stays in them (VACUUM FULL; outside a transaction). */
export async function scrubOldVersions(database: OpenPgDatabase): Promise<void> {
  for (const table of new Set(SECRET_COLUMNS.map((c) => c.table))) await database.query(`VACUUM FULL ${table}`);
}
