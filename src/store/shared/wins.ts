// Win rows → the core's Win, the values a new win inserts and the conditions of the win queries, for both engines.
import { type AnyColumn, and, asc, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { NewWin, Win } from '../../core/wins/repo';

export interface WinRow {
  id: number;
  orgId: string;
  siteId: number | null;
  teamId: number | null;
  postedBy: string;
  text: string;
  tags: string;
  metric: string | null;
  postedAt: number;
  sourceRef: string | null;
  recordedBy: string | null;
  withdrawnAt: number | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
}

export function newWinValues(win: NewWin, actor: string | null) {
  return {
    orgId: win.orgId,
    siteId: win.siteId,
    teamId: win.teamId,
    postedBy: win.postedBy,
    text: win.text,
    tags: JSON.stringify(win.tags),
    metric: win.metric,
    postedAt: win.postedAt,
    sourceRef: win.sourceRef ?? null,
    recordedBy: actor,
  };
}

/** The audited change of a win's text: the earlier text and recorder are kept in the audit row. */
export function textChange(row: WinRow, text: string, actor: string) {
  return { before: { text: row.text, recordedBy: row.recordedBy }, after: { text, recordedBy: actor } };
}

/** Each win with the people it names (`named`: win_people rows of these wins). */
export function withNamedPeople(rows: WinRow[], named: Array<{ winId: number; personId: string }>): Win[] {
  return rows.map((r) =>
    toWin(
      r,
      named.filter((n) => n.winId === r.id).map((n) => n.personId),
    ),
  );
}

export function toWin(r: WinRow, people: string[]): Win {
  return {
    id: r.id,
    orgId: r.orgId,
    siteId: r.siteId,
    teamId: r.teamId,
    postedBy: r.postedBy,
    text: r.text,
    tags: JSON.parse(r.tags) as string[],
    metric: r.metric,
    postedAt: r.postedAt,
    people,
    sourceRef: r.sourceRef,
    recordedBy: r.recordedBy,
    withdrawnAt: r.withdrawnAt,
    withdrawnBy: r.withdrawnBy,
    withdrawnReason: r.withdrawnReason,
  };
}

export interface WinColumns {
  id: AnyColumn;
  orgId: AnyColumn;
  siteId: AnyColumn;
  postedAt: AnyColumn;
  withdrawnAt: AnyColumn;
}

/** The WHERE pieces of the win queries, over either engine's wins table (withdrawn wins never listed). */
export function winConditions(t: WinColumns) {
  const counted = (orgId: string, siteId: number | undefined, ...more: SQL[]) =>
    and(eq(t.orgId, orgId), ...more, isNull(t.withdrawnAt), ...(siteId === undefined ? [] : [eq(t.siteId, siteId)]))!;
  return {
    /** Posted since `since`, optionally at one site. */
    postedSince: (orgId: string, since: number, siteId?: number) => counted(orgId, siteId, gte(t.postedAt, since)),
    /** Posted in [start, end), optionally at one site. */
    range: (orgId: string, start: number, end: number, siteId?: number) => counted(orgId, siteId, gte(t.postedAt, start), lt(t.postedAt, end)),
    /** One win that may still change (not withdrawn). */
    changeable: (orgId: string, id: number) => and(eq(t.orgId, orgId), eq(t.id, id), isNull(t.withdrawnAt))!,
    newestFirst: [desc(t.postedAt), desc(t.id)],
    oldestFirst: [asc(t.postedAt), asc(t.id)],
  };
}
