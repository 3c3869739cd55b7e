// `clause5 backup <file>`: an online, checked copy of the database (the engine's part is in src/store).
import type { Config } from '../config';
import { backupStore, BackupRefused } from '../store/open';
import { CliFailure, type CliIO } from './io';

export interface BackupOptions {
  file: string;
  force: boolean;
}

export async function backupCommand(config: Readonly<Config>, options: BackupOptions, io: CliIO): Promise<number> {
  try {
    const done = await backupStore(config, options.file, options.force);
    io.out(`Backed up ${done.source} to ${done.target} (${formatBytes(done.bytes)}); ${done.check}.`);
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused) throw new CliFailure(error.message);
    throw error;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
