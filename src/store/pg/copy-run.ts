// `db copy` end to end: open the SQLite file (migrated, as the bot would), open the PostgreSQL
// target with our migrations (under their advisory lock), copy on one dedicated connection, then
// check the copy. The SQLite side is read inside one read transaction, so the copy and the check
// see one snapshot even if a bot still writes to the file.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../sqlite/db';
import { SqliteScorecardRepo } from '../sqlite/scorecard';
import { type CopiedTable, copySqliteToPg } from './copy';
import { type CopyCheck, checkCopy } from './copy-check';
import { openPgDatabase } from './db';
import { PgScorecardRepo } from './scorecard';

export interface DbCopyRequest {
  sqlitePath: string;
  url: string;
  nowMs: number;
  defaultZone: string;
}

export interface DbCopyResult {
  copied: CopiedTable[];
  check: CopyCheck;
  ms: { copy: number; check: number };
}

export class SourceMissing extends Error {}

export async function runDbCopy(request: DbCopyRequest): Promise<DbCopyResult> {
  if (!existsSync(request.sqlitePath)) throw new SourceMissing(`There is no SQLite database at ${request.sqlitePath} (check CLAUSE5_DB).`);
  const source = openDatabase(request.sqlitePath);
  try {
    const target = await openPgDatabase(request.url, { poolSize: 4 });
    const client = new pg.Client({ connectionString: request.url });
    try {
      await client.connect();
      const one = async <T extends Record<string, unknown>>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[];
      source.sqlite.exec('BEGIN');
      try {
        let started = performance.now();
        const copied = await copySqliteToPg(source.sqlite, one);
        const copyMs = performance.now() - started;
        started = performance.now();
        const repos = {
          // The raw statements on both sides (the rollups would also write their rows into the source file).
          sqlite: new SqliteScorecardRepo(source.db, () => request.nowMs, { workers: false, rollups: false }),
          postgres: new PgScorecardRepo(target.query),
        };
        const check = await checkCopy(source.sqlite, target.query, copied, repos, { nowMs: request.nowMs, defaultZone: request.defaultZone });
        return { copied, check, ms: { copy: Math.round(copyMs), check: Math.round(performance.now() - started) } };
      } finally {
        source.sqlite.exec('COMMIT');
      }
    } finally {
      await client.end().catch(() => {});
      await target.close();
    }
  } finally {
    source.close();
  }
}
