// Opening PostgreSQL: migrations run once even when several instances start together, an
// unreachable server is named clearly (without the password), the PGlite build gets the same
// tables, and a PostgreSQL store that lacks repositories refuses to start instead of falling back.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config';
import { openStore } from '../../../src/store/open';
import { openPgDatabase, PG_MIGRATIONS_FOLDER } from '../../../src/store/pg/db';
import { openPgliteDatabase } from '../../../src/store/pg/pglite';
import { pgSchemaShape } from '../../../src/store/schema-shape';
import { PG_ADMIN_URL, POSTGRES } from '../../support/engines';

const onServer = POSTGRES === 'postgres';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(!onServer)('PostgreSQL on the server', () => {
  const name = `clause5_test_conn_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${name}` }).toString();
  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('three instances starting at once on an empty database migrate it once', async () => {
    const opened = await Promise.all([1, 2, 3].map(() => openPgDatabase(url, { poolSize: 2 })));
    try {
      const [applied] = await opened[0]!.query<{ n: number }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
      const tables = await opened[1]!.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
      // Every migration of the journal applied once, not once per instance.
      const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(applied?.n).toBe(journal.entries.length);
      expect(tables.map((t) => t.tablename)).toEqual(pgSchemaShape().map((t) => t.name));
    } finally {
      await Promise.all(opened.map((d) => d.close()));
    }
  });

  it('refuses to start a store while repositories are missing, naming them', async () => {
    const config = loadConfig({ CLAUSE5_DATABASE_URL: url });
    await expect(openStore(config, () => 0)).rejects.toThrow(/not yet on PostgreSQL: customPrompts \(/);
  });
});

describe('opening PostgreSQL', () => {
  it('names an unreachable server by host, port and database, never the password', async () => {
    const error = await openPgDatabase('postgres://clause5:hunter2@127.0.0.1:1/plants').catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^PostgreSQL at 127\.0\.0\.1:1\/plants \(CLAUSE5_DATABASE_URL\): /);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('PGlite gets every table of the schema from the same migrations', async () => {
    const database = await openPgliteDatabase();
    try {
      const tables = await database.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
      expect(tables.map((t) => t.tablename)).toEqual(pgSchemaShape().map((t) => t.name));
    } finally {
      await database.close();
    }
  }, 30_000);
});

describe('CLAUSE5_DATABASE_URL', () => {
  it('accepts a postgres:// or postgresql:// URL and a pool size', () => {
    expect(loadConfig({ CLAUSE5_DATABASE_URL: 'postgresql://db.example.com/clause5' }).CLAUSE5_DATABASE_URL).toBe('postgresql://db.example.com/clause5');
    expect(loadConfig({ CLAUSE5_DATABASE_URL: 'postgres://u:p@db:5432/c', CLAUSE5_DB_POOL_SIZE: '25' }).CLAUSE5_DB_POOL_SIZE).toBe(25);
    expect(loadConfig({}).CLAUSE5_DATABASE_URL).toBeUndefined();
  });

  it('refuses anything else, naming the variable and hiding the password', () => {
    expect(() => loadConfig({ CLAUSE5_DATABASE_URL: 'mysql://root:hunter2@db/clause5' })).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig({ CLAUSE5_DATABASE_URL: 'mysql://root:hunter2@db/clause5' });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toContain('CLAUSE5_DATABASE_URL: expected a PostgreSQL URL such as postgres://');
    expect(message).toContain('"mysql://root:…@db/clause5"');
    expect(message).not.toContain('hunter2');
    expect(() => loadConfig({ CLAUSE5_DATABASE_URL: './data/clause5.db' })).toThrow(/CLAUSE5_DATABASE_URL: expected a PostgreSQL URL/);
    expect(() => loadConfig({ CLAUSE5_DB_POOL_SIZE: '0' })).toThrow(/CLAUSE5_DB_POOL_SIZE: expected at least 1 connection/);
  });
});
