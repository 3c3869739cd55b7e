// The people area's repositories on PostgreSQL, as index.ts adds them to the store.
import type { Store } from '../../core/ports';
import { PgAwayRepo, PgDigestRepo, PgScheduleRepo } from './calendar';
import type { OpenPgDatabase } from './db';
import { PgPeopleRepo } from './people';
import { PgRosterRepo } from './roster';
import { PgSiteRepo, PgTeamRepo } from './sites';

export const PEOPLE_PORTED = ['people', 'sites', 'teams', 'away', 'schedules', 'digest', 'roster'] as const satisfies ReadonlyArray<keyof Store>;

export function pgPeopleRepos(database: OpenPgDatabase, now: () => number): Pick<Store, (typeof PEOPLE_PORTED)[number]> {
  const { db } = database;
  return {
    people: new PgPeopleRepo(database, now),
    sites: new PgSiteRepo(db, now),
    teams: new PgTeamRepo(db, now),
    away: new PgAwayRepo(db, now),
    schedules: new PgScheduleRepo(database, now),
    digest: new PgDigestRepo(db, now),
    roster: new PgRosterRepo(db, now),
  };
}
