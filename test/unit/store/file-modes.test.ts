// The database, its -wal/-shm, the folder Clause5 creates for it, and backups are private to the
// user Clause5 runs as — even under a permissive umask (0), so the modes are Clause5's own choice.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupCommand } from '../../../src/cli/backup';
import type { Config } from '../../../src/config';
import { openSqliteStore } from '../../../src/store/sqlite';
import { tempDir } from '../../support/core';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
let dir: string;
let umask: number;
beforeEach(() => {
  dir = tempDir('clause5-modes-');
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

describe('file modes', () => {
  it('creates the folder 0700 and the database, -wal and -shm 0600', async () => {
    const dbPath = join(dir, 'new', 'data', 'clause5.db');
    const store = openSqliteStore(dbPath, () => 0);
    try {
      await store.orgs.ensure({ id: 'local', platform: 'local', name: 'Plant' });
      expect(existsSync(`${dbPath}-wal`)).toBe(true);
      expect({
        dir: mode(join(dir, 'new')),
        data: mode(join(dir, 'new', 'data')),
        db: mode(dbPath),
        wal: mode(`${dbPath}-wal`),
        shm: mode(`${dbPath}-shm`),
      }).toEqual({
        dir: '700',
        data: '700',
        db: '600',
        wal: '600',
        shm: '600',
      });
    } finally {
      store.close();
    }
  });

  it('writes backups 0600', async () => {
    const dbPath = join(dir, 'clause5.db');
    openSqliteStore(dbPath, () => 0).close();
    const target = join(dir, 'backup.db');
    const lines: string[] = [];
    const code = await backupCommand(
      { CLAUSE5_DB: dbPath } as Config,
      { file: target, force: false },
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    );
    expect(code).toBe(0);
    expect(mode(target)).toBe('600');
  });
});
