import { and, asc, eq, sql } from 'drizzle-orm';
import { objectives } from '../../../db/schema';
import type { NewObjective, Objective, ObjectiveRepo } from '../../core/wins/repo';
import { toObjective } from '../shared/objectives';
import { writeAudit } from './audit';
import type { Db } from './db';

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

  async list(orgId: string): Promise<Objective[]> {
    return this.db.select().from(objectives).where(eq(objectives.orgId, orgId)).orderBy(asc(objectives.code)).all().map(toObjective);
  }

  async findByCode(orgId: string, code: string): Promise<Objective | undefined> {
    const row = this.db
      .select()
      .from(objectives)
      .where(and(eq(objectives.orgId, orgId), sql`lower(${objectives.code}) = lower(${code})`))
      .get();
    return row && toObjective(row);
  }

  async create(objective: NewObjective, actor: string | null): Promise<Objective> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const row = tx
        .insert(objectives)
        .values({ ...objective, active: true, createdAt: now })
        .returning()
        .get();
      const created = toObjective(row);
      writeAudit(tx, { orgId: objective.orgId, actor, entity: 'objective', entityId: row.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async update(orgId: string, id: number, patch: Partial<Pick<Objective, 'title' | 'customerFocus' | 'active'>>, actor: string | null): Promise<Objective> {
    return this.db.transaction((tx) => {
      const before = tx
        .select()
        .from(objectives)
        .where(and(eq(objectives.orgId, orgId), eq(objectives.id, id)))
        .get();
      if (!before) throw new Error(`unknown objective ${id}`);
      const row = tx.update(objectives).set(patch).where(eq(objectives.id, id)).returning().get();
      const after = toObjective(row);
      writeAudit(tx, { orgId, actor, entity: 'objective', entityId: id, action: 'update', before: toObjective(before), after, at: this.now() });
      return after;
    });
  }
}
