// The rollup property test's random histories (rollups-history.ts) on PostgreSQL: a history is
// written on an in-memory SQLite store and copied with `db copy`'s own code to the test's
// PostgreSQL database; each later change (mutate) runs on SQLite and its writes, recorded, are
// replayed as plain SQL on PostgreSQL, where the rollup triggers see them as they would the
// application's. Both databases hold the same rows throughout (inserted ids are replayed too).
import type Database from 'better-sqlite3';
import pg from 'pg';
import type { PeriodFacts, PeriodQuery } from '../../../src/core/scorecard/repo';
import type { PgScorecardRepo } from '../../../src/store/pg/scorecard';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { copySqliteToPg } from '../../../src/store/pg/copy';
import { type OpenPgDatabase, openPgDatabase, type Query } from '../../../src/store/pg/db';
import { POSTGRES } from '../../support/engines';
import { emptyDatabase, emptyingStatements, scratchDatabase } from '../../support/pg-databases';
import { type History, mutate, writeHistory } from './rollups-history';

type Write = { sql: string; args: unknown[] };

/** `db` whose statements' run() calls are noted in `writes` (with the id an insert was given). */
function recording(db: Database.Database, writes: Write[]): Database.Database {
  const hasId = (table: string) => (db.prepare(`SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = 'id' AND pk = 1`).pluck().get(table) as number) > 0;
  return new Proxy(db, {
    get(target, name) {
      if (name !== 'prepare') return Reflect.get(target, name, target);
      return (sql: string) => {
        const statement = target.prepare(sql);
        return new Proxy(statement, {
          get(st, key) {
            if (key !== 'run') {
              const value = Reflect.get(st, key, st);
              return typeof value === 'function' ? value.bind(st) : value;
            }
            return (...args: unknown[]) => {
              const result = st.run(...args);
              const insert = /^INSERT INTO (\w+) \(([^)]*)\) VALUES \(([^)]*)\)$/.exec(sql);
              if (insert && !insert[2]!.split(', ').includes('id') && hasId(insert[1]!)) {
                writes.push({ sql: `INSERT INTO ${insert[1]} (id, ${insert[2]}) VALUES (?, ${insert[3]})`, args: [Number(result.lastInsertRowid), ...args] });
              } else writes.push({ sql, args });
              return result;
            };
          },
        });
      };
    },
  });
}

/** A recorded SQLite write in PostgreSQL's terms. */
function translate({ sql, args }: Write): { text: string; values: unknown[] } {
  let n = 0;
  const text = sql
    .replace("json_set(settings, '$.weights', json(?))", "jsonb_set(settings::jsonb, '{weights}', ?::jsonb)::text")
    .replace(/\?/g, () => `$${++n}`);
  return { text, values: args };
}

export interface PgHistory {
  h: History;
  sqlite: SqliteStore;
  /** A change after the fact on both databases; what it was. */
  mutate(step: number): Promise<string>;
}

/** The test's PostgreSQL database (server, or PGlite when none answers) and how to put a history in it. */
export async function pgTarget() {
  let database: OpenPgDatabase;
  let single: Query;
  let close: () => Promise<void>;
  /** Another pool on the same database, as a second instance has it (PGlite: the same one). */
  let another: () => Promise<OpenPgDatabase>;
  const others: OpenPgDatabase[] = [];
  if (POSTGRES === 'pglite') {
    const { openPgliteDatabase } = await import('../../../src/store/pg/pglite');
    database = await openPgliteDatabase();
    single = database.query;
    close = () => database.close();
    another = async () => database;
  } else {
    const scratch = await scratchDatabase('clause5_rollups_pg');
    database = await openPgDatabase(scratch.url, { poolSize: 4 });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    single = async (text, params) => (await client.query(text, params)).rows as never;
    another = async () => {
      const other = await openPgDatabase(scratch.url, { poolSize: 2, migrate: false });
      others.push(other);
      return other;
    };
    close = async () => {
      for (const other of others) await other.close();
      await client.end();
      await database.close();
      await scratch.drop();
    };
  }
  const emptying = await emptyingStatements(database);
  return {
    database,
    close,
    another: () => another(),
    /** Empties the database and writes history `seed` into it (and into a new SQLite store at `now`). */
    async history(seed: number, now: () => number): Promise<PgHistory> {
      await emptyDatabase(database, emptying);
      await database.query('DELETE FROM scorecard_rollup_marks');
      const sqlite = openSqliteStore(':memory:', now);
      const h = writeHistory(sqlite.database.sqlite, seed);
      await copySqliteToPg(sqlite.database.sqlite, single);
      const writes: Write[] = [];
      h.db = recording(sqlite.database.sqlite, writes);
      return {
        h,
        sqlite,
        async mutate(step) {
          const what = mutate(h, step);
          for (const write of writes.splice(0)) {
            const { text, values } = translate(write);
            await database.query(text, values);
          }
          return what;
        },
      };
    },
  };
}

const byKey = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

/** Sites with nothing counted are left out (one side may list a site whose counts are all zero). */
function normalised(facts: PeriodFacts): PeriodFacts {
  const counted = facts.sites.filter((s) => s.wins + s.followUpsOnTime + s.followUpsDue + s.followUpsOverdue > 0);
  return { leaders: byKey(facts.leaders, (r) => r.personId), sites: byKey(counted, (s) => String(s.siteId)), all: facts.all };
}

/** What the rollups serve of a period, each list sorted, to compare two repos. */
export async function everything(repo: PgScorecardRepo, q: PeriodQuery) {
  const medians = await repo.responseMedians(q);
  return {
    facts: normalised(await repo.periodFacts(q)),
    leadersOnly: byKey((await repo.periodFacts({ ...q, totals: false })).leaders, (r) => r.personId),
    medians: { ...medians, byLeader: byKey(medians.byLeader, (m) => m.personId), bySite: byKey(medians.bySite, (m) => String(m.siteId)) },
    streaks: byKey(await repo.streaks(q), (s) => s.personId),
    custom: byKey(await repo.customFacts(q), (f) => `${f.personId}/${f.promptId}`),
  };
}
