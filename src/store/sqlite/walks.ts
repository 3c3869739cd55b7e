import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { floorWalks } from '../../../db/schema';
import type { FloorWalk, FloorWalkRepo, FollowUp, NewFloorWalk, NewFollowUp, Prompt, PromptToClose } from '../../core/floor-walks/repo';
import { writeAudit } from './audit';
import type { Db } from './db';
import { insertFollowUp } from './followups';
import { closeOpenPrompt } from './prompts';

export function toWalk(row: typeof floorWalks.$inferSelect): FloorWalk {
  const { updatedAt: _u, tags, ...w } = row;
  return { ...w, tags: JSON.parse(tags) as string[] };
}

export class SqliteFloorWalkRepo implements FloorWalkRepo {
  // Read before every floor-walk prompt and reminder is sent: prepared once (about a tenth of the cost).
  private readonly walkInWeek;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.walkInWeek = db
      .select({ one: sql<number>`1` })
      .from(floorWalks)
      .where(
        and(
          eq(floorWalks.orgId, sql.placeholder('orgId')),
          eq(floorWalks.personId, sql.placeholder('personId')),
          eq(floorWalks.weekKey, sql.placeholder('weekKey')),
        ),
      )
      .limit(1)
      .prepare();
  }

  async create(
    walk: NewFloorWalk,
    followUps: Array<Omit<NewFollowUp, 'orgId' | 'walkId'>>,
    actor: string | null,
    closes?: PromptToClose,
  ): Promise<{ walk: FloorWalk; followUps: FollowUp[]; closedPrompt?: Prompt }> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const row = tx
        .insert(floorWalks)
        .values({ ...walk, tags: JSON.stringify(walk.tags), createdAt: now, updatedAt: now })
        .returning()
        .get();
      const created = toWalk(row);
      writeAudit(tx, { orgId: walk.orgId, actor, entity: 'floor_walk', entityId: row.id, action: 'create', after: created, at: now });
      const actions = followUps.map((f) => insertFollowUp(tx, { ...f, orgId: walk.orgId, walkId: row.id }, actor, now));
      const closedPrompt = closes && closeOpenPrompt(tx, walk.orgId, walk.personId, closes, now);
      return { walk: created, followUps: actions, ...(closedPrompt ? { closedPrompt } : {}) };
    });
  }

  async get(orgId: string, id: number): Promise<FloorWalk | undefined> {
    const row = this.db.select().from(floorWalks).where(and(eq(floorWalks.orgId, orgId), eq(floorWalks.id, id))).get();
    return row && toWalk(row);
  }

  async list(orgId: string, personId: string, fromWeek: string, toWeek: string, limit = 50): Promise<FloorWalk[]> {
    return this.db
      .select()
      .from(floorWalks)
      .where(
        and(
          eq(floorWalks.orgId, orgId),
          eq(floorWalks.personId, personId),
          gte(floorWalks.weekKey, fromWeek),
          lte(floorWalks.weekKey, toWeek),
        ),
      )
      .orderBy(desc(floorWalks.walkDate), desc(floorWalks.id))
      .limit(limit)
      .all()
      .map(toWalk);
  }

  async hasWalkInWeek(orgId: string, personId: string, weekKey: string): Promise<boolean> {
    return this.walkInWeek.get({ orgId, personId, weekKey }) !== undefined;
  }
}
