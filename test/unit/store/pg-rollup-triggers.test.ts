// The PostgreSQL rollup triggers: migration 0011 holds what rollupTriggersSql() writes (the
// definitions live in src/store/pg/rollups/triggers.ts), and a migrated database has every one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_MIGRATIONS_FOLDER } from '../../../src/store/pg/db';
import { ROLLUP_TRIGGER_NAMES, rollupTriggersSql } from '../../../src/store/pg/rollups/triggers';
import { POSTGRES } from '../../support/engines';
import { pgTarget } from '../scorecard/rollups-pg-history';

let target: Awaited<ReturnType<typeof pgTarget>> | undefined;
afterAll(() => target?.close());

describe(`the rollup triggers on ${POSTGRES}`, () => {
  it('are the migration’s text', () => {
    expect(readFileSync(join(PG_MIGRATIONS_FOLDER, '0011_pg_rollup_triggers.sql'), 'utf8')).toBe(rollupTriggersSql());
  });

  it('are all on a migrated database, and a write marks its weeks', async () => {
    target = await pgTarget();
    const present = (await target.database.query<{ tgname: string }>('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal')).map((t) => t.tgname);
    expect(ROLLUP_TRIGGER_NAMES.filter((name) => !present.includes(name))).toEqual([]);
    await target.database.query("INSERT INTO organisations (id, platform, name, settings, created_at) VALUES ('o', 'local', 'O', '{}', 0)");
    await target.database.query(
      "INSERT INTO people (id, org_id, handle, display_name, role, joined_on, created_at, updated_at) VALUES ('p', 'o', 'p', 'P', 'leader', '2026-01-01', 0, 0)",
    );
    await target.database.query(
      "INSERT INTO away_periods (org_id, person_id, from_date, to_date, created_at) VALUES ('o', 'p', '2026-03-04', '2026-03-10', 0)",
    );
    const marks = await target.database.query('SELECT org_id AS "orgId", lo, hi, source FROM scorecard_rollup_marks ORDER BY id');
    expect(marks).toEqual([
      { orgId: 'o', lo: '', hi: '9999', source: 'organisations' },
      { orgId: 'o', lo: '', hi: '9999', source: 'people' },
      { orgId: 'o', lo: '2026-02-25', hi: '2026-03-11', source: 'away_periods' },
    ]);
  }, 60_000);
});
