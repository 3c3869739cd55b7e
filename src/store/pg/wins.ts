// Wins on PostgreSQL. A change reads the win FOR UPDATE, so two instances editing or withdrawing
// the same win at once apply one after the other and the second sees the first (SQLite gets this
// from its one writer).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { winPeople, wins } from '../../../db/pg/schema';
import type { NewWin, Win, WinRepo } from '../../core/wins/repo';
import { withdrawalChange } from '../shared/withdrawal';
import { newWinValues, textChange, toWin, type WinRow, withNamedPeople, winConditions } from '../shared/wins';
import { writeAudit } from './audit';
import type { PgDb } from './db';

const { postedSince, range, changeable, newestFirst, oldestFirst } = winConditions(wins);

export class PgWinRepo implements WinRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async recent(orgId: string, since: number, options: { siteId?: number; limit?: number } = {}): Promise<Win[]> {
    const rows = await this.db
      .select()
      .from(wins)
      .where(postedSince(orgId, since, options.siteId))
      .orderBy(...newestFirst)
      .limit(options.limit ?? 20);
    return this.withPeople(rows);
  }

  async create(win: NewWin, actor: string | null): Promise<Win> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(wins).values(newWinValues(win, actor)).returning();
      const people = [...new Set(win.people)];
      if (people.length) await tx.insert(winPeople).values(people.map((personId) => ({ winId: row!.id, personId })));
      const created = toWin(row!, people);
      await writeAudit(tx, { orgId: win.orgId, actor, entity: 'win', entityId: row!.id, action: 'create', after: created, at: this.now() });
      return created;
    });
  }

  async get(orgId: string, id: number): Promise<Win | undefined> {
    const rows = await this.db
      .select()
      .from(wins)
      .where(and(eq(wins.orgId, orgId), eq(wins.id, id)));
    return (await this.withPeople(rows))[0];
  }

  async between(orgId: string, start: number, end: number, options: { siteId?: number; limit?: number; offset?: number } = {}): Promise<Win[]> {
    const rows = await this.db
      .select()
      .from(wins)
      .where(range(orgId, start, end, options.siteId))
      .orderBy(...oldestFirst)
      .limit(options.limit ?? 200)
      .offset(options.offset ?? 0);
    return this.withPeople(rows);
  }

  async countBetween(orgId: string, start: number, end: number, options: { siteId?: number } = {}): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(wins)
      .where(range(orgId, start, end, options.siteId));
    return row?.n ?? 0;
  }

  async editText(orgId: string, id: number, text: string, actor: string): Promise<Win | undefined> {
    return this.change(orgId, id, actor, (row) => textChange(row, text, actor));
  }

  async withdraw(orgId: string, id: number, reason: string, actor: string): Promise<Win | undefined> {
    return this.change(orgId, id, actor, (row) => withdrawalChange(row.recordedBy, actor, reason, this.now()));
  }

  /** Applies one audited change to a win that is not withdrawn; the audit row keeps the earlier values. */
  private async change(
    orgId: string,
    id: number,
    actor: string,
    patch: (row: WinRow) => { before: Partial<Win>; after: Partial<typeof wins.$inferInsert> },
  ): Promise<Win | undefined> {
    const changed = await this.db.transaction(async (tx) => {
      const where = changeable(orgId, id);
      const [row] = await tx.select().from(wins).where(where).for('update');
      if (!row) return undefined;
      const { before, after } = patch(row);
      const [updated] = await tx.update(wins).set(after).where(where).returning();
      await writeAudit(tx, { orgId, actor, entity: 'win', entityId: id, action: 'update', before, after, at: this.now() });
      return updated;
    });
    return changed && (await this.withPeople([changed]))[0];
  }

  private async withPeople(rows: WinRow[]): Promise<Win[]> {
    if (rows.length === 0) return [];
    // The SQLite store reads these through the (win_id, person_id) key, so in that order.
    const named = await this.db
      .select()
      .from(winPeople)
      .where(
        inArray(
          winPeople.winId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(winPeople.winId), sql`${winPeople.personId} COLLATE "C"`);
    return withNamedPeople(rows, named);
  }
}
