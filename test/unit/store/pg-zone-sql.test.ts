// The scorecard's zone arithmetic on PostgreSQL (AT TIME ZONE with IANA names) agrees with
// core/time, which SQLite's statements call: local dates of instants, and the instant of a local
// date and time, including times repeated or skipped by DST changes, in zones east and west of
// UTC and Lord Howe's half-hour change. Runs on the server when it answers, else on PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf, zonedInstant } from '../../../src/core/time';
import type { OpenPgDatabase } from '../../../src/store/pg/db';
import { instant, localDate } from '../../../src/store/pg/scorecard-sql';
import { PG_ADMIN_URL, POSTGRES } from '../../support/engines';

let db: OpenPgDatabase;
beforeAll(async () => {
  if (POSTGRES === 'pglite') {
    const { openPgliteDatabase } = await import('../../../src/store/pg/pglite');
    db = await openPgliteDatabase(undefined, { migrate: false });
  } else {
    const { openPgDatabase } = await import('../../../src/store/pg/db');
    db = await openPgDatabase(PG_ADMIN_URL, { poolSize: 1, migrate: false });
  }
}, 60_000);
afterAll(() => db?.close());

const CASES: Array<[string, string, string]> = [
  ['2026-11-01', '01:30', 'America/Chicago'], // repeated (fall back)
  ['2026-03-08', '02:30', 'America/Chicago'], // skipped (spring forward)
  ['2026-03-08', '03:00', 'America/Chicago'],
  ['2026-10-25', '02:30', 'Europe/Berlin'], // repeated
  ['2026-03-29', '02:30', 'Europe/Berlin'], // skipped
  ['2026-10-04', '02:15', 'Australia/Sydney'], // skipped (southern spring)
  ['2026-04-05', '02:30', 'Australia/Sydney'], // repeated
  ['2026-10-04', '02:10', 'Australia/Lord_Howe'], // skipped half hour
  ['2026-04-05', '01:45', 'Australia/Lord_Howe'], // repeated half hour
  ['2026-12-16', '09:00', 'Asia/Kolkata'],
  ['2026-12-31', '23:59', 'Asia/Tokyo'],
  ['2026-06-15', '14:00', 'America/Sao_Paulo'],
];

describe(`zone arithmetic in the scorecard's PostgreSQL SQL (${POSTGRES})`, { timeout: 60_000 }, () => {
  it.each(CASES)('%s %s in %s is the instant core/time gives', async (date, time, zone) => {
    const [row] = await db.query<{ ms: number }>(`SELECT ${instant('$1::text', '$2::text', '$3::text')} AS ms`, [date, time, zone]);
    expect(Number(row!.ms)).toBe(zonedInstant(date, time, zone));
  });

  it('gives the local date core/time gives, either side of midnight and of DST changes', async () => {
    for (const [date, time, zone] of CASES) {
      const at = zonedInstant(date, time, zone);
      for (const ms of [at - 3_600_000, at, at + 1, at + 23 * 3_600_000]) {
        const [row] = await db.query<{ d: string }>(`SELECT ${localDate('$1::bigint', '$2::text')} AS d`, [ms, zone]);
        expect(row!.d, `${ms} in ${zone}`).toBe(localDateOf(ms, zone));
      }
    }
  });
});
