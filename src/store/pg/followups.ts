// Follow-up actions on PostgreSQL. Closing and rescheduling read the follow-up FOR UPDATE before
// changing it: two instances pressing "Done" on the same follow-up close it once, and the audit
// row always names the values the change replaced (SQLite gets this from its one writer). Due and
// closing dates are 'YYYY-MM-DD': they compare alike under any collation, so no COLLATE "C" there
// (it would keep the follow-up indexes out of the plan).
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { followUps, people } from '../../../db/pg/schema';
import type { FollowUp, FollowUpQuery, FollowUpRepo, NewFollowUp, PageWindow } from '../../core/floor-walks/repo';
import type { LocalDate } from '../../core/time';
import { followUpConditions } from '../shared/followup-conditions';
import { closeChange, newFollowUpValues, rescheduleChange, toFollowUp } from '../shared/followups';
import { writeAudit } from './audit';
import type { PgDb } from './db';

/** Inserts one follow-up and its audit row; call inside a transaction. */
export async function insertFollowUp(tx: PgDb, f: NewFollowUp, actor: string | null, now: number): Promise<FollowUp> {
  const [row] = await tx.insert(followUps).values(newFollowUpValues(f, now)).returning();
  const created = toFollowUp(row!);
  await writeAudit(tx, { orgId: f.orgId, actor, entity: 'follow_up', entityId: row!.id, action: 'create', after: created, at: now });
  return created;
}

const { openIn, openOf, overdue, dueBy, openBetween, openOne, byDueDate: BY_DUE_DATE, listOrder, matching } = followUpConditions(followUps);

const COUNT = sql<number>`count(*)::int`;

export class PgFollowUpRepo implements FollowUpRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async listOpenFor(orgId: string, personId: string, limit = 50): Promise<FollowUp[]> {
    return this.listByDueDate(openOf(orgId, personId), limit);
  }

  async create(followUp: NewFollowUp, actor: string | null): Promise<FollowUp> {
    return this.db.transaction((tx) => insertFollowUp(tx, followUp, actor, this.now()));
  }

  async get(orgId: string, id: number): Promise<FollowUp | undefined> {
    const [row] = await this.db
      .select()
      .from(followUps)
      .where(and(eq(followUps.orgId, orgId), eq(followUps.id, id)));
    return row && toFollowUp(row);
  }

  async close(orgId: string, id: number, closedOn: LocalDate, actor: string | null): Promise<FollowUp | undefined> {
    return this.db.transaction(async (tx) => {
      const now = this.now();
      const [before] = await tx.select({ recordedBy: followUps.recordedBy }).from(followUps).where(openOne(orgId, id)).for('update');
      if (!before) return undefined;
      const change = closeChange(before.recordedBy, closedOn, actor, now);
      const [row] = await tx.update(followUps).set(change.set).where(openOne(orgId, id)).returning();
      await writeAudit(tx, { orgId, actor, entity: 'follow_up', entityId: id, action: 'update', before: change.before, after: change.after, at: now });
      return toFollowUp(row!);
    });
  }

  async reschedule(orgId: string, id: number, dueDate: LocalDate, actor: string | null, lateMoveReason?: string): Promise<FollowUp | undefined> {
    return this.db.transaction(async (tx) => {
      const now = this.now();
      const where = openOne(orgId, id);
      const [before] = await tx
        .select({ dueDate: followUps.dueDate, recordedBy: followUps.recordedBy, lateMoveReason: followUps.lateMoveReason })
        .from(followUps)
        .where(where)
        .for('update');
      if (!before) return undefined;
      const change = rescheduleChange(before, dueDate, actor, now, lateMoveReason);
      const [row] = await tx.update(followUps).set(change.set).where(where).returning();
      await writeAudit(tx, { orgId, actor, entity: 'follow_up', entityId: id, action: 'update', before: change.before, after: change.after, at: now });
      return toFollowUp(row!);
    });
  }

  async listOpenInOrg(orgId: string, limit = 50): Promise<FollowUp[]> {
    return this.listByDueDate(openIn(orgId), limit);
  }

  async listOverdue(orgId: string, asOf: LocalDate, options: { personId?: string; limit?: number } = {}): Promise<FollowUp[]> {
    return this.listByDueDate(overdue(orgId, asOf, options.personId), options.limit ?? 50);
  }

  async listOpenDueBy(orgId: string, date: LocalDate): Promise<FollowUp[]> {
    return this.listByDueDate(dueBy(orgId, date));
  }

  async countOpen(orgId: string, personId?: string): Promise<number> {
    return this.count(and(...openOf(orgId, personId))!);
  }

  async countOpenBetween(orgId: string, raisedBy: string, ownerId: string): Promise<number> {
    return this.count(and(...openBetween(orgId, raisedBy, ownerId))!);
  }

  async listForWalk(orgId: string, walkId: number): Promise<FollowUp[]> {
    const rows = await this.db
      .select()
      .from(followUps)
      .where(and(eq(followUps.orgId, orgId), eq(followUps.walkId, walkId)))
      .orderBy(asc(followUps.id));
    return rows.map(toFollowUp);
  }

  async listAcross(query: FollowUpQuery, window: PageWindow): Promise<FollowUp[]> {
    const order = listOrder(query);
    const rows = await this.db
      .select()
      .from(followUps)
      .where(this.matching(query))
      .orderBy(...order)
      .limit(window.limit)
      .offset(window.offset);
    return rows.map(toFollowUp);
  }

  async countAcross(query: FollowUpQuery): Promise<number> {
    return this.count(this.matching(query));
  }

  private async count(where: SQL): Promise<number> {
    const [row] = await this.db.select({ n: COUNT }).from(followUps).where(where);
    return row?.n ?? 0;
  }

  /** A manager's list; a site means the owner or the raiser works there. */
  private matching(query: FollowUpQuery): SQL {
    const atSite =
      query.siteId === undefined
        ? undefined
        : this.db
            .select({ id: people.id })
            .from(people)
            .where(and(eq(people.orgId, query.orgId), eq(people.siteId, query.siteId)));
    return matching(query, atSite);
  }

  private async listByDueDate(conditions: SQL[], limit?: number): Promise<FollowUp[]> {
    const query = this.db
      .select()
      .from(followUps)
      .where(and(...conditions))
      .orderBy(...BY_DUE_DATE);
    return (await (limit === undefined ? query : query.limit(limit))).map(toFollowUp);
  }
}
