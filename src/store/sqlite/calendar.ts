import type Database from 'better-sqlite3';
import { and, eq, gte, lte } from 'drizzle-orm';
import { awayPeriods, digestRecipients, floorWalkSchedules } from '../../../db/schema';
import type { AwayRepo, CalendarFacts, DigestRepo, ScheduleRepo } from '../../core/people/repo';
import type { LocalTimeWindow } from '../../core/people/schedule-window';
import type { AwayPeriod, FloorWalkSchedule } from '../../core/people/types';
import type { LocalDate } from '../../core/time';
import { type CalendarFactRow, calendarFactsSql, toCalendarFacts } from '../shared/calendar-facts';
import { toAway } from '../shared/people';
import { writeAudit } from './audit';
import type { Db } from './db';
import { PERSON_ZONE_SQL } from './people';

export class SqliteAwayRepo implements AwayRepo {
  private readonly factsInRange: Database.Statement;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.factsInRange = (db as Db & { $client: Database.Database }).$client.prepare(calendarFactsSql((name) => `@${name}`));
  }

  async calendarFacts(orgId: string, personId: string, siteId: number | null, from: LocalDate, to: LocalDate): Promise<CalendarFacts> {
    return toCalendarFacts(this.factsInRange.all({ org: orgId, person: personId, site: siteId, from, to }) as CalendarFactRow[]);
  }

  async add(orgId: string, away: Omit<AwayPeriod, 'id'>, actor: string | null): Promise<AwayPeriod> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const row = tx
        .insert(awayPeriods)
        .values({ orgId, ...away, recordedBy: actor, createdAt: now })
        .returning()
        .get();
      const created = toAway(row);
      writeAudit(tx, { orgId, actor, entity: 'away', entityId: row.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async remove(orgId: string, id: number, actor: string | null): Promise<AwayPeriod | undefined> {
    return this.db.transaction((tx) => {
      const row = tx
        .select()
        .from(awayPeriods)
        .where(and(eq(awayPeriods.orgId, orgId), eq(awayPeriods.id, id)))
        .get();
      if (!row) return undefined;
      tx.delete(awayPeriods).where(eq(awayPeriods.id, id)).run();
      writeAudit(tx, { orgId, actor, entity: 'away', entityId: id, action: 'delete', before: toAway(row), at: this.now() });
      return toAway(row);
    });
  }

  async list(orgId: string, personId: string, from?: LocalDate, to?: LocalDate): Promise<AwayPeriod[]> {
    const conditions = [eq(awayPeriods.orgId, orgId), eq(awayPeriods.personId, personId)];
    if (from) conditions.push(gte(awayPeriods.toDate, from));
    if (to) conditions.push(lte(awayPeriods.fromDate, to));
    return this.db
      .select()
      .from(awayPeriods)
      .where(and(...conditions))
      .orderBy(awayPeriods.fromDate)
      .all()
      .map(toAway);
  }

  async listInOrg(orgId: string, from: LocalDate, to: LocalDate): Promise<AwayPeriod[]> {
    return this.db
      .select()
      .from(awayPeriods)
      .where(and(eq(awayPeriods.orgId, orgId), gte(awayPeriods.toDate, from), lte(awayPeriods.fromDate, to)))
      .orderBy(awayPeriods.fromDate)
      .all()
      .map(toAway);
  }
}

/** Sets a person's floor-walk slot (insert or update) and audits it; call inside a transaction. */
export function upsertScheduleRow(tx: Db, orgId: string, schedule: FloorWalkSchedule, actor: string | null, now: number): FloorWalkSchedule {
  const before = tx.select().from(floorWalkSchedules).where(eq(floorWalkSchedules.personId, schedule.personId)).get();
  tx.insert(floorWalkSchedules)
    .values({ orgId, ...schedule, createdAt: now })
    .onConflictDoUpdate({
      target: floorWalkSchedules.personId,
      set: { weekday: schedule.weekday, time: schedule.time, active: schedule.active },
    })
    .run();
  writeAudit(tx, {
    orgId,
    actor,
    entity: 'floor_walk_schedule',
    entityId: schedule.personId,
    action: before ? 'update' : 'create',
    before: before && { weekday: before.weekday, time: before.time, active: before.active },
    after: schedule,
    at: now,
  });
  return schedule;
}

const ACTIVE_WITH_ZONE = `
  SELECT f.person_id AS personId, f.org_id AS orgId, f.weekday, f.time, ${PERSON_ZONE_SQL} AS zone
  FROM floor_walk_schedules f
  JOIN people p ON p.id = f.person_id
  LEFT JOIN sites s ON s.id = p.site_id
  WHERE f.active = 1`;

interface ScheduleRow {
  personId: string;
  orgId: string;
  weekday: number;
  time: string;
}

export class SqliteScheduleRepo implements ScheduleRepo {
  private readonly inWindows: Database.Statement;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    const client = (db as Db & { $client: Database.Database }).$client;
    this.inWindows = client.prepare(`
      WITH w AS MATERIALIZED (
        SELECT value->>'zone' AS zone, value->>'all' AS every, value->>'after' AS after, value->>'through' AS through
        FROM json_each(@windows)
      )
      SELECT a.personId, a.orgId, a.weekday, a.time
      FROM (${ACTIVE_WITH_ZONE}) a JOIN w ON w.zone = a.zone
      WHERE w.every
         OR (w.after < w.through AND a.time > w.after AND a.time <= w.through)
         OR (w.after >= w.through AND (a.time > w.after OR a.time <= w.through))`);
  }

  async listActiveAt(windows: LocalTimeWindow[], defaultZone: string): Promise<Array<FloorWalkSchedule & { orgId: string }>> {
    if (windows.length === 0) return [];
    const rows = this.inWindows.all({ windows: JSON.stringify(windows), defaultZone }) as ScheduleRow[];
    return rows.map((r) => ({ ...r, active: true }));
  }

  async get(orgId: string, personId: string): Promise<FloorWalkSchedule | undefined> {
    const row = this.db
      .select()
      .from(floorWalkSchedules)
      .where(and(eq(floorWalkSchedules.orgId, orgId), eq(floorWalkSchedules.personId, personId)))
      .get();
    return row && { personId: row.personId, weekday: row.weekday, time: row.time, active: row.active };
  }

  async upsert(orgId: string, schedule: FloorWalkSchedule, actor: string | null): Promise<FloorWalkSchedule> {
    return this.db.transaction((tx) => upsertScheduleRow(tx, orgId, schedule, actor, this.now()));
  }

  async listActive(orgId?: string): Promise<Array<FloorWalkSchedule & { orgId: string }>> {
    const conditions = [eq(floorWalkSchedules.active, true)];
    if (orgId) conditions.push(eq(floorWalkSchedules.orgId, orgId));
    return this.db
      .select({
        personId: floorWalkSchedules.personId,
        orgId: floorWalkSchedules.orgId,
        weekday: floorWalkSchedules.weekday,
        time: floorWalkSchedules.time,
        active: floorWalkSchedules.active,
      })
      .from(floorWalkSchedules)
      .where(and(...conditions))
      .all();
  }
}

export class SqliteDigestRepo implements DigestRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async add(orgId: string, personId: string, actor: string | null): Promise<void> {
    this.db.transaction((tx) => {
      const inserted = tx.insert(digestRecipients).values({ orgId, personId }).onConflictDoNothing().run();
      if (inserted.changes > 0) {
        writeAudit(tx, { orgId, actor, entity: 'digest_recipient', entityId: personId, action: 'create', at: this.now() });
      }
    });
  }

  async remove(orgId: string, personId: string, actor: string | null): Promise<boolean> {
    return this.db.transaction((tx) => {
      const removed = tx
        .delete(digestRecipients)
        .where(and(eq(digestRecipients.orgId, orgId), eq(digestRecipients.personId, personId)))
        .run();
      if (removed.changes > 0) {
        writeAudit(tx, { orgId, actor, entity: 'digest_recipient', entityId: personId, action: 'delete', at: this.now() });
      }
      return removed.changes > 0;
    });
  }

  async list(orgId: string): Promise<string[]> {
    return this.db
      .select({ personId: digestRecipients.personId })
      .from(digestRecipients)
      .where(eq(digestRecipients.orgId, orgId))
      .all()
      .map((r) => r.personId);
  }
}
