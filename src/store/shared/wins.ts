// Win rows → the core's Win, and the values a new win inserts, for both engines.
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
