// The columns that hold secrets, and the start-up / rotation pass over them: a plaintext value
// (from a version before encryption) is sealed, a value sealed with the previous key is re-sealed
// on `rotate`, and every sealed value must open with the configured keys (else a clear error, before
// anything runs). After rewriting, VACUUM so that no plaintext is left in the file's free pages.
import type { SecretBox } from '../secret-box';
import { resealed, type SealReport, SECRET_COLUMNS, secretContext } from '../shared/secrets';
import type { OpenDatabase } from './db';

export { FROM_ENVIRONMENT, type SealReport, SECRET_COLUMNS, secretContext } from '../shared/secrets';

export function sealStoredSecrets(database: OpenDatabase, box: SecretBox, options: { rotate?: boolean } = {}): SealReport {
  const { sqlite } = database;
  const report: SealReport = { sealed: 0, resealed: 0, plaintext: 0 };
  const rewrite = sqlite.transaction(() => {
    for (const { table, key, column } of SECRET_COLUMNS) {
      const rows = sqlite.prepare(`SELECT ${key} AS k, ${column} AS v FROM ${table}`).all() as Array<{ k: string; v: string }>;
      const update = sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
      for (const { k, v } of rows) {
        const value = resealed(box, v, secretContext(table, column, k), report, options.rotate ?? false);
        if (value !== undefined) update.run(value, k);
      }
    }
  });
  rewrite();
  if (report.sealed + report.resealed > 0) scrubFreePages(database);
  return report;
}

/** Rewrites the file without free pages and empties the WAL, so overwritten values are gone from disk. */
export function scrubFreePages(database: OpenDatabase): void {
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.sqlite.exec('VACUUM');
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
