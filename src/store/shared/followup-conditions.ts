// The WHERE and ORDER BY pieces of the follow-up queries, built once over either engine's
// follow_ups table (drizzle writes the same SQL for both).
import { type AnyColumn, and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { FollowUpQuery } from '../../core/floor-walks/repo';
import type { LocalDate } from '../../core/time';

export interface FollowUpColumns {
  id: AnyColumn;
  orgId: AnyColumn;
  status: AnyColumn;
  ownerId: AnyColumn;
  raisedBy: AnyColumn;
  dueDate: AnyColumn;
  closedOn: AnyColumn;
  createdAt: AnyColumn;
}

export function followUpConditions(t: FollowUpColumns) {
  /** Open follow-ups of the organisation. */
  const openIn = (orgId: string): SQL[] => [eq(t.orgId, orgId), eq(t.status, 'open')];
  /** Follow-ups the person owns or raised. */
  const ownedOrRaisedBy = (personId: string): SQL => or(eq(t.ownerId, personId), eq(t.raisedBy, personId))!;
  /** Open follow-ups of the organisation, or of one person as owner or raiser. */
  const openOf = (orgId: string, personId?: string): SQL[] => (personId ? [...openIn(orgId), ownedOrRaisedBy(personId)] : openIn(orgId));
  return {
    openIn,
    openOf,
    /** Open follow-ups due before `asOf`, optionally of one person. */
    overdue: (orgId: string, asOf: LocalDate, personId?: string): SQL[] => [...openOf(orgId, personId), lt(t.dueDate, asOf)],
    /** Open follow-ups due on or before `date`. */
    dueBy: (orgId: string, date: LocalDate): SQL[] => [...openIn(orgId), lte(t.dueDate, date)],
    /** Open follow-ups `raisedBy` assigned to `ownerId`. */
    openBetween: (orgId: string, raisedBy: string, ownerId: string): SQL[] => [...openIn(orgId), eq(t.raisedBy, raisedBy), eq(t.ownerId, ownerId)],
    /** One open follow-up. */
    openOne: (orgId: string, id: number): SQL => and(...openIn(orgId), eq(t.id, id))!,
    byDueDate: [asc(t.dueDate), asc(t.id)],
    /** A manager's list: open ones earliest due first, closed ones latest closed first. */
    listOrder: (query: FollowUpQuery) => (query.status === 'done' ? [desc(t.closedOn), desc(t.id)] : [asc(t.dueDate), asc(t.id)]),
    /** The conditions of a manager's follow-up list; with a site, `atSite` selects the ids of its people. */
    matching(query: FollowUpQuery, atSite: SQLWrapper | undefined): SQL {
      const conditions = [eq(t.orgId, query.orgId), eq(t.status, query.status)];
      if (query.raisedFrom !== undefined) conditions.push(gte(t.createdAt, query.raisedFrom));
      if (query.raisedBefore !== undefined) conditions.push(lt(t.createdAt, query.raisedBefore));
      if (query.dueFrom !== undefined) conditions.push(gte(t.dueDate, query.dueFrom));
      if (query.dueBefore !== undefined) conditions.push(lt(t.dueDate, query.dueBefore));
      if (atSite) conditions.push(or(inArray(t.ownerId, atSite), inArray(t.raisedBy, atSite))!);
      return and(...conditions)!;
    },
  };
}
