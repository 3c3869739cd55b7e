import { and, eq, inArray, sql } from 'drizzle-orm';
import { winPeople, wins } from '../../../db/schema';
import type { NewWin, Win, WinRepo } from '../../core/wins/repo';
import { newWinValues, textChange, toWin, withNamedPeople, winConditions } from '../shared/wins';
import { withdrawalChange } from '../shared/withdrawal';
import { writeAudit } from './audit';
import type { Db } from './db';

const { postedSince, range, changeable, newestFirst, oldestFirst } = winConditions(wins);

export class SqliteWinRepo implements WinRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async recent(orgId: string, since: number, options: { siteId?: number; limit?: number } = {}): Promise<Win[]> {
    const rows = this.db
      .select()
      .from(wins)
      .where(postedSince(orgId, since, options.siteId))
      .orderBy(...newestFirst)
      .limit(options.limit ?? 20)
      .all();
    return this.withPeople(rows);
  }

  async create(win: NewWin, actor: string | null): Promise<Win> {
    return this.db.transaction((tx) => {
      const row = tx.insert(wins).values(newWinValues(win, actor)).returning().get();
      const people = [...new Set(win.people)];
      if (people.length)
        tx.insert(winPeople)
          .values(people.map((personId) => ({ winId: row.id, personId })))
          .run();
      const created = toWin(row, people);
      writeAudit(tx, { orgId: win.orgId, actor, entity: 'win', entityId: row.id, action: 'create', after: created, at: this.now() });
      return created;
    });
  }

  async get(orgId: string, id: number): Promise<Win | undefined> {
    const row = this.db
      .select()
      .from(wins)
      .where(and(eq(wins.orgId, orgId), eq(wins.id, id)))
      .get();
    return row && this.withPeople([row])[0];
  }

  async between(orgId: string, start: number, end: number, options: { siteId?: number; limit?: number; offset?: number } = {}): Promise<Win[]> {
    const rows = this.db
      .select()
      .from(wins)
      .where(range(orgId, start, end, options.siteId))
      .orderBy(...oldestFirst)
      .limit(options.limit ?? 200)
      .offset(options.offset ?? 0)
      .all();
    return this.withPeople(rows);
  }

  async countBetween(orgId: string, start: number, end: number, options: { siteId?: number } = {}): Promise<number> {
    const row = this.db
      .select({ n: sql<number>`count(*)` })
      .from(wins)
      .where(range(orgId, start, end, options.siteId))
      .get();
    return row?.n ?? 0;
  }

  async editText(orgId: string, id: number, text: string, actor: string): Promise<Win | undefined> {
    return this.change(orgId, id, actor, (row) => textChange(row, text, actor));
  }

  async withdraw(orgId: string, id: number, reason: string, actor: string): Promise<Win | undefined> {
    return this.change(orgId, id, actor, (row) => withdrawalChange(row.recordedBy, actor, reason, this.now()));
  }

  /** Applies one audited change to a win that is not withdrawn; the audit row keeps the earlier values. */
  private change(
    orgId: string,
    id: number,
    actor: string,
    patch: (row: typeof wins.$inferSelect) => { before: Partial<Win>; after: Partial<typeof wins.$inferInsert> },
  ): Win | undefined {
    const changed = this.db.transaction((tx) => {
      const where = changeable(orgId, id);
      const row = tx.select().from(wins).where(where).get();
      if (!row) return undefined;
      const { before, after } = patch(row);
      const updated = tx.update(wins).set(after).where(where).returning().get();
      writeAudit(tx, { orgId, actor, entity: 'win', entityId: id, action: 'update', before, after, at: this.now() });
      return updated;
    });
    return changed && this.withPeople([changed])[0];
  }

  protected withPeople(rows: Array<typeof wins.$inferSelect>): Win[] {
    if (rows.length === 0) return [];
    const named = this.db
      .select()
      .from(winPeople)
      .where(
        inArray(
          winPeople.winId,
          rows.map((r) => r.id),
        ),
      )
      .all();
    return withNamedPeople(rows, named);
  }
}
