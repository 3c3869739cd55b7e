// `clause5 backup <file>`: an online copy of the SQLite database (safe while the server runs),
// written beside the target first and checked with PRAGMA integrity_check before it takes the name.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Config } from '../config';
import { createPrivateFile } from '../store/sqlite/files';
import { CliFailure, type CliIO } from './io';

export interface BackupOptions {
  file: string;
  force: boolean;
}

export async function backupCommand(config: Readonly<Config>, options: BackupOptions, io: CliIO): Promise<number> {
  const source = resolve(config.CLAUSE5_DB);
  const target = resolve(options.file);
  if (!existsSync(source)) throw new CliFailure(`There is no database at ${source} to back up (check CLAUSE5_DB).`);
  if (target === source) throw new CliFailure('The backup file must not be the database itself.');
  if (existsSync(target) && !options.force) {
    throw new CliFailure(`${target} already exists. Choose another name, or add --force to replace it.`);
  }
  if (!existsSync(dirname(target))) throw new CliFailure(`The folder ${dirname(target)} does not exist.`);

  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true });
  try {
    createPrivateFile(partial); // SQLite copies into the empty file and keeps its mode (0600)
    await db.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new CliFailure(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
  const check = integrityCheck(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new CliFailure(`The copy failed its integrity check (${check}); ${target} was not written.`);
  }
  renameSync(partial, target);
  const size = statSync(target).size;
  io.out(`Backed up ${source} to ${target} (${formatBytes(size)}); integrity_check: ok.`);
  return 0;
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

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
