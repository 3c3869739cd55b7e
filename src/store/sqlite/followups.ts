import { and, asc, eq, or } from 'drizzle-orm';
import { followUps } from '../../../db/schema';
import type { FollowUp, FollowUpRepo } from '../../core/floor-walks/repo';
import type { Db } from './db';

export function toFollowUp(row: typeof followUps.$inferSelect): FollowUp {
  const { updatedAt: _u, ...f } = row;
  return f;
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
}
