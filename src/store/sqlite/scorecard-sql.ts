// The scorecard's aggregate SQL (PRODUCT.md "Scorecard arithmetic"), shared pieces. Every statement
// starts from the same two CTEs: `zb` (one row per time zone with the period's bounds in that zone,
// passed as JSON so each zone's instants are computed once) and `scored` (the leaders in scope,
// joined to their zone's bounds, in id order). Nothing raw leaves SQLite: one row per leader.
//
// Named parameters: @org, @site, @person, @defaultZone, @zones (JSON), @from, @to, @now.
//
// Where the time goes, and how it is kept small (500 leaders × 2 years, see docs/benchmarks.md):
// - Owed days are never listed per leader and day. The calendar is built once per site and week
//   (`site_weeks`: open days per ISO week), so a week wholly inside a leader's range costs one row;
//   only the first and last week look at single days, and only away days are listed per leader.
// - Event rows are read through covering indexes (person, date/instant, the columns counted), so a
//   leader's rows for a period are one index range with no table lookups.
// - Meetings on owed days = every meeting in the leader's range minus those on excused days
//   (site closed, away), which are few, instead of a lookup per owed day.
// - `scored` is MATERIALIZED in id order: the planner walks leaders first and groups without sorting.
//   CROSS JOIN fixes the join order where the planner would otherwise scan an event table.
// - `+x.org_id` keeps the planner off the org-wide indexes: a leader's rows are found through the
//   per-person indexes, the org filter only double-checks.

export const SCOPE = `
zb AS MATERIALIZED (
  SELECT value->>'zone' AS zone, value->>'startMs' AS start_ms, value->>'endMs' AS end_ms,
         value->>'today' AS today, value->>'through' AS through, value->>'currentWeek' AS cur_week
  FROM json_each(@zones)
),
scored AS MATERIALIZED (
  SELECT p.id, p.rowid AS k, p.site_id, COALESCE(p.site_id, 0) AS site_key, p.joined_on, max(@from, p.joined_on) AS lo,
         replace(COALESCE(s.work_days, '1,2,3,4,5'), ' ', '') AS work_days, p.leader_since AS since_ms, zb.zone,
         zb.start_ms, zb.end_ms, zb.today, zb.through, zb.cur_week
  FROM people p
  LEFT JOIN sites s ON s.id = p.site_id
  JOIN zb ON zb.zone = COALESCE(p.time_zone, s.time_zone, @defaultZone)
  WHERE p.org_id = @org AND p.role = 'leader'
    AND (@site IS NULL OR p.site_id = @site)
    AND (@person IS NULL OR p.id = @person)
  ORDER BY p.id
)`;

/**
 * Owed days and weeks of the leaders in CTE `leaders` (columns id, site_key, work_days, lo,
 * through, cur_week), counting the days from `lo` to `through`. Defines:
 * - days(n, d, wd, wk): one row per local day from `first` to @to (n = 0, 1, …), ISO weekday and
 *   week computed once;
 * - site_open(site_key, n, d, wk, open): per site and day, whether the site is open: a work day and no
 *   shutdown (no site: Monday–Friday, key 0). Shutdowns are expanded to their days once;
 * - site_weeks(site_key, wk, first_d, last_d, opens): the same per ISO week;
 * - away_open(person_id, n, d, wk): open days in the leader's range on which they are away (a day
 *   twice when away periods overlap: count DISTINCT n);
 * - away_weeks(person_id, wk, n): away open days per leader and week.
 * Owed days per leader and week then come from owedInWeek() over weeksOf().
 */
export function owedCalendar(leaders: string, first: string): string {
  // Days are also numbered (n = 0 from the first day) so that shutdowns and away periods expand to
  // their days with integer steps and join the calendar on integers.
  const dayNo = (date: string) => `CAST(julianday(${date}) - (SELECT j0 FROM origin) AS INTEGER)`;
  return `
origin AS MATERIALIZED (SELECT ${first} AS d0, julianday(${first}) AS j0),
days(n, d, wd, wk) AS (
  SELECT 0, d0, strftime('%u', d0), strftime('%G-W%V', d0) FROM origin
  UNION ALL
  SELECT n + 1, date(d, '+1 day'), strftime('%u', date(d, '+1 day')), strftime('%G-W%V', date(d, '+1 day'))
  FROM days WHERE d < @to
),
site_list AS MATERIALIZED (SELECT DISTINCT site_key, work_days FROM ${leaders}),
closed(site_key, n, last) AS (
  SELECT sl.site_key, ${dayNo(`max(c.from_date, ${first})`)}, ${dayNo('min(c.to_date, @to)')}
  FROM site_list sl CROSS JOIN site_closures c ON c.site_id = sl.site_key AND c.from_date <= @to
  WHERE c.to_date >= ${first}
  UNION ALL
  SELECT site_key, n + 1, last FROM closed WHERE n < last
),
closed_days AS MATERIALIZED (SELECT DISTINCT site_key, n FROM closed),
site_open AS MATERIALIZED (
  SELECT sl.site_key, days.n, days.d, days.wk,
         instr(',' || sl.work_days || ',', ',' || days.wd || ',') > 0
           AND NOT EXISTS (SELECT 1 FROM closed_days c WHERE c.site_key = sl.site_key AND c.n = days.n) AS open
  FROM site_list sl CROSS JOIN days
),
site_weeks AS MATERIALIZED (
  SELECT site_key, wk, MIN(d) AS first_d, MAX(d) AS last_d, SUM(open) AS opens FROM site_open GROUP BY site_key, wk
),
away_span(person_id, site_key, n, last) AS (
  SELECT l.id, l.site_key, ${dayNo('max(a.from_date, l.lo)')}, ${dayNo('min(a.to_date, l.through)')}
  FROM ${leaders} l CROSS JOIN away_periods a ON a.person_id = l.id AND a.from_date <= l.through
  WHERE a.to_date >= l.lo AND max(a.from_date, l.lo) <= min(a.to_date, l.through)
  UNION ALL
  SELECT person_id, site_key, n + 1, last FROM away_span WHERE n < last
),
-- s.n + 0: with a bare s.n the planner indexes site_open on site_key alone and scans each site.
away_open AS (
  SELECT s.person_id, o.n, o.d, o.wk
  FROM away_span s CROSS JOIN site_open o ON o.site_key = s.site_key AND o.n = s.n + 0
  WHERE o.open
),
away_weeks AS MATERIALIZED (SELECT person_id, wk, COUNT(DISTINCT n) AS n FROM away_open GROUP BY person_id, wk)`;
}

/**
 * Owed days of leader `l` in site week `sw` (a row of site_weeks): a week wholly inside the
 * leader's range owes the site's open days, the first and last week only those in the range; less
 * the days the leader is away.
 */
export function owedInWeek(l: string, sw: string): string {
  return `(CASE WHEN ${sw}.first_d >= ${l}.lo AND ${sw}.last_d <= ${l}.through THEN ${sw}.opens
        ELSE (SELECT SUM(o.open) FROM site_open o
              WHERE o.site_key = ${l}.site_key AND o.wk = ${sw}.wk AND o.d >= ${l}.lo AND o.d <= ${l}.through) END
   - COALESCE((SELECT aw.n FROM away_weeks aw WHERE aw.person_id = ${l}.id AND aw.wk = ${sw}.wk), 0))`;
}

/** The site weeks that overlap the range of leader `l`. */
export function weeksOf(l: string, sw: string): string {
  return `${sw}.site_key = ${l}.site_key AND ${sw}.last_d >= ${l}.lo AND ${sw}.first_d <= ${l}.through AND ${l}.lo <= ${l}.through`;
}

/** Whether day `d` (an SQL date expression) is owed by joining leader `j` (a row of `joining`). */
function owedOn(j: string, d: string): string {
  return `(instr(',' || ${j}.work_days || ',', ',' || strftime('%u', ${d}) || ',') > 0 AND ${d} >= ${j}.joined_on
    AND NOT EXISTS (SELECT 1 FROM site_closures c WHERE c.site_id = ${j}.site_key AND c.from_date <= ${d} AND c.to_date >= ${d})
    AND NOT EXISTS (SELECT 1 FROM away_periods a WHERE a.person_id = ${j}.id AND a.from_date <= ${d} AND a.to_date >= ${d}))`;
}

/**
 * Never owed before being asked. Defines, over leaders `leaders` whose joining day is on or after
 * `since` (an SQL date: a few leaders, so the zone functions run rarely):
 * - joining(id, site_key, work_days, joined_on, since_ms, …, owed): leaders who became a leader
 *   during their joining day (leader_since falls on it, in their zone): `owed` says whether that
 *   day is owed. Their meeting checks that day before since_ms are not due.
 * - late_start(person_id, wk): the joining week of those who became a leader after the moment
 *   their walk prompt went out that week (the scheduler's day: their walk day when owed, else the
 *   next owed day, else the last owed one before; their walk time). Such a week is due only if
 *   they were prompted in it anyway or logged a walk. A missing schedule means the organisation's
 *   default slot (Friday 14:00 unless set).
 */
export function joiningLeaders(leaders: string, since: string): string {
  return `
joining AS MATERIALIZED (
  SELECT j.*, ${owedOn('j', 'j.joined_on')} AS owed FROM (
    SELECT l.id, l.site_key, l.work_days, l.joined_on, l.since_ms, l.zone,
           strftime('%G-W%V', l.joined_on) AS wk, CAST(strftime('%u', l.joined_on) AS INTEGER) AS jd
    FROM ${leaders} l
    WHERE l.since_ms IS NOT NULL AND l.joined_on >= ${since} AND scorecard_local_date(l.since_ms, l.zone) = l.joined_on
  ) j
),
late_start AS MATERIALIZED (
  SELECT x.id AS person_id, x.wk FROM (
    SELECT j.*, COALESCE(fs.weekday, json_extract(o.settings, '$.defaultWalkDay'), 5) AS slot_day,
           COALESCE(fs.time, json_extract(o.settings, '$.defaultWalkTime'), '14:00') AS slot_time
    FROM joining j
    JOIN organisations o ON o.id = @org
    LEFT JOIN floor_walk_schedules fs ON fs.person_id = j.id
    WHERE j.owed
  ) x
  WHERE x.since_ms > scorecard_instant(x.joined_on, x.slot_time, x.zone)
    -- The prompt went out on the joining day: the walk day is not later, or no later day is owed.
    AND (x.slot_day <= x.jd OR NOT EXISTS (
      SELECT 1 FROM (VALUES (1), (2), (3), (4), (5), (6)) k
      WHERE k.column1 <= 7 - x.jd AND ${owedOn('x', "date(x.joined_on, '+' || k.column1 || ' days')")}))
    AND NOT EXISTS (SELECT 1 FROM prompts pr WHERE pr.person_id = x.id AND pr.kind = 'floorwalk' AND pr.subject = 'week:' || x.wk)
)`;
}

export const LEADERS_SQL = `
SELECT p.id, p.display_name AS displayName, p.handle, p.site_id AS siteId, s.name AS siteName,
       COALESCE(p.time_zone, s.time_zone, @defaultZone) AS zone, p.joined_on AS joinedOn,
       p.unreachable_reason AS unreachableReason
FROM people p LEFT JOIN sites s ON s.id = p.site_id
WHERE p.org_id = @org AND p.role = 'leader'
  AND (@site IS NULL OR p.site_id = @site)
  AND (@person IS NULL OR p.id = @person)
ORDER BY lower(p.display_name), p.id`;

export const UNREACHABLE_SQL = `
SELECT p.id, p.display_name AS displayName, p.role, p.unreachable_reason AS reason
FROM people p
WHERE p.org_id = @org AND p.unreachable_reason IS NOT NULL
  AND (@site IS NULL OR p.site_id = @site)
  AND (@person IS NULL OR p.id = @person)
ORDER BY lower(p.display_name), p.id
LIMIT @limit`;
