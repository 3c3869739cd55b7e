// `clause5 backup <file>` on SQLite: an online copy of the database (safe while the server runs),
// written beside the target first and checked with PRAGMA integrity_check before it takes the name.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BackupRefused, type BackupReport } from '../shared/backup';
import { createPrivateFile } from './files';

export async function backupSqlite(path: string, file: string, force: boolean): Promise<BackupReport> {
  const source = resolve(path);
  const target = resolve(file);
  if (!existsSync(source)) throw new BackupRefused(`There is no database at ${source} to back up (check CLAUSE5_DB).`);
  if (target === source) throw new BackupRefused('The backup file must not be the database itself.');
  if (existsSync(target) && !force) {
    throw new BackupRefused(`${target} already exists. Choose another name, or add --force to replace it.`);
  }
  if (!existsSync(dirname(target))) throw new BackupRefused(`The folder ${dirname(target)} does not exist.`);

  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true });
  try {
    createPrivateFile(partial); // SQLite copies into the empty file and keeps its mode (0600)
    await db.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupRefused(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
  const check = integrityCheck(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new BackupRefused(`The copy failed its integrity check (${check}); ${target} was not written.`);
  }
  renameSync(partial, target);
  return { source, target, bytes: statSync(target).size, check: 'integrity_check: ok' };
}

/** Runs PRAGMA integrity_check ('ok' when sound). Also makes the copy a single self-contained file. */
export function integrityCheck(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
