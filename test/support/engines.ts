// Runs one repository suite on both engines: SQLite (a temp file with the real migrations) and
// PostgreSQL — a fresh database per test file on the server at CLAUSE5_TEST_PG_URL (default
// 127.0.0.1:5432) when it answers, otherwise PGlite in-process. CLAUSE5_TEST_PG=require makes an
// unreachable server a failure instead (CI, where the server must be there). Each test gets an
// empty database: a new SQLite file, or the file's PostgreSQL database with every table emptied.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { PlatformState } from '../../src/platforms/state';
import { createPgPortedStore, type PortedStore } from '../../src/store/pg';
import { createPgPlatformState } from '../../src/store/pg/platform-state';
import { sealStoredSecrets as sealPgSecrets } from '../../src/store/pg/secrets';
import type { SecretBox } from '../../src/store/secret-box';
import type { StoreAdmin } from '../../src/store/opened';
import { createPgAdmin } from '../../src/store/pg/admin';
import type { SealReport } from '../../src/store/shared/secrets';
import { describeUrl, type OpenPgDatabase, openPgDatabase } from '../../src/store/pg/db';
import { createSqlitePlatformState, type PlatformStateSecrets } from '../../src/store/sqlite/platform-state';
import { sealStoredSecrets as sealSqliteSecrets } from '../../src/store/sqlite/secrets';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite';
import { tempDir } from './core';
import { countPoolStatements } from './pool-statements';
import { openFreshSqliteStore } from './core-store';
import { emptyDatabase, emptyingStatements, PG_ADMIN_URL, serverAnswers } from './pg-databases';

export type EngineName = 'sqlite' | 'postgres' | 'pglite';
type Row = Record<string, unknown>;

/** What the suites use: the repositories on both engines (grows as the port goes on). */
export type EngineStore = Omit<PortedStore, 'database'>;

export { PG_ADMIN_URL };

async function choosePostgres(): Promise<'postgres' | 'pglite'> {
  if (await serverAnswers(PG_ADMIN_URL)) return 'postgres';
  if (process.env.CLAUSE5_TEST_PG === 'require') {
    throw new Error(`CLAUSE5_TEST_PG=require but no PostgreSQL answers at ${describeUrl(PG_ADMIN_URL)} (CLAUSE5_TEST_PG_URL)`);
  }
  return 'pglite';
}

/** Which PostgreSQL this run uses: the server, or PGlite when none answers. */
export const POSTGRES: 'postgres' | 'pglite' = await choosePostgres();

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export interface Engine {
  readonly name: EngineName;
  /** An empty, migrated database for this test; closed after it. */
  open(now: () => number): Promise<EngineStore>;
  /** Another connection to the test's database, as a second instance would have (closed after the test). */
  openAnother(now: () => number): Promise<EngineStore>;
  /** The platforms' state (Slack installations, DM channels, Teams references) in the test's database. */
  platformState(now: () => number, secrets?: PlatformStateSecrets): PlatformState;
  /** The platforms' state over another connection to the test's database, as a second instance has it. */
  anotherPlatformState(now: () => number): Promise<PlatformState>;
  /** The start-up pass over stored secrets (seal plaintext, re-seal on rotation) on the test's database. */
  sealStoredSecrets(box: SecretBox, options?: { rotate?: boolean }): Promise<SealReport>;
  /** The operator's part of the store (the outbox report, secrets, platform state) on the test's database. */
  admin(): StoreAdmin;
  /** Every row of a table with camelCase keys, oldest first (stored values: SQLite booleans are 0/1). */
  rows(table: string): Promise<Row[]>;
  /** Plain SQL on the test's database ($1… or ? placeholders as the engine wants). */
  execute(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Statements sent to the test's database from now until the test ends, by any store of it: SQLite's
   * prepared statements, a PostgreSQL server's round trips (undefined on PGlite: it has no pool).
   */
  countStatements(): (() => number) | undefined;
}

interface Harness extends Engine {
  setup(): Promise<void>;
  afterEach(): Promise<void>;
  teardown(): Promise<void>;
}

function sqliteHarness(): Harness {
  let path: string | undefined;
  const opened: SqliteStore[] = [];
  const current = () => {
    if (!opened[0]) throw new Error('open() the test database first');
    return opened[0].database.sqlite;
  };
  return {
    name: 'sqlite',
    setup: async () => {},
    async open(now) {
      path = join(tempDir('clause5-engine-'), 'clause5.db');
      const store = openFreshSqliteStore(path, now);
      opened.push(store);
      return store;
    },
    async openAnother(now) {
      if (!path) throw new Error('open() the test database first');
      const store = openSqliteStore(path, now);
      opened.push(store);
      return store;
    },
    async sealStoredSecrets(box, options) {
      if (!opened[0]) throw new Error('open() the test database first');
      return sealSqliteSecrets(opened[0].database, box, options);
    },
    platformState(now, secrets) {
      if (!opened[0]) throw new Error('open() the test database first');
      return createSqlitePlatformState(opened[0].database, now, secrets);
    },
    async anotherPlatformState(now) {
      if (!path) throw new Error('open() the test database first');
      const store = openSqliteStore(path, now);
      opened.push(store);
      return createSqlitePlatformState(store.database, now);
    },
    admin() {
      if (!opened[0]) throw new Error('open() the test database first');
      return opened[0].admin;
    },
    async rows(table) {
      const rows = current().prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Row[];
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])));
    },
    async execute(sql, params = []) {
      const statement = current().prepare(sql);
      return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
    },
    countStatements() {
      // Drizzle prepares each statement it runs; the test's file (and its connection) ends with the test.
      const sqlite = current();
      const prepare = sqlite.prepare;
      let n = 0;
      sqlite.prepare = ((source: string) => {
        n++;
        return prepare.call(sqlite, source);
      }) as typeof prepare;
      return () => n;
    },
    async afterEach() {
      for (const store of opened.splice(0)) store.close();
    },
    teardown: async () => {},
  };
}

function postgresHarness(kind: 'postgres' | 'pglite'): Harness {
  let database: OpenPgDatabase | undefined;
  let url: string | undefined;
  let dbName: string | undefined;
  const others: OpenPgDatabase[] = [];
  let emptying: string[] | undefined;
  const shared = () => {
    if (!database) throw new Error('the PostgreSQL test database is not set up');
    return database;
  };
  // The file's database stays open across its tests: the stores get one whose close is a no-op.
  const storeOver = (db: OpenPgDatabase, now: () => number) => createPgPortedStore({ ...db, close: async () => {} }, now);
  return {
    name: kind,
    async setup() {
      if (kind === 'pglite') {
        const { openPgliteDatabase } = await import('../../src/store/pg/pglite');
        database = await openPgliteDatabase();
        return;
      }
      dbName = `clause5_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${dbName}`);
      } finally {
        await admin.end();
      }
      const u = new URL(PG_ADMIN_URL);
      u.pathname = `/${dbName}`;
      url = u.toString();
      database = await openPgDatabase(url, { poolSize: 4 });
    },
    async open(now) {
      const db = shared();
      emptying ??= await emptyingStatements(db);
      await emptyDatabase(db, emptying);
      return storeOver(db, now);
    },
    async openAnother(now) {
      // PGlite is one connection in this process: "another instance" shares it.
      if (kind === 'pglite' || !url) return storeOver(shared(), now);
      const other = await openPgDatabase(url, { poolSize: 4, migrate: false });
      others.push(other);
      return storeOver(other, now);
    },
    sealStoredSecrets: (box, options) => sealPgSecrets(shared(), box, options),
    platformState(now, secrets) {
      return createPgPlatformState(shared(), now, secrets);
    },
    async anotherPlatformState(now) {
      if (kind === 'pglite' || !url) return createPgPlatformState(shared(), now);
      const other = await openPgDatabase(url, { poolSize: 4, migrate: false });
      others.push(other);
      return createPgPlatformState(other, now);
    },
    admin: () => createPgAdmin(shared(), `the test database (${kind})`, () => database !== undefined),
    async rows(table) {
      const hasId = await shared().query(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id'`, [table]);
      const rows = await shared().query(`SELECT * FROM ${table} ORDER BY ${hasId.length ? 'id' : 'ctid'}`);
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])));
    },
    async execute(sql, params = []) {
      return shared().query(sql, params);
    },
    countStatements() {
      const pool = shared().pool;
      return pool ? countPoolStatements(pool) : undefined;
    },
    async afterEach() {
      await Promise.all(others.splice(0).map((d) => d.close()));
    },
    async teardown() {
      await database?.close();
      database = undefined;
      if (!dbName) return;
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * Declares `body`'s tests once per engine, titled `[sqlite]` and `[postgres]` (or `[pglite]`).
 * The body gets the engine to open stores with; it must not branch on the engine's name to
 * expect different results: both engines keep the same contract.
 */
export function describeEngines(title: string, body: (engine: Engine) => void): void {
  for (const harness of [sqliteHarness(), postgresHarness(POSTGRES)]) {
    describe(`${title} [${harness.name}]`, () => {
      beforeAll(() => harness.setup(), 60_000);
      afterEach(() => harness.afterEach());
      afterAll(() => harness.teardown(), 60_000);
      body(harness);
    });
  }
}
