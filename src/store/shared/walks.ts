// Floor-walk rows → the core's FloorWalk, the values and audited changes of walks, and the WHERE
// pieces of the walk queries, for both engines (drizzle writes the same SQL for either).
import { type AnyColumn, and, desc, eq, gte, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { FloorWalk, NewFloorWalk, WalkContent, WalkQuery } from '../../core/floor-walks/repo';

export interface WalkRow extends Omit<FloorWalk, 'tags'> {
  tags: string;
  updatedAt: number;
}

/** A walk's audited change: what the audit row keeps as before and after (after is also what is set). */
export interface WalkChange {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export function toWalk(row: WalkRow): FloorWalk {
  const { updatedAt: _u, tags, ...w } = row;
  return { ...w, tags: JSON.parse(tags) as string[] };
}

export function newWalkValues(walk: NewFloorWalk, actor: string | null, now: number) {
  return { ...walk, tags: JSON.stringify(walk.tags), recordedBy: actor, createdAt: now, updatedAt: now };
}

/** A correction: only the fields that differ are kept, with who recorded the walk before and now. */
export function contentChange(row: WalkRow, content: WalkContent, actor: string): WalkChange {
  const was = toWalk(row);
  const before: Record<string, unknown> = { recordedBy: was.recordedBy };
  const after: Record<string, unknown> = { recordedBy: actor };
  for (const key of Object.keys(content) as Array<keyof WalkContent>) {
    if (JSON.stringify(was[key]) === JSON.stringify(content[key])) continue;
    before[key] = was[key];
    after[key] = content[key];
  }
  return { before, after };
}

/** The columns a change sets: its `after` (tags stored as JSON) and the time of the change. */
export function changeSet(after: Record<string, unknown>, now: number) {
  return { ...after, ...(after.tags !== undefined ? { tags: JSON.stringify(after.tags) } : {}), updatedAt: now };
}

export interface WalkColumns {
  id: AnyColumn;
  orgId: AnyColumn;
  personId: AnyColumn;
  walkDate: AnyColumn;
  weekKey: AnyColumn;
  withdrawnAt: AnyColumn;
}

export function walkConditions(t: WalkColumns, people: { siteId: AnyColumn }) {
  return {
    /** A person's walks in weeks fromWeek..toWeek (ISO keys compare alike under any collation). */
    inWeeks: (orgId: string, personId: string, fromWeek: string, toWeek: string) =>
      and(eq(t.orgId, orgId), eq(t.personId, personId), gte(t.weekKey, fromWeek), lte(t.weekKey, toWeek))!,
    /** One walk that may still change (not withdrawn). */
    changeable: (orgId: string, id: number) => and(eq(t.orgId, orgId), eq(t.id, id), isNull(t.withdrawnAt))!,
    /** Walks dated in the query's days, of the whole organisation or of the leaders at one site (people joined). */
    acrossLeaders: (query: WalkQuery): SQL => {
      const conditions = [eq(t.orgId, query.orgId), gte(t.walkDate, query.from), lte(t.walkDate, query.to)];
      if (query.siteId !== undefined) conditions.push(eq(people.siteId, query.siteId));
      return and(...conditions)!;
    },
    newestFirst: [desc(t.walkDate), desc(t.id)],
    /** A person's walk in a week, not withdrawn: a statement prepared once, bound to orgId, personId, weekKey. */
    inWeekBound: and(
      eq(t.orgId, sql.placeholder('orgId')),
      eq(t.personId, sql.placeholder('personId')),
      eq(t.weekKey, sql.placeholder('weekKey')),
      isNull(t.withdrawnAt),
    )!,
  };
}
