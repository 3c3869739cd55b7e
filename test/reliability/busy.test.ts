// Found by the database-trouble test: a server statement that met another process's write lock
// froze the whole process for the busy timeout (5 s a statement, so Slack acks took the whole 10 s
// of the lock). The server's store now waits locks out asynchronously (src/store/sqlite/busy.ts).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite';
import { tempDir } from '../support/core';
import { join } from 'node:path';
import { rmSync } from 'node:fs';

let dir: string;
let store: SqliteStore | undefined;
let other: Database.Database | undefined;
afterEach(() => {
  other?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a store call that meets another connection’s write lock', () => {
  it('waits for it without blocking the event loop, then succeeds', async () => {
    dir = tempDir('clause5-busy-');
    const path = join(dir, 'clause5.db');
    store = openSqliteStore(path, () => Date.now(), { busyTimeoutMs: 0 });
    other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    other.prepare(`INSERT INTO scheduler_state (key, value) VALUES ('other', '1')`).run();

    // The lock is released from a timer, after that timer has fired 10 times: so the write can only
    // finish if the event loop kept running while it waited (no fixed delays to race against).
    let ticks = 0;
    let released = false;
    const ticker = setInterval(() => {
      if (++ticks < 10 || released) return;
      other!.exec('COMMIT');
      released = true;
    }, 5);
    const finishedAfterRelease = store.setState('mine', 'x').then(() => released);
    try {
      expect(await finishedAfterRelease).toBe(true); // it waited for the lock rather than failing or skipping it
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect(await store.getState('mine')).toBe('x');
  });

  it('gives other errors to the caller at once', async () => {
    dir = tempDir('clause5-busy-');
    store = openSqliteStore(join(dir, 'clause5.db'), () => Date.now(), { busyTimeoutMs: 0 });
    await expect(store.people.ensure({ id: 'local:x', orgId: 'no-such-org', displayName: 'X', joinedOn: '2026-01-01' }, null)).rejects.toThrow(/FOREIGN KEY/);
  });
});
