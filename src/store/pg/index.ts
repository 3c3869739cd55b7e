// The PostgreSQL implementation of the Store port, repository by repository as they are ported.
// A store over PostgreSQL is only handed out once every repository is here: until then opening
// one fails and names what is missing, never falling back to SQLite for part of the data.
import { eq, lt, sql } from 'drizzle-orm';
import { processedEvents, schedulerState } from '../../../db/pg/schema';
import type { Store } from '../../core/ports';
import type { WebSessionRepo } from '../../web/ports';
import { PgAuditRepo } from './audit';
import { PgAwayRepo, PgDigestRepo, PgScheduleRepo } from './calendar';
import type { OpenPgDatabase } from './db';
import { PgDeliveryRepo } from './deliveries';
import { PgLeaseRepo } from './leases';
import { PgMeetingRepo } from './meetings';
import { PgOrgRepo } from './orgs';
import { PgPrivacyRepo } from './privacy';
import { PgRetentionRepo } from './privacy/retention';
import { PgPeopleRepo } from './people';
import { PgPromptRepo } from './prompts';
import { PgRosterRepo } from './roster';
import { PgSiteRepo, PgTeamRepo } from './sites';
import { type RecordStore, verifyPgRecord } from './verify';
import { PgAttentionRepo } from './attention';
import { PgEvidenceRepo } from './evidence';
import { PgFollowUpRepo } from './followups';
import { PgObjectiveRepo } from './objectives';
import { PgFloorWalkRepo } from './walks';
import { PgWinRepo } from './wins';
import { PgScorecardRepo } from './scorecard';
import { PgWebSessionRepo } from './web-sessions';
import type { VerifyResult } from '../shared/verify';

/** The parts of the Store already on PostgreSQL (the same names as the Store's). */
export const PORTED = [
  'orgs',
  'people',
  'sites',
  'teams',
  'away',
  'schedules',
  'digest',
  'roster',
  'audit',
  'deliveries',
  'leases',
  'privacy',
  'retention',
  'markProcessed',
  'getState',
  'setState',
  'close',
  // pg-records
  'wins',
  'followUps',
  'objectives',
  'attention',
  'evidence',
  'scorecard',
  // pg-lifecycle
  'prompts',
  'meetings',
  'walks',
] as const satisfies ReadonlyArray<keyof Store>;

export type PortedStore = Pick<Store, (typeof PORTED)[number]> & {
  readonly database: OpenPgDatabase;
  /** The web page's sign-in links and sessions (not part of the core's Store). */
  readonly web: WebSessionRepo;
  /** `clause5 verify`: checks the tamper-evident record (audit chain and live records). */
  verify(onlyOrg?: string): Promise<VerifyResult>;
};

/** What opening a full store on PostgreSQL says while some repositories are still SQLite-only. */
export class NotYetOnPostgresError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`not yet on PostgreSQL: ${missing.join(', ')} (unset CLAUSE5_DATABASE_URL to run on SQLite)`);
    this.name = 'NotYetOnPostgresError';
  }
}

/** The repositories that exist on PostgreSQL, over an open database. */
export function createPgPortedStore(database: OpenPgDatabase, now: () => number): PortedStore {
  const { db } = database;
  let prunedAt = 0;
  const store: PortedStore = {
    database,
    orgs: new PgOrgRepo(db, now),
    people: new PgPeopleRepo(db, now, database.query),
    sites: new PgSiteRepo(db, now),
    teams: new PgTeamRepo(db, now),
    away: new PgAwayRepo(db, now),
    schedules: new PgScheduleRepo(db, now, database.query),
    digest: new PgDigestRepo(db, now),
    roster: new PgRosterRepo(db, now),
    audit: new PgAuditRepo(db),
    deliveries: new PgDeliveryRepo(database, now),
    leases: new PgLeaseRepo(database.query),
    privacy: new PgPrivacyRepo(db, now),
    retention: new PgRetentionRepo(db, now),
    // The live records load through their repositories, there once ported (a full store has them all).
    verify: (onlyOrg) => verifyPgRecord(database.query, store as PortedStore & RecordStore, onlyOrg),
    web: new PgWebSessionRepo(db, now),
    // pg-records
    wins: new PgWinRepo(db, now),
    followUps: new PgFollowUpRepo(db, now),
    objectives: new PgObjectiveRepo(db, now),
    attention: new PgAttentionRepo(database),
    evidence: new PgEvidenceRepo(database),
    scorecard: new PgScorecardRepo(database.query),
    // pg-lifecycle
    prompts: new PgPromptRepo(db, now),
    meetings: new PgMeetingRepo(db, now),
    walks: new PgFloorWalkRepo(db, now),
    async markProcessed(key, orgId) {
      const at = now();
      if (at - prunedAt > 3_600_000) {
        // Keep a week of keys: platforms retry within minutes.
        await db.delete(processedEvents).where(lt(processedEvents.at, at - 7 * 86_400_000));
        prunedAt = at;
      }
      const inserted = await db.insert(processedEvents).values({ key, orgId, at }).onConflictDoNothing().returning({ key: processedEvents.key });
      return inserted.length > 0;
    },
    async getState(key) {
      const [row] = await db.select().from(schedulerState).where(eq(schedulerState.key, key));
      return row?.value;
    },
    async setState(key, value) {
      await db
        .insert(schedulerState)
        .values({ key, value })
        .onConflictDoUpdate({ target: schedulerState.key, set: { value: sql`excluded.value` } });
    },
    close: () => {
      void database.close();
    },
  };
  return store;
}

/** Every Store member, to name what the PostgreSQL store still lacks. */
const STORE_MEMBERS = [
  'orgs',
  'people',
  'sites',
  'teams',
  'away',
  'schedules',
  'digest',
  'roster',
  'audit',
  'meetings',
  'prompts',
  'customPrompts',
  'walks',
  'followUps',
  'wins',
  'objectives',
  'deliveries',
  'leases',
  'scorecard',
  'attention',
  'evidence',
  'retention',
  'privacy',
  'markProcessed',
  'getState',
  'setState',
  'close',
] as const satisfies ReadonlyArray<keyof Store>;

// A Store member added to the port and not listed above fails to compile here.
type Unlisted = Exclude<keyof Store, (typeof STORE_MEMBERS)[number]>;
const _allListed: Unlisted extends never ? true : Unlisted = true;

/** The full Store on PostgreSQL; throws NotYetOnPostgresError while a repository is missing. */
export function createPgStore(database: OpenPgDatabase, now: () => number): Store & { web: WebSessionRepo } {
  const ported = createPgPortedStore(database, now) as Partial<Store> & PortedStore;
  const missing = STORE_MEMBERS.filter((name) => ported[name] === undefined);
  if (missing.length > 0) throw new NotYetOnPostgresError(missing);
  return ported as Store & PortedStore;
}
