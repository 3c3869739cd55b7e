// The columns that hold secrets, and the start-up / rotation pass over them: a plaintext value
// (from a version before encryption) is sealed, a value sealed with the previous key is re-sealed
// on `rotate`, and every sealed value must open with the configured keys (else a clear error, before
// anything runs). After rewriting, VACUUM so that no plaintext is left in the file's free pages.
import { SecretBox } from '../secret-box';
import type { OpenDatabase } from './db';

interface SecretColumn {
  table: string;
  key: string;
  column: string;
}

/** Every stored secret. A new one is added here and sealed/opened with `secretContext`. */
export const SECRET_COLUMNS: readonly SecretColumn[] = [{ table: 'slack_installations', key: 'team_id', column: 'bot_token' }];

/** What a sealed value is bound to: its table, column and row. */
export function secretContext(table: string, column: string, rowKey: string): string {
  return `${table}.${column} of ${rowKey}`;
}

/** A value that stands for "the token is in the environment, not stored" (single-token Slack). */
export const FROM_ENVIRONMENT = 'env:';

export interface SealReport {
  /** Plaintext values sealed now. */
  sealed: number;
  /** Values re-sealed with the current key (rotation). */
  resealed: number;
  /** Plaintext values left as they are, because no key is configured. */
  plaintext: number;
}

export function sealStoredSecrets(database: OpenDatabase, box: SecretBox, options: { rotate?: boolean } = {}): SealReport {
  const { sqlite } = database;
  const report: SealReport = { sealed: 0, resealed: 0, plaintext: 0 };
  const rewrite = sqlite.transaction(() => {
    for (const { table, key, column } of SECRET_COLUMNS) {
      const rows = sqlite.prepare(`SELECT ${key} AS k, ${column} AS v FROM ${table}`).all() as Array<{ k: string; v: string }>;
      const update = sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
      for (const { k, v } of rows) {
        if (v === FROM_ENVIRONMENT) continue;
        const context = secretContext(table, column, k);
        const plain = box.open(v, context); // throws a clear SecretKeyError for a wrong or missing key
        if (!SecretBox.isSealed(v)) {
          if (!box.canSeal) {
            report.plaintext++;
            continue;
          }
          update.run(box.seal(plain, context), k);
          report.sealed++;
        } else if (options.rotate && !box.sealedWithCurrent(v)) {
          update.run(box.seal(plain, context), k);
          report.resealed++;
        }
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
