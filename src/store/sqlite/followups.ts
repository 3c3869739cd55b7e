import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { followUps, people } from '../../../db/schema';
import type { FollowUp, FollowUpQuery, FollowUpRepo, NewFollowUp, PageWindow } from '../../core/floor-walks/repo';
import type { LocalDate } from '../../core/time';
import { followUpConditions } from '../shared/followup-conditions';
import { closeChange, newFollowUpValues, rescheduleChange, toFollowUp } from '../shared/followups';
import { writeAudit } from './audit';
import type { Db } from './db';

/** Inserts one follow-up and its audit row; call inside a transaction. */
export function insertFollowUp(tx: Db, f: NewFollowUp, actor: string | null, now: number): FollowUp {
  const row = tx.insert(followUps).values(newFollowUpValues(f, now)).returning().get();
  const created = toFollowUp(row);
  writeAudit(tx, { orgId: f.orgId, actor, entity: 'follow_up', entityId: row.id, action: 'create', after: created, at: now });
  return created;
}

const { openIn, openOf, overdue, dueBy, openBetween, openOne, byDueDate: BY_DUE_DATE, listOrder, matching } = followUpConditions(followUps);

export class SqliteFollowUpRepo implements FollowUpRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async listOpenFor(orgId: string, personId: string, limit = 50): Promise<FollowUp[]> {
    return this.listByDueDate(openOf(orgId, personId), limit);
  }

  async create(followUp: NewFollowUp, actor: string | null): Promise<FollowUp> {
    return this.db.transaction((tx) => insertFollowUp(tx, followUp, actor, this.now()));
  }

  async get(orgId: string, id: number): Promise<FollowUp | undefined> {
    const row = this.db
      .select()
      .from(followUps)
      .where(and(eq(followUps.orgId, orgId), eq(followUps.id, id)))
      .get();
    return row && toFollowUp(row);
  }

  async close(orgId: string, id: number, closedOn: LocalDate, actor: string | null): Promise<FollowUp | undefined> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const before = tx.select({ recordedBy: followUps.recordedBy }).from(followUps).where(openOne(orgId, id)).get();
      const change = closeChange(before?.recordedBy ?? null, closedOn, actor, now);
      const row = tx.update(followUps).set(change.set).where(openOne(orgId, id)).returning().get();
      if (!row || !before) return undefined;
      writeAudit(tx, { orgId, actor, entity: 'follow_up', entityId: id, action: 'update', before: change.before, after: change.after, at: now });
      return toFollowUp(row);
    });
  }

  async reschedule(orgId: string, id: number, dueDate: LocalDate, actor: string | null, lateMoveReason?: string): Promise<FollowUp | undefined> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const where = openOne(orgId, id);
      const before = tx
        .select({ dueDate: followUps.dueDate, recordedBy: followUps.recordedBy, lateMoveReason: followUps.lateMoveReason })
        .from(followUps)
        .where(where)
        .get();
      if (!before) return undefined;
      const change = rescheduleChange(before, dueDate, actor, now, lateMoveReason);
      const row = tx.update(followUps).set(change.set).where(where).returning().get()!;
      writeAudit(tx, { orgId, actor, entity: 'follow_up', entityId: id, action: 'update', before: change.before, after: change.after, at: now });
      return toFollowUp(row);
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
    return this.db
      .select()
      .from(followUps)
      .where(and(eq(followUps.orgId, orgId), eq(followUps.walkId, walkId)))
      .orderBy(asc(followUps.id))
      .all()
      .map(toFollowUp);
  }

  async listAcross(query: FollowUpQuery, window: PageWindow): Promise<FollowUp[]> {
    const order = listOrder(query);
    return this.db
      .select()
      .from(followUps)
      .where(this.matching(query))
      .orderBy(...order)
      .limit(window.limit)
      .offset(window.offset)
      .all()
      .map(toFollowUp);
  }

  async countAcross(query: FollowUpQuery): Promise<number> {
    return this.count(this.matching(query));
  }

  private count(where: SQL): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(followUps).where(where).get()?.n ?? 0;
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

  private listByDueDate(conditions: SQL[], limit?: number): FollowUp[] {
    const query = this.db
      .select()
      .from(followUps)
      .where(and(...conditions))
      .orderBy(...BY_DUE_DATE);
    return (limit === undefined ? query : query.limit(limit)).all().map(toFollowUp);
  }
}
