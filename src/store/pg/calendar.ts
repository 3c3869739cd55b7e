// Away periods, floor-walk schedules and digest recipients on PostgreSQL.
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { awayPeriods, digestRecipients, floorWalkSchedules } from '../../../db/pg/schema';
import type { AwayRepo, CalendarFacts, DigestRepo, ScheduleRepo } from '../../core/people/repo';
import type { LocalTimeWindow } from '../../core/people/schedule-window';
import type { AwayPeriod, FloorWalkSchedule } from '../../core/people/types';
import type { LocalDate } from '../../core/time';
import { CALENDAR_FACT_PARAMS, type CalendarFactRow, calendarFactsSql, toCalendarFacts } from '../shared/calendar-facts';
import { overlappingBound, toAway } from '../shared/people';
import { auditedTransaction, writeAudit } from './audit';
import type { PgDb, Query } from './db';
import { PERSON_ZONE_SQL } from './people';

const CALENDAR_FACTS = calendarFactsSql((name) => `$${CALENDAR_FACT_PARAMS.indexOf(name) + 1}`);

export class PgAwayRepo implements AwayRepo {
  /** Built once: every prompt sent reads its person's absences over the period. */
  private readonly inRange;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
    private readonly query: Query,
  ) {
    this.inRange = db
      .select()
      .from(awayPeriods)
      .where(overlappingBound(awayPeriods, awayPeriods.personId, 'personId'))
      .orderBy(awayPeriods.fromDate, awayPeriods.id)
      .prepare('away_in_range');
  }

  async add(orgId: string, away: Omit<AwayPeriod, 'id'>, actor: string | null): Promise<AwayPeriod> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const now = this.now();
      const [row] = await tx
        .insert(awayPeriods)
        .values({ orgId, ...away, recordedBy: actor, createdAt: now })
        .returning();
      const created = toAway(row!);
      await writeAudit(tx, { orgId, actor, entity: 'away', entityId: created.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async remove(orgId: string, id: number, actor: string | null): Promise<AwayPeriod | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const [row] = await tx
        .delete(awayPeriods)
        .where(and(eq(awayPeriods.orgId, orgId), eq(awayPeriods.id, id)))
        .returning();
      if (!row) return undefined;
      await writeAudit(tx, { orgId, actor, entity: 'away', entityId: id, action: 'delete', before: toAway(row), at: this.now() });
      return toAway(row);
    });
  }

  async list(orgId: string, personId: string, from?: LocalDate, to?: LocalDate): Promise<AwayPeriod[]> {
    if (from && to) return (await this.inRange.execute({ orgId, personId, from, to })).map(toAway);
    const conditions = [eq(awayPeriods.orgId, orgId), eq(awayPeriods.personId, personId)];
    if (from) conditions.push(gte(awayPeriods.toDate, from));
    if (to) conditions.push(lte(awayPeriods.fromDate, to));
    const rows = await this.db
      .select()
      .from(awayPeriods)
      .where(and(...conditions))
      .orderBy(awayPeriods.fromDate, awayPeriods.id);
    return rows.map(toAway);
  }

  async calendarFacts(orgId: string, personId: string, siteId: number | null, from: LocalDate, to: LocalDate): Promise<CalendarFacts> {
    return toCalendarFacts(await this.query<CalendarFactRow & Record<string, unknown>>(CALENDAR_FACTS, [orgId, personId, siteId, from, to]));
  }

  async listInOrg(orgId: string, from: LocalDate, to: LocalDate): Promise<AwayPeriod[]> {
    const rows = await this.db
      .select()
      .from(awayPeriods)
      .where(and(eq(awayPeriods.orgId, orgId), gte(awayPeriods.toDate, from), lte(awayPeriods.fromDate, to)))
      .orderBy(awayPeriods.fromDate, awayPeriods.id);
    return rows.map(toAway);
  }
}

/**
 * Sets a person's floor-walk slot (insert or update) and audits it; call inside a transaction. Of
 * two instances setting a new slot at once, one inserts (audited as the creation) and the other
 * waits for it, then locks and updates it (audited with the first one's slot as `before`).
 */
export async function upsertScheduleRow(tx: PgDb, orgId: string, schedule: FloorWalkSchedule, actor: string | null, now: number): Promise<FloorWalkSchedule> {
  const audit = { orgId, actor, entity: 'floor_walk_schedule', entityId: schedule.personId, after: schedule, at: now } as const;
  const [inserted] = await tx
    .insert(floorWalkSchedules)
    .values({ orgId, ...schedule, createdAt: now })
    .onConflictDoNothing({ target: floorWalkSchedules.personId })
    .returning({ personId: floorWalkSchedules.personId });
  if (inserted) {
    await writeAudit(tx, { ...audit, action: 'create' });
    return schedule;
  }
  const mine = eq(floorWalkSchedules.personId, schedule.personId);
  const [before] = await tx.select().from(floorWalkSchedules).where(mine).for('update');
  await tx.update(floorWalkSchedules).set({ weekday: schedule.weekday, time: schedule.time, active: schedule.active }).where(mine);
  await writeAudit(tx, { ...audit, action: 'update', before: before && { weekday: before.weekday, time: before.time, active: before.active } });
  return schedule;
}

// The active slots whose local time falls in one of the windows ($2, JSON) of their person's zone
// ($1 is the default zone). 'HH:MM' compares in byte order (COLLATE "C"), as on SQLite.
const IN_WINDOWS = `
  WITH w AS (
    SELECT x->>'zone' AS zone, coalesce((x->>'all')::boolean, false) AS every,
           x->>'after' COLLATE "C" AS after, x->>'through' COLLATE "C" AS through
      FROM jsonb_array_elements($2::jsonb) x),
  a AS (
    SELECT f.person_id, f.org_id, f.weekday, f.time COLLATE "C" AS time, ${PERSON_ZONE_SQL} AS zone
      FROM floor_walk_schedules f
      JOIN people p ON p.id = f.person_id
      LEFT JOIN sites s ON s.id = p.site_id
     WHERE f.active)
  SELECT a.person_id AS "personId", a.org_id AS "orgId", a.weekday, a.time
    FROM a JOIN w ON w.zone = a.zone
   WHERE w.every
      OR (w.after < w.through AND a.time > w.after AND a.time <= w.through)
      OR (w.after >= w.through AND (a.time > w.after OR a.time <= w.through))`;

export class PgScheduleRepo implements ScheduleRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
    private readonly query: Query,
  ) {}

  async listActiveAt(windows: LocalTimeWindow[], defaultZone: string): Promise<Array<FloorWalkSchedule & { orgId: string }>> {
    if (windows.length === 0) return [];
    const rows = await this.query<{ personId: string; orgId: string; weekday: number; time: string }>(IN_WINDOWS, [defaultZone, JSON.stringify(windows)]);
    return rows.map((r) => ({ ...r, active: true }));
  }

  async get(orgId: string, personId: string): Promise<FloorWalkSchedule | undefined> {
    const [row] = await this.db
      .select()
      .from(floorWalkSchedules)
      .where(and(eq(floorWalkSchedules.orgId, orgId), eq(floorWalkSchedules.personId, personId)));
    return row && { personId: row.personId, weekday: row.weekday, time: row.time, active: row.active };
  }

  async upsert(orgId: string, schedule: FloorWalkSchedule, actor: string | null): Promise<FloorWalkSchedule> {
    return auditedTransaction(this.db, orgId, (tx) => upsertScheduleRow(tx, orgId, schedule, actor, this.now()));
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
      .where(and(...conditions));
  }
}

export class PgDigestRepo implements DigestRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async add(orgId: string, personId: string, actor: string | null): Promise<void> {
    await auditedTransaction(this.db, orgId, async (tx) => {
      const inserted = await tx.insert(digestRecipients).values({ orgId, personId }).onConflictDoNothing().returning({ personId: digestRecipients.personId });
      if (inserted.length > 0) {
        await writeAudit(tx, { orgId, actor, entity: 'digest_recipient', entityId: personId, action: 'create', at: this.now() });
      }
    });
  }

  async remove(orgId: string, personId: string, actor: string | null): Promise<boolean> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const removed = await tx
        .delete(digestRecipients)
        .where(and(eq(digestRecipients.orgId, orgId), eq(digestRecipients.personId, personId)))
        .returning({ personId: digestRecipients.personId });
      if (removed.length > 0) {
        await writeAudit(tx, { orgId, actor, entity: 'digest_recipient', entityId: personId, action: 'delete', at: this.now() });
      }
      return removed.length > 0;
    });
  }

  async list(orgId: string): Promise<string[]> {
    // In id order, as SQLite reads them along the table's primary key.
    const rows = await this.db
      .select({ personId: digestRecipients.personId })
      .from(digestRecipients)
      .where(eq(digestRecipients.orgId, orgId))
      .orderBy(sql`${digestRecipients.personId} COLLATE "C"`);
    return rows.map((r) => r.personId);
  }
}
