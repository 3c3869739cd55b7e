import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import { winPeople, wins } from '../../../db/schema';
import type { Win, WinRepo } from '../../core/wins/repo';
import type { Db } from './db';

export class SqliteWinRepo implements WinRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async recent(orgId: string, since: number, options: { siteId?: number; limit?: number } = {}): Promise<Win[]> {
    const conditions = [eq(wins.orgId, orgId), gte(wins.postedAt, since)];
    if (options.siteId !== undefined) conditions.push(eq(wins.siteId, options.siteId));
    const rows = this.db
      .select()
      .from(wins)
      .where(and(...conditions))
      .orderBy(desc(wins.postedAt), desc(wins.id))
      .limit(options.limit ?? 20)
      .all();
    return this.withPeople(rows);
  }

  protected withPeople(rows: Array<typeof wins.$inferSelect>): Win[] {
    if (rows.length === 0) return [];
    const named = this.db
      .select()
      .from(winPeople)
      .where(inArray(winPeople.winId, rows.map((r) => r.id)))
      .all();
    return rows.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      siteId: r.siteId,
      teamId: r.teamId,
      postedBy: r.postedBy,
      text: r.text,
      tags: JSON.parse(r.tags) as string[],
      metric: r.metric,
      postedAt: r.postedAt,
      people: named.filter((n) => n.winId === r.id).map((n) => n.personId),
    }));
  }
}
