// Statements sent again and again are named, so PostgreSQL parses and plans them once per
// connection; one-off texts, statements without parameters (possibly several at once) and texts
// past the cap stay unnamed. And the deliveries' statistics are refreshed after a fan-out, so that
// a claim takes the first row of the index instead of sorting every pending row.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDatabase, type OpenPgDatabase } from '../../../src/store/pg/db';
import { createPgPortedStore } from '../../../src/store/pg/index';
import { statementName } from '../../../src/store/pg/named-statements';
import { POSTGRES } from '../../support/engines';
import { databaseUrl, onServer as admin } from '../../support/pg-databases';

const onServer = POSTGRES === 'postgres';

describe('statementName', () => {
  it('names a text from its third sending on, the same name every time', () => {
    const text = `SELECT ${randomBytes(6).toString('hex')}`;
    expect(statementName(text)).toBeUndefined();
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^c5_/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${text} `)).toBeUndefined();
  });

  it('leaves a very long text unnamed', () => {
    const text = `SELECT 1 ${'-- '.repeat(4_000)}`;
    for (let i = 0; i < 5; i++) expect(statementName(text)).toBeUndefined();
  });
});

describe.skipIf(!onServer)('named statements on the server', () => {
  const name = `clause5_test_named_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  let database: OpenPgDatabase;
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    database = await openPgDatabase(url, { poolSize: 1 });
  });
  afterAll(async () => {
    await database?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  const prepared = async () => (await database.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).map((row) => row.statement);

  it('prepares a repeated parametrised statement once on the connection, and answers it as before', async () => {
    const text = `SELECT $1::int + 1 AS n -- ${randomBytes(4).toString('hex')}`;
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await database.query<{ n: number }>(text, [i]))[0]!.n);
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect((await prepared()).filter((s) => s === text)).toHaveLength(1);
  });

  it('sends text without parameters unnamed: several statements in one still run', async () => {
    const text = `SELECT 1; SELECT 2 -- ${randomBytes(4).toString('hex')}`;
    for (let i = 0; i < 4; i++) await database.pool!.query(text);
    expect(await prepared()).not.toContain(text);
  });

  it('after a fan-out is queued, a claim reads the first ready row from the index, not every pending one', async () => {
    const now = Date.now();
    await database.query(`INSERT INTO organisations (id, platform, name, created_at) VALUES ('o1', 'local', 'Plant', $1)`, [now]);
    const store = createPgPortedStore(database, () => now);
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ orgId: 'o1', key: `k${i}`, kind: 'x', subject: {}, dueAt: now - 1_000 + (i % 7) }));
    expect(await store.deliveries.enqueue(rows)).toBe(2_000);
    const plan = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('Index Scan using deliveries_due');
    expect(text).not.toContain('Sort');
  });
});
