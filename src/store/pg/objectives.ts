// Quality objectives on PostgreSQL. An update reads the objective FOR UPDATE, so the audit row of
// each of two concurrent updates names the values that change really replaced.
import { and, eq, sql } from 'drizzle-orm';
import { objectives } from '../../../db/pg/schema';
import type { NewObjective, Objective, ObjectiveRepo } from '../../core/wins/repo';
import { toObjective } from '../shared/objectives';
import { writeAudit } from './audit';
import type { PgDb } from './db';

// Codes in byte order, as SQLite sorts them, whatever the database's collation.
const BY_CODE = sql`${objectives.code} COLLATE "C"`;

export class PgObjectiveRepo implements ObjectiveRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async listActive(orgId: string): Promise<Objective[]> {
    const rows = await this.db
      .select()
      .from(objectives)
      .where(and(eq(objectives.orgId, orgId), eq(objectives.active, true)))
      .orderBy(BY_CODE);
    return rows.map(toObjective);
  }

  async list(orgId: string): Promise<Objective[]> {
    return (await this.db.select().from(objectives).where(eq(objectives.orgId, orgId)).orderBy(BY_CODE)).map(toObjective);
  }

  async findByCode(orgId: string, code: string): Promise<Objective | undefined> {
    // SQLite's lower() folds ASCII letters only: so here, whatever the database's locale.
    const [row] = await this.db
      .select()
      .from(objectives)
      .where(and(eq(objectives.orgId, orgId), sql`lower(${objectives.code} COLLATE "C") = lower(${code} COLLATE "C")`))
      .limit(1);
    return row && toObjective(row);
  }

  async create(objective: NewObjective, actor: string | null): Promise<Objective> {
    return this.db.transaction(async (tx) => {
      const now = this.now();
      const [row] = await tx
        .insert(objectives)
        .values({ ...objective, active: true, createdAt: now })
        .returning();
      const created = toObjective(row!);
      await writeAudit(tx, { orgId: objective.orgId, actor, entity: 'objective', entityId: row!.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async update(orgId: string, id: number, patch: Partial<Pick<Objective, 'title' | 'customerFocus' | 'active'>>, actor: string | null): Promise<Objective> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(objectives)
        .where(and(eq(objectives.orgId, orgId), eq(objectives.id, id)))
        .for('update');
      if (!before) throw new Error(`unknown objective ${id}`);
      const [row] = await tx.update(objectives).set(patch).where(eq(objectives.id, id)).returning();
      const after = toObjective(row!);
      await writeAudit(tx, { orgId, actor, entity: 'objective', entityId: id, action: 'update', before: toObjective(before), after, at: this.now() });
      return after;
    });
  }
}
