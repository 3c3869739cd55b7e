// Floor walks on PostgreSQL. A walk, its follow-ups, their audit rows and the prompt it answers are
// one transaction, as on SQLite. Every change takes the organisation's audit-chain lock first
// (auditedTransaction) and a correction or withdrawal reads the walk FOR UPDATE, so two instances
// withdrawing the same walk withdraw it once and the audit row names the values it replaced.
import { and, eq, sql } from 'drizzle-orm';
import { floorWalks, people, prompts, sites } from '../../../db/pg/schema';
import type {
  FloorWalk,
  FloorWalkRepo,
  FollowUp,
  NewFloorWalk,
  NewFollowUp,
  PageWindow,
  Prompt,
  PromptToClose,
  WalkContent,
  WalkQuery,
  WeekAsk,
} from '../../core/floor-walks/repo';
import { contentChange, changeSet, newWalkValues, toWalk, type WalkChange, type WalkRow, walkConditions } from '../shared/walks';
import { PG_JSON, toWeekAsk, weekAskParts } from '../shared/week-ask';
import { withdrawalChange } from '../shared/withdrawal';
import type { LocalDate } from '../../core/time';
import { auditedTransaction, writeAudit } from './audit';
import type { PgDb } from './db';
import { insertFollowUp } from './followups';
import { closeOpenPrompt } from './prompts';

const { inWeeks, changeable, acrossLeaders, newestFirst, inWeekBound } = walkConditions(floorWalks, people);
const ASK = weekAskParts({ people, sites, walks: floorWalks, prompts }, PG_JSON);
const LEADER_OF_WALK = and(eq(people.orgId, floorWalks.orgId), eq(people.id, floorWalks.personId));

export class PgFloorWalkRepo implements FloorWalkRepo {
  /** Built once: every floor-walk prompt and reminder asks first. */
  private readonly walkInWeek;
  private readonly askInWeek;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {
    this.walkInWeek = db.select({ one: sql<number>`1` }).from(floorWalks).where(inWeekBound).limit(1).prepare('walks_in_week');
    this.askInWeek = db
      .select({ person: people, site: sites, prompt: prompts, walked: ASK.walked, closures: ASK.closures, away: ASK.away })
      .from(people)
      .leftJoin(sites, ASK.site)
      .leftJoin(prompts, ASK.prompt)
      .where(ASK.person)
      .prepare('walks_week_ask');
  }

  async create(
    walk: NewFloorWalk,
    followUps: Array<Omit<NewFollowUp, 'orgId' | 'walkId'>>,
    actor: string | null,
    closes?: PromptToClose,
  ): Promise<{ walk: FloorWalk; followUps: FollowUp[]; closedPrompt?: Prompt }> {
    return auditedTransaction(this.db, walk.orgId, async (tx) => {
      const now = this.now();
      const [row] = await tx
        .insert(floorWalks)
        .values(newWalkValues(walk, actor, now))
        .returning();
      const created = toWalk(row!);
      await writeAudit(tx, { orgId: walk.orgId, actor, entity: 'floor_walk', entityId: created.id, action: 'create', after: created, at: now });
      // One after the other: the follow-ups get their ids (and audit rows) in the order given.
      const actions: FollowUp[] = [];
      for (const f of followUps) actions.push(await insertFollowUp(tx, { ...f, orgId: walk.orgId, walkId: created.id }, actor, now));
      const closedPrompt = closes && (await closeOpenPrompt(tx, walk.orgId, walk.personId, closes, now));
      return { walk: created, followUps: actions, ...(closedPrompt ? { closedPrompt } : {}) };
    });
  }

  async get(orgId: string, id: number): Promise<FloorWalk | undefined> {
    const [row] = await this.db
      .select()
      .from(floorWalks)
      .where(and(eq(floorWalks.orgId, orgId), eq(floorWalks.id, id)));
    return row && toWalk(row);
  }

  async list(orgId: string, personId: string, fromWeek: string, toWeek: string, limit = 50): Promise<FloorWalk[]> {
    const rows = await this.db
      .select()
      .from(floorWalks)
      .where(inWeeks(orgId, personId, fromWeek, toWeek))
      .orderBy(...newestFirst)
      .limit(limit);
    return rows.map(toWalk);
  }

  async edit(orgId: string, id: number, content: WalkContent, actor: string): Promise<FloorWalk | undefined> {
    return this.change(orgId, id, actor, (row) => contentChange(row, content, actor));
  }

  async withdraw(orgId: string, id: number, reason: string, actor: string): Promise<FloorWalk | undefined> {
    return this.change(orgId, id, actor, (row) => withdrawalChange(row.recordedBy, actor, reason, this.now()));
  }

  /** Applies one audited change to a walk that is not withdrawn; the audit row keeps the earlier values. */
  private async change(orgId: string, id: number, actor: string, patch: (row: WalkRow) => WalkChange): Promise<FloorWalk | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const where = changeable(orgId, id);
      const [row] = await tx.select().from(floorWalks).where(where).for('update');
      if (!row) return undefined;
      const { before, after } = patch(row);
      const now = this.now();
      const [updated] = await tx.update(floorWalks).set(changeSet(after, now)).where(where).returning();
      await writeAudit(tx, { orgId, actor, entity: 'floor_walk', entityId: id, action: 'update', before, after, at: now });
      return toWalk(updated!);
    });
  }

  async hasWalkInWeek(orgId: string, personId: string, weekKey: string): Promise<boolean> {
    return (await this.walkInWeek.execute({ orgId, personId, weekKey })).length > 0;
  }

  async weekAsk(orgId: string, personId: string, week: { key: string; from: LocalDate; to: LocalDate }, subject: string): Promise<WeekAsk | undefined> {
    const [row] = await this.askInWeek.execute({ orgId, personId, weekKey: week.key, subject, from: week.from, to: week.to });
    return row && toWeekAsk(row, week);
  }

  async listAcross(query: WalkQuery, window: PageWindow): Promise<FloorWalk[]> {
    const rows = await this.db
      .select({ walk: floorWalks })
      .from(floorWalks)
      .innerJoin(people, LEADER_OF_WALK)
      .where(acrossLeaders(query))
      .orderBy(...newestFirst)
      .limit(window.limit)
      .offset(window.offset);
    return rows.map((r) => toWalk(r.walk));
  }

  async countAcross(query: WalkQuery): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(floorWalks).innerJoin(people, LEADER_OF_WALK).where(acrossLeaders(query));
    return row?.n ?? 0;
  }
}
