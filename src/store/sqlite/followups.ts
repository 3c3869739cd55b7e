import { and, asc, eq, lt, lte, or, sql } from 'drizzle-orm';
import { followUps } from '../../../db/schema';
import type { FollowUp, FollowUpRepo, NewFollowUp } from '../../core/floor-walks/repo';
import type { LocalDate } from '../../core/time';
import { writeAudit } from './audit';
import type { Db } from './db';

export function toFollowUp(row: typeof followUps.$inferSelect): FollowUp {
  const { updatedAt: _u, ...f } = row;
  return f;
}

/** Inserts one follow-up and its audit row; call inside a transaction. */
export function insertFollowUp(tx: Db, f: NewFollowUp, actor: string | null, now: number): FollowUp {
  const row = tx
    .insert(followUps)
    .values({
      orgId: f.orgId,
      walkId: f.walkId ?? null,
      raisedBy: f.raisedBy,
      ownerId: f.ownerId,
      text: f.text,
      dueDate: f.dueDate,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  const created = toFollowUp(row);
  writeAudit(tx, { orgId: f.orgId, actor, entity: 'follow_up', entityId: row.id, action: 'create', after: created, at: now });
  return created;
}

export class SqliteFollowUpRepo implements FollowUpRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async listOpenFor(orgId: string, personId: string, limit = 50): Promise<FollowUp[]> {
    return this.db
      .select()
      .from(followUps)
      .where(
        and(
          eq(followUps.orgId, orgId),
          eq(followUps.status, 'open'),
          or(eq(followUps.ownerId, personId), eq(followUps.raisedBy, personId)),
        ),
      )
      .orderBy(asc(followUps.dueDate), asc(followUps.id))
      .limit(limit)
      .all()
      .map(toFollowUp);
  }

  async create(followUp: NewFollowUp, actor: string | null): Promise<FollowUp> {
    return this.db.transaction((tx) => insertFollowUp(tx, followUp, actor, this.now()));
  }

  async get(orgId: string, id: number): Promise<FollowUp | undefined> {
    const row = this.db.select().from(followUps).where(and(eq(followUps.orgId, orgId), eq(followUps.id, id))).get();
    return row && toFollowUp(row);
  }

  async close(orgId: string, id: number, closedOn: LocalDate, actor: string | null): Promise<FollowUp | undefined> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const row = tx
        .update(followUps)
        .set({ status: 'done', closedAt: now, closedOn, updatedAt: now })
        .where(and(eq(followUps.orgId, orgId), eq(followUps.id, id), eq(followUps.status, 'open')))
        .returning()
        .get();
      if (!row) return undefined;
      writeAudit(tx, {
        orgId,
        actor,
        entity: 'follow_up',
        entityId: id,
        action: 'update',
        before: { status: 'open', closedAt: null, closedOn: null },
        after: { status: 'done', closedAt: now, closedOn },
        at: now,
      });
      return toFollowUp(row);
    });
  }

  async reschedule(orgId: string, id: number, dueDate: LocalDate, actor: string | null): Promise<FollowUp | undefined> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const where = and(eq(followUps.orgId, orgId), eq(followUps.id, id), eq(followUps.status, 'open'));
      const before = tx.select({ dueDate: followUps.dueDate }).from(followUps).where(where).get();
      if (!before) return undefined;
      const row = tx.update(followUps).set({ dueDate, updatedAt: now }).where(where).returning().get()!;
      writeAudit(tx, {
        orgId,
        actor,
        entity: 'follow_up',
        entityId: id,
        action: 'update',
        before: { dueDate: before.dueDate },
        after: { dueDate },
        at: now,
      });
      return toFollowUp(row);
    });
  }

  async listOpenInOrg(orgId: string, limit = 50): Promise<FollowUp[]> {
    return this.db
      .select()
      .from(followUps)
      .where(and(eq(followUps.orgId, orgId), eq(followUps.status, 'open')))
      .orderBy(asc(followUps.dueDate), asc(followUps.id))
      .limit(limit)
      .all()
      .map(toFollowUp);
  }

  async listOverdue(orgId: string, asOf: LocalDate, options: { personId?: string; limit?: number } = {}): Promise<FollowUp[]> {
    const conditions = [eq(followUps.orgId, orgId), eq(followUps.status, 'open'), lt(followUps.dueDate, asOf)];
    if (options.personId) {
      conditions.push(or(eq(followUps.ownerId, options.personId), eq(followUps.raisedBy, options.personId))!);
    }
    return this.db
      .select()
      .from(followUps)
      .where(and(...conditions))
      .orderBy(asc(followUps.dueDate), asc(followUps.id))
      .limit(options.limit ?? 50)
      .all()
      .map(toFollowUp);
  }

  async listOpenDueBy(orgId: string, date: LocalDate): Promise<FollowUp[]> {
    return this.db
      .select()
      .from(followUps)
      .where(and(eq(followUps.orgId, orgId), eq(followUps.status, 'open'), lte(followUps.dueDate, date)))
      .orderBy(asc(followUps.dueDate), asc(followUps.id))
      .all()
      .map(toFollowUp);
  }

  async countOpen(orgId: string, personId?: string): Promise<number> {
    const conditions = [eq(followUps.orgId, orgId), eq(followUps.status, 'open')];
    if (personId) conditions.push(or(eq(followUps.ownerId, personId), eq(followUps.raisedBy, personId))!);
    return this.db.select({ n: sql<number>`count(*)` }).from(followUps).where(and(...conditions)).get()?.n ?? 0;
  }
}
