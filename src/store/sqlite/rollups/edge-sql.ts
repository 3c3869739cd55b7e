// The follow-ups of a period's edge days (the days around its whole weeks), without the overdue
// snapshot's walk over every open follow-up.
//
// FOLLOW_UPS_SQL's overdue at the period's end E is a snapshot: every follow-up due by E, whenever,
// that is open or was closed after E — thousands of rows for an organisation, the same for every
// period ending near now. The last whole week's rollup row already holds that snapshot at its
// Sunday S (a sealed week: S is over in every zone, so "due before today" holds for all of them).
// From S to E (the tail: S + 1 … E) a follow-up's flag changes only if
// - it is due in the tail: its flag as FOLLOW_UPS_SQL computes it (it was not in the snapshot), or
// - it was due by S and closed in the tail: counted at S (closed later than S), not at E: −1.
// So the tail's overdue, added to the week's snapshot, is the raw snapshot at E, for leaders, sites
// and the organisation alike (their counts are sums of per-row flags less the shared rows' flags,
// so the same change per row carries over). For the head (@closedIn = 0) only the due, on-time
// counts matter (the period's snapshot is the tail's or the last week's): rows due in the head.
import { SCOPE } from '../scorecard-sql';
import { FOLLOW_UPS_BY_LEVEL } from '../scorecard-sql-facts';

const flags = (today: string) => `
         CASE WHEN due_date >= @from AND status = 'done' AND closed_on <= due_date THEN 1 ELSE 0 END AS on_time,
         CASE WHEN due_date >= @from AND NOT (status = 'open' AND due_date >= ${today}) THEN 1 ELSE 0 END AS due,
         CASE WHEN due_date < @from THEN -1
              WHEN due_date < ${today} AND (status = 'open' OR closed_on > @to) THEN 1 ELSE 0 END AS overdue`;

const FROM_LEADERS = 'FROM scored l CROSS JOIN follow_ups f';

/**
 * A side's rows (owner or raiser): due in [@from, @to], or (@closedIn) due before and closed in it.
 * The closed ones are found from the other end — the organisation's follow-ups closed in those few
 * days (followups_org_closed), then their leader — not through each leader's whole history.
 */
const rows = (side: 'owner_id' | 'raised_by', select: string, extra = '', then = '') => `
  ${select} ON f.${side} = l.id AND f.status IN ('open', 'done') AND f.due_date >= @from AND f.due_date <= @to ${then}
  WHERE +f.org_id = @org ${extra}
  UNION ALL
  ${select.replace(FROM_LEADERS, 'FROM follow_ups f CROSS JOIN scored l')} ON l.id = f.${side} ${then}
  WHERE @closedIn AND f.org_id = @org AND f.closed_on >= @from AND f.closed_on <= @to AND f.status = 'done' AND f.due_date < @from ${extra}`;

const MINE = `SELECT l.id AS person_id, l.site_key, f.due_date, f.status, f.closed_on, l.today ${FROM_LEADERS}`;
const SHARED = `SELECT l.site_key AS raiser_site, o.site_key AS owner_site, f.due_date, f.status, f.closed_on, min(l.today, o.today) AS today
    ${FROM_LEADERS}`;

export const FOLLOW_UPS_EDGE_SQL = `
WITH ${SCOPE},
mine AS (${rows('owner_id', MINE)}
  UNION ALL${rows('raised_by', MINE, 'AND f.owner_id <> l.id')}
),
per_leader AS MATERIALIZED (
  SELECT person_id, site_key, SUM(on_time) AS on_time, SUM(due) AS due, SUM(overdue) AS overdue
  FROM (SELECT person_id, site_key, ${flags('today')} FROM mine) GROUP BY person_id
),
shared AS MATERIALIZED (
  SELECT raiser_site, owner_site, ${flags('today')} FROM (${rows('raised_by', SHARED, 'AND f.owner_id <> l.id', 'CROSS JOIN scored o ON o.id = f.owner_id')})
),
${FOLLOW_UPS_BY_LEVEL}`;
