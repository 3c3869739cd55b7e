// The SQLite implementation of the Store port: one file per area, composed here.
import { eq, lt } from 'drizzle-orm';
import { processedEvents, schedulerState } from '../../../db/schema';
import type { OpenedStore } from '../opened';
import { createSqliteAdmin } from './admin';
import { SqliteAttentionRepo } from './attention';
import { SqliteAuditRepo } from './audit';
import { retryingStore } from './busy';
import { SqliteAwayRepo, SqliteDigestRepo, SqliteScheduleRepo } from './calendar';
import { openDatabase, type OpenDatabase, type OpenOptions } from './db';
import { SqliteDeliveryRepo } from './deliveries';
import { SqliteFollowUpRepo } from './followups';
import { SqliteLeaseRepo } from './leases';
import { SqliteMeetingRepo } from './meetings';
import { SqliteObjectiveRepo } from './objectives';
import { SqliteOrgRepo } from './orgs';
import { SqlitePeopleRepo } from './people';
import { SqlitePromptRepo } from './prompts';
import { SqliteCustomPromptRepo } from './custom-prompts';
import { SqliteRosterRepo } from './roster';
import { SqliteScorecardRepo } from './scorecard';
import { SqliteSiteRepo, SqliteTeamRepo } from './sites';
import { SqliteFloorWalkRepo } from './walks';
import { SqliteEvidenceRepo } from './evidence';
import { SqlitePrivacyRepo } from './privacy';
import { SqliteRetentionRepo } from './privacy/retention';
import { verifyRecord, type VerifyResult } from './verify';
import { SqliteWebSessionRepo } from './web-sessions';
import { SqliteWinRepo } from './wins';

export interface SqliteStore extends OpenedStore {
  /** The engine's own handles, for this folder and for tests that read or tamper with rows. */
  readonly database: OpenDatabase;
  readonly web: SqliteWebSessionRepo;
  verify(onlyOrg?: string): Promise<VerifyResult>;
}

/** Builds the store over an open database; `now` stamps created/updated times and audit rows. */
export function createSqliteStore(database: OpenDatabase, now: () => number): SqliteStore {
  const { db } = database;
  let prunedAt = 0;
  // Every inbound Slack request records its key before it is handled: prepared once (a tenth of the cost).
  const markStatement = database.sqlite.prepare('INSERT INTO processed_events (key, org_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const scorecard = new SqliteScorecardRepo(db, now);
  // Another process's write lock is waited out asynchronously (busy.ts), not by freezing the process.
  const store: SqliteStore = retryingStore<SqliteStore>(
    {
      database,
      orgs: new SqliteOrgRepo(db, now),
      people: new SqlitePeopleRepo(db, now),
      sites: new SqliteSiteRepo(db, now),
      teams: new SqliteTeamRepo(db, now),
      away: new SqliteAwayRepo(db, now),
      schedules: new SqliteScheduleRepo(db, now),
      digest: new SqliteDigestRepo(db, now),
      roster: new SqliteRosterRepo(db, now),
      audit: new SqliteAuditRepo(db),
      meetings: new SqliteMeetingRepo(db, now),
      prompts: new SqlitePromptRepo(db, now),
      customPrompts: new SqliteCustomPromptRepo(db, now),
      walks: new SqliteFloorWalkRepo(db, now),
      followUps: new SqliteFollowUpRepo(db, now),
      wins: new SqliteWinRepo(db, now),
      objectives: new SqliteObjectiveRepo(db, now),
      deliveries: new SqliteDeliveryRepo(db, now),
      leases: new SqliteLeaseRepo(db),
      scorecard,
      attention: new SqliteAttentionRepo(database.sqlite),
      evidence: new SqliteEvidenceRepo(database.sqlite),
      retention: new SqliteRetentionRepo(database, now),
      privacy: new SqlitePrivacyRepo(database, now),
      web: new SqliteWebSessionRepo(db, now),
      admin: createSqliteAdmin(database),
      verify: (onlyOrg) => verifyRecord(store, onlyOrg, now),
      async markProcessed(key, orgId) {
        const at = now();
        if (at - prunedAt > 3_600_000) {
          // Keep a week of keys: platforms retry within minutes.
          db.delete(processedEvents)
            .where(lt(processedEvents.at, at - 7 * 86_400_000))
            .run();
          prunedAt = at;
        }
        return markStatement.run(key, orgId, at).changes > 0;
      },
      async getState(key) {
        return db.select().from(schedulerState).where(eq(schedulerState.key, key)).get()?.value;
      },
      async setState(key, value) {
        db.insert(schedulerState).values({ key, value }).onConflictDoUpdate({ target: schedulerState.key, set: { value } }).run();
      },
      close: async () => {
        // Workers hold read-only connections to this file: release them with the store.
        scorecard.close();
        database.close();
      },
    },
    ['database', 'close', 'verify'],
  );
  return store;
}

export function openSqliteStore(path: string, now: () => number, options?: OpenOptions): SqliteStore {
  return createSqliteStore(openDatabase(path, options), now);
}
