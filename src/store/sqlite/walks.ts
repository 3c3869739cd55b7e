import { and, eq, sql } from 'drizzle-orm';
import { floorWalks, people, prompts, sites } from '../../../db/schema';
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
import { changeSet, contentChange, newWalkValues, toWalk, type WalkChange, type WalkRow, walkConditions } from '../shared/walks';
import { SQLITE_JSON, toWeekAsk, weekAskParts } from '../shared/week-ask';
import { withdrawalChange } from '../shared/withdrawal';
import type { LocalDate } from '../../core/time';
import { writeAudit } from './audit';
import type { Db } from './db';
import { insertFollowUp } from './followups';
import { closeOpenPrompt } from './prompts';

const { inWeeks, changeable, acrossLeaders, newestFirst, inWeekBound } = walkConditions(floorWalks, people);
const ASK = weekAskParts({ people, sites, walks: floorWalks, prompts }, SQLITE_JSON);
const LEADER_OF_WALK = and(eq(people.orgId, floorWalks.orgId), eq(people.id, floorWalks.personId));

export class SqliteFloorWalkRepo implements FloorWalkRepo {
  // Read before every floor-walk prompt and reminder is sent: prepared once (about a tenth of the cost).
  private readonly walkInWeek;
  private readonly askInWeek;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.walkInWeek = db.select({ one: sql<number>`1` }).from(floorWalks).where(inWeekBound).limit(1).prepare();
    this.askInWeek = db
      .select({ person: people, site: sites, prompt: prompts, walked: ASK.walked, closures: ASK.closures, away: ASK.away })
      .from(people)
      .leftJoin(sites, ASK.site)
      .leftJoin(prompts, ASK.prompt)
      .where(ASK.person)
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
        .values(newWalkValues(walk, actor, now))
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
    const row = this.db
      .select()
      .from(floorWalks)
      .where(and(eq(floorWalks.orgId, orgId), eq(floorWalks.id, id)))
      .get();
    return row && toWalk(row);
  }

  async list(orgId: string, personId: string, fromWeek: string, toWeek: string, limit = 50): Promise<FloorWalk[]> {
    return this.db
      .select()
      .from(floorWalks)
      .where(inWeeks(orgId, personId, fromWeek, toWeek))
      .orderBy(...newestFirst)
      .limit(limit)
      .all()
      .map(toWalk);
  }

  async edit(orgId: string, id: number, content: WalkContent, actor: string): Promise<FloorWalk | undefined> {
    return this.change(orgId, id, actor, (row) => contentChange(row, content, actor));
  }

  async withdraw(orgId: string, id: number, reason: string, actor: string): Promise<FloorWalk | undefined> {
    return this.change(orgId, id, actor, (row) => withdrawalChange(row.recordedBy, actor, reason, this.now()));
  }

  /** Applies one audited change to a walk that is not withdrawn; the audit row keeps the earlier values. */
  private change(orgId: string, id: number, actor: string, patch: (row: WalkRow) => WalkChange): FloorWalk | undefined {
    return this.db.transaction((tx) => {
      const where = changeable(orgId, id);
      const row = tx.select().from(floorWalks).where(where).get();
      if (!row) return undefined;
      const { before, after } = patch(row);
      const now = this.now();
      const updated = tx.update(floorWalks).set(changeSet(after, now)).where(where).returning().get();
      writeAudit(tx, { orgId, actor, entity: 'floor_walk', entityId: id, action: 'update', before, after, at: now });
      return toWalk(updated);
    });
  }

  async hasWalkInWeek(orgId: string, personId: string, weekKey: string): Promise<boolean> {
    return this.walkInWeek.get({ orgId, personId, weekKey }) !== undefined;
  }

  async weekAsk(orgId: string, personId: string, week: { key: string; from: LocalDate; to: LocalDate }, subject: string): Promise<WeekAsk | undefined> {
    const row = this.askInWeek.get({ orgId, personId, weekKey: week.key, subject, from: week.from, to: week.to });
    return row && toWeekAsk(row, week);
  }

  async listAcross(query: WalkQuery, window: PageWindow): Promise<FloorWalk[]> {
    return this.db
      .select({ walk: floorWalks })
      .from(floorWalks)
      .innerJoin(people, LEADER_OF_WALK)
      .where(acrossLeaders(query))
      .orderBy(...newestFirst)
      .limit(window.limit)
      .offset(window.offset)
      .all()
      .map((r) => toWalk(r.walk));
  }

  async countAcross(query: WalkQuery): Promise<number> {
    const row = this.db.select({ n: sql<number>`count(*)` }).from(floorWalks).innerJoin(people, LEADER_OF_WALK).where(acrossLeaders(query)).get();
    return row?.n ?? 0;
  }
}
