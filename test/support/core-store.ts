// The store under a test core: a fresh SQLite file, or — in the 'postgres' vitest project
// (CLAUSE5_TEST_ENGINE=postgres) — a PostgreSQL database of its own, emptied and migrated.
//
// makeTestCore is synchronous and 65 test files rely on that, while a PostgreSQL database is only
// ready after a round trip. So the PostgreSQL store is handed out at once and every repository
// call waits for the database first (all the Store's calls are async). Databases are copies of the
// run's migrated template (pg-global-setup.ts), kept per test process and reused: a core's cleanup
// gives its database back, and the next core empties it (milliseconds) instead of creating one.
// The PostgreSQL modules load only in that project (import() below): the SQLite suites never pay for them.
import { copyFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Store } from '../../src/core/ports';
import type { OpenPgDatabase } from '../../src/store/pg/db';
import type { PortedStore } from '../../src/store/pg/index';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite';

export type CoreEngine = 'sqlite' | 'postgres';

/** Which engine the test cores of this process run on. */
export const CORE_ENGINE: CoreEngine = process.env.CLAUSE5_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

type PgCoreStore = Store & Pick<PortedStore, 'web' | 'verify'>;

/**
 * The test core's store. On PostgreSQL it is typed as SQLite's so the suites compile unchanged;
 * reading `database` (SQLite handles) fails there, naming the test as one for SQLite only.
 */
export function openCoreStore(dbPath: string, now: () => number): SqliteStore {
  if (CORE_ENGINE === 'sqlite') return openFreshSqliteStore(dbPath, now);
  return waitingStore(takeDatabase(), now) as unknown as SqliteStore;
}

/**
 * A new SQLite store at `dbPath`: a copy of the run's migrated template (sqlite-global-setup.ts),
 * opened without migrating again: the same file the product's openDatabase leaves, made once.
 */
export function openFreshSqliteStore(dbPath: string, now: () => number): SqliteStore {
  copyFileSync(inject('sqliteTemplate'), dbPath);
  return openSqliteStore(dbPath, now, { migrate: false });
}

const free: OpenPgDatabase[] = [];
const databaseOf = new WeakMap<object, Promise<OpenPgDatabase>>();

/** The PostgreSQL database under a test core's store; undefined when it runs on SQLite. */
export function pgDatabaseOf(store: object): Promise<OpenPgDatabase> | undefined {
  return databaseOf.get(store);
}

let created = 0;
let emptying: Promise<string[]> | undefined;

/** A database of this process's own: a free one emptied, or a new copy of the run's template. */
async function takeDatabase(): Promise<OpenPgDatabase> {
  const { emptyDatabase, emptyingStatements } = await import('./pg-databases');
  const reused = free.pop();
  const database = reused ?? (await newDatabase());
  emptying ??= emptyingStatements(database);
  if (reused) await emptyDatabase(database, await emptying);
  return database;
}

async function newDatabase(): Promise<OpenPgDatabase> {
  const setup = inject('testPostgres');
  if (setup.kind === 'pglite') {
    const { openPgliteDatabase } = await import('../../src/store/pg/pglite');
    return openPgliteDatabase();
  }
  const { databaseUrl, onServer } = await import('./pg-databases');
  const { openPgDatabase } = await import('../../src/store/pg/db');
  const name = `${setup.prefix}${process.pid}_${++created}`;
  // A test database need not survive a server crash: commits stop waiting for the disk (a fifth faster).
  await onServer(`CREATE DATABASE ${name} TEMPLATE ${setup.template}`, `ALTER DATABASE ${name} SET synchronous_commit = off`);
  return openPgDatabase(databaseUrl(name), { poolSize: 4, migrate: false });
}

type AnyFunction = (...args: unknown[]) => Promise<unknown>;

/** The full PostgreSQL store over `opening`: each call waits for it; close() gives the database back. */
function waitingStore(opening: Promise<OpenPgDatabase>, now: () => number): PgCoreStore {
  // The database outlives the store (the next test core reuses it): the store's close is a no-op.
  const ready = opening.then(async (database) => {
    const { createPgStore } = await import('../../src/store/pg/index');
    return createPgStore({ ...database, close: async () => {} }, now) as PgCoreStore;
  });
  ready.catch(() => {}); // reported by the first call that waits for it
  const repos = new Map<PropertyKey, unknown>();
  const waitingRepo = (name: keyof PgCoreStore) =>
    new Proxy(
      {},
      {
        get: (_, method) =>
          typeof method !== 'string' || method === 'then'
            ? undefined
            : async (...args: unknown[]) => ((await ready)[name] as unknown as Record<string, AnyFunction>)[method]!(...args),
      },
    );
  let closed = false;
  const store = new Proxy({} as PgCoreStore, {
    get(_, prop) {
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      if (prop === 'database') throw new Error('this test reads the SQLite database directly: it runs on SQLite only (vitest.config.ts)');
      if (prop === 'close')
        return () => {
          if (closed) return;
          closed = true;
          void opening.then((database) => free.push(database)).catch(() => {});
        };
      if (prop === 'markProcessed' || prop === 'getState' || prop === 'setState' || prop === 'verify')
        return async (...args: unknown[]) => ((await ready)[prop] as AnyFunction)(...args);
      if (!repos.has(prop)) repos.set(prop, waitingRepo(prop as keyof PgCoreStore));
      return repos.get(prop);
    },
  });
  databaseOf.set(store, opening);
  return store;
}
