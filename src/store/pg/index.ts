// The PostgreSQL implementation of the Store port: every repository is here. A Store member added
// to the port later without its PostgreSQL repository fails to compile here (PgStore is a whole Store).
import { eq, lt, sql } from 'drizzle-orm';
import { processedEvents, schedulerState } from '../../../db/pg/schema';
import type { Store } from '../../core/ports';
import type { WebSessionRepo } from '../../web/ports';
import { PgAuditRepo } from './audit';
import { PgAwayRepo, PgDigestRepo, PgScheduleRepo } from './calendar';
import type { OpenPgDatabase } from './db';
import type { OpenedStore } from '../opened';
import { createPgAdmin } from './admin';
import { PgCustomPromptRepo } from './custom-prompts';
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
import { verifyPgRecord } from './verify';
import { PgAttentionRepo } from './attention';
import { PgEvidenceRepo } from './evidence';
import { PgFollowUpRepo } from './followups';
import { PgObjectiveRepo } from './objectives';
import { PgFloorWalkRepo } from './walks';
import { PgWinRepo } from './wins';
import { PgScorecardRepo } from './scorecard';
import { PgWebSessionRepo } from './web-sessions';
import type { VerifyResult } from '../shared/verify';

/** The whole Store on PostgreSQL, with the database and the web page's and verify's parts. */
export type PortedStore = Store & {
  readonly database: OpenPgDatabase;
  /** The web page's sign-in links and sessions (not part of the core's Store). */
  readonly web: WebSessionRepo;
  /** `clause5 verify`: checks the tamper-evident record (audit chain and live records). */
  verify(onlyOrg?: string): Promise<VerifyResult>;
};

/** The repositories that exist on PostgreSQL, over an open database. */
export interface PgStoreOptions {
  /** The weekly scorecard rollups (CLAUSE5_PG_ROLLUPS): off by default, the records are read. */
  rollups?: 'all' | false;
}

export function createPgPortedStore(database: OpenPgDatabase, now: () => number, options: PgStoreOptions = {}): PortedStore {
  const { db } = database;
  let prunedAt = 0;
  const store: PortedStore = {
    database,
    orgs: new PgOrgRepo(db, now),
    people: new PgPeopleRepo(db, now, database.query),
    sites: new PgSiteRepo(db, now),
    teams: new PgTeamRepo(db, now),
    away: new PgAwayRepo(db, now, database.query),
    schedules: new PgScheduleRepo(db, now, database.query),
    digest: new PgDigestRepo(db, now),
    roster: new PgRosterRepo(db, now),
    audit: new PgAuditRepo(db),
    deliveries: new PgDeliveryRepo(database, now),
    leases: new PgLeaseRepo(database.query),
    privacy: new PgPrivacyRepo(db, now),
    retention: new PgRetentionRepo(db, now),
    // The live records load through their repositories (a full store has them all).
    verify: (onlyOrg) => verifyPgRecord(database.query, store, onlyOrg),
    web: new PgWebSessionRepo(db, now),
    wins: new PgWinRepo(db, now),
    followUps: new PgFollowUpRepo(db, now),
    objectives: new PgObjectiveRepo(db, now),
    attention: new PgAttentionRepo(database),
    evidence: new PgEvidenceRepo(database),
    scorecard: new PgScorecardRepo(database.query, { rollups: options.rollups ?? false, transaction: database.transaction }),
    prompts: new PgPromptRepo(db, now),
    meetings: new PgMeetingRepo(db, now),
    walks: new PgFloorWalkRepo(db, now),
    customPrompts: new PgCustomPromptRepo(db, now),
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

/** The full Store on PostgreSQL, with the runtime's parts (admin, a close that can be awaited). */
export function createPgStore(database: OpenPgDatabase, now: () => number, where = 'PostgreSQL', options: PgStoreOptions = {}): OpenedStore & PortedStore {
  const store = createPgPortedStore(database, now, options);
  let closed: Promise<void> | undefined;
  // The same object (its verify reads the repositories through it), with the runtime's parts added.
  return Object.assign(store, {
    admin: createPgAdmin(database, where, () => closed === undefined),
    close: () => (closed ??= database.close()),
  });
}
