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

    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(performance.now()), 20);
    const started = performance.now();
    const write = store.setState('mine', 'x');
    setTimeout(() => other!.exec('COMMIT'), 400);
    await write;
    clearInterval(ticker);
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
    expect(ticks.length).toBeGreaterThan(10); // timers kept firing while it waited
    expect(await store.getState('mine')).toBe('x');
  });

  it('gives other errors to the caller at once', async () => {
    dir = tempDir('clause5-busy-');
    store = openSqliteStore(join(dir, 'clause5.db'), () => Date.now(), { busyTimeoutMs: 0 });
    await expect(store.people.ensure({ id: 'local:x', orgId: 'no-such-org', displayName: 'X', joinedOn: '2026-01-01' }, null)).rejects.toThrow(/FOREIGN KEY/);
  });
});
