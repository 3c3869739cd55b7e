import { and, asc, eq } from 'drizzle-orm';
import { objectives } from '../../../db/schema';
import type { Objective, ObjectiveRepo } from '../../core/wins/repo';
import type { Db } from './db';

export function toObjective(row: typeof objectives.$inferSelect): Objective {
  return { id: row.id, orgId: row.orgId, code: row.code, title: row.title, customerFocus: row.customerFocus, active: row.active };
}

export class SqliteObjectiveRepo implements ObjectiveRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async listActive(orgId: string): Promise<Objective[]> {
    return this.db
      .select()
      .from(objectives)
      .where(and(eq(objectives.orgId, orgId), eq(objectives.active, true)))
      .orderBy(asc(objectives.code))
      .all()
      .map(toObjective);
  }
}
