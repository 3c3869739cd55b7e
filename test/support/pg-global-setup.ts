// The vitest global setup of the 'postgres' project (vitest.config.ts): once per run it migrates a
// template database on the server, which every test core's database is created from (a copy takes
// a fifth of a second, migrating takes seconds), and at the end drops the run's databases. With no
// server answering, the test cores use PGlite, migrated each (CLAUSE5_TEST_PG=require: a failure).
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { describeUrl, openPgDatabase } from '../../src/store/pg/db';
import { databaseUrl, dropDatabases, onServer, PG_ADMIN_URL, serverAnswers } from './pg-databases';

/** What the test cores of the run learn through inject('testPostgres'). */
export type TestPostgres = { kind: 'postgres'; template: string; prefix: string } | { kind: 'pglite' };

declare module 'vitest' {
  export interface ProvidedContext {
    testPostgres: TestPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!(await serverAnswers(PG_ADMIN_URL))) {
    if (process.env.CLAUSE5_TEST_PG === 'require') {
      throw new Error(`CLAUSE5_TEST_PG=require but no PostgreSQL answers at ${describeUrl(PG_ADMIN_URL)} (CLAUSE5_TEST_PG_URL)`);
    }
    project.provide('testPostgres', { kind: 'pglite' });
    return async () => {};
  }
  const prefix = `clause5_core_${randomBytes(4).toString('hex')}_`;
  const template = `${prefix}template`;
  await onServer(`CREATE DATABASE ${template}`);
  const migrated = await openPgDatabase(databaseUrl(template), { poolSize: 1 });
  await migrated.close();
  project.provide('testPostgres', { kind: 'postgres', template, prefix });
  return () => dropDatabases(prefix);
}
