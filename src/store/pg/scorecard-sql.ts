// The scorecard's aggregate SQL on PostgreSQL, shared pieces: the same statements as SQLite's
// (src/store/sqlite/scorecard-sql.ts explains their shape and PRODUCT.md "Scorecard arithmetic" the
// figures), in PostgreSQL's own terms: date arithmetic and generate_series instead of julianday and
// recursive day lists, to_char(d, 'IYYY-"W"IW') for ISO weeks, AT TIME ZONE with IANA names instead
// of the JS zone functions, GREATEST/LEAST for SQLite's scalar max/min, percentile_cont for medians.
//
// Named parameters (@org, @site, @person, @defaultZone, @zones, @from, @to, @now, @totals, @limit)
// become typed positional ones in scorecard-bind.ts. Dates stay 'YYYY-MM-DD' text as stored (fixed
// width, so text order is date order in any collation); the calendar works in `date` and numbers
// days from the first one. Output columns are quoted (PostgreSQL folds bare names to lower case)
// and cast to int (SUM and COUNT give bigint or numeric, which node-postgres reads as text).

export const SCOPE = `
zb AS MATERIALIZED (
  SELECT z->>'zone' AS zone, (z->>'startMs')::bigint AS start_ms, (z->>'endMs')::bigint AS end_ms,
         z->>'today' AS today, z->>'through' AS through, z->>'currentWeek' AS cur_week
  FROM jsonb_array_elements(@zones) z
),
scored AS MATERIALIZED (
  SELECT p.id, p.site_id, COALESCE(p.site_id, 0) AS site_key, p.joined_on, GREATEST(@from, p.joined_on) AS lo,
         replace(COALESCE(s.work_days, '1,2,3,4,5'), ' ', '') AS work_days, p.leader_since AS since_ms, zb.zone,
         zb.start_ms, zb.end_ms, zb.today, zb.through, zb.cur_week
  FROM people p
  LEFT JOIN sites s ON s.id = p.site_id
  JOIN zb ON zb.zone = COALESCE(p.time_zone, s.time_zone, @defaultZone)
  WHERE p.org_id = @org AND p.role = 'leader'
    AND (@site IS NULL OR p.site_id = @site)
    AND (@person IS NULL OR p.id = @person)
)`;

/** 'YYYY-MM-DD' of an SQL date expression. */
export const dateText = (d: string) => `to_char(${d}, 'YYYY-MM-DD')`;

/** Whether ISO weekday `wd` (an int expression) is one of `workDays` ('1,2,3,4,5'). */
const isWorkDay = (wd: string, workDays: string) => `(${wd})::text = ANY (string_to_array(${workDays}, ','))`;

/**
 * Owed days and weeks of the leaders in CTE `leaders` (columns id, site_key, work_days, lo,
 * through), from `first` (a text date expression) to @to. Defines the same CTEs as SQLite's
 * owedCalendar: origin(f, d0), days(n, d, wd, wk), site_open(site_key, n, d, wk, open),
 * site_weeks(site_key, wk, first_d, last_d, opens), away_open(person_id, n, d, wk) and
 * away_weeks(person_id, wk, n).
 */
export function owedCalendar(leaders: string, first: string): string {
  return `
origin AS MATERIALIZED (SELECT (${first}) AS f, (${first})::date AS d0),
days AS MATERIALIZED (
  SELECT g.n, ${dateText('o.d0 + g.n')} AS d, extract(isodow FROM o.d0 + g.n)::int AS wd, to_char(o.d0 + g.n, 'IYYY-"W"IW') AS wk
  FROM origin o CROSS JOIN LATERAL generate_series(0, @to::date - o.d0) AS g(n)
),
site_list AS MATERIALIZED (SELECT DISTINCT site_key, work_days FROM ${leaders}),
closed_days AS MATERIALIZED (
  SELECT DISTINCT sl.site_key, g.n
  FROM site_list sl
  CROSS JOIN origin o
  JOIN site_closures c ON c.site_id = sl.site_key AND c.from_date <= @to AND c.to_date >= o.f
  CROSS JOIN LATERAL generate_series(GREATEST(c.from_date, o.f)::date - o.d0, LEAST(c.to_date, @to)::date - o.d0) AS g(n)
),
site_open AS MATERIALIZED (
  SELECT sl.site_key, days.n, days.d, days.wk, ${isWorkDay('days.wd', 'sl.work_days')} AND c.n IS NULL AS open
  FROM site_list sl CROSS JOIN days
  LEFT JOIN closed_days c ON c.site_key = sl.site_key AND c.n = days.n
),
site_weeks AS MATERIALIZED (
  SELECT site_key, wk, MIN(d) AS first_d, MAX(d) AS last_d, SUM(open::int) AS opens FROM site_open GROUP BY site_key, wk
),
away_open AS (
  SELECT l.id AS person_id, so.n, so.d, so.wk
  FROM ${leaders} l
  CROSS JOIN origin o
  JOIN away_periods a ON a.person_id = l.id AND a.from_date <= l.through AND a.to_date >= l.lo
  CROSS JOIN LATERAL generate_series(GREATEST(a.from_date, l.lo)::date - o.d0, LEAST(a.to_date, l.through)::date - o.d0) AS g(n)
  JOIN site_open so ON so.site_key = l.site_key AND so.n = g.n
  WHERE so.open
),
away_weeks AS MATERIALIZED (SELECT person_id, wk, COUNT(DISTINCT n) AS n FROM away_open GROUP BY person_id, wk)`;
}

/**
 * Owed days per leader and ISO week over the leaders in `leaders` (after owedCalendar), as
 * leader_weeks(person_id, wk, cur_week, owed): a week wholly inside the leader's range owes the
 * site's open days, the first and last week only those in the range (edge_weeks), less the days
 * the leader is away. Joins rather than SQLite's correlated subqueries: PostgreSQL does not index
 * a CTE, so a subquery per leader and week would scan the whole calendar each time.
 */
export function leaderWeeks(leaders: string): string {
  const edge = (day: string) => `
  SELECT l.id AS person_id, so.wk, SUM(so.open::int) AS opens
  FROM ${leaders} l JOIN site_open so ON so.site_key = l.site_key AND so.wk = to_char(${day}::date, 'IYYY-"W"IW')
  WHERE so.d >= l.lo AND so.d <= l.through AND l.lo <= l.through
  GROUP BY l.id, so.wk`;
  return `
edge_weeks AS MATERIALIZED (${edge('l.lo')}
  UNION${edge('l.through')}
),
leader_weeks AS MATERIALIZED (
  SELECT l.id AS person_id, sw.wk, l.cur_week,
         CASE WHEN sw.first_d >= l.lo AND sw.last_d <= l.through THEN sw.opens ELSE e.opens END - COALESCE(aw.n, 0) AS owed
  FROM ${leaders} l
  JOIN site_weeks sw ON sw.site_key = l.site_key AND sw.last_d >= l.lo AND sw.first_d <= l.through AND l.lo <= l.through
  LEFT JOIN edge_weeks e ON e.person_id = l.id AND e.wk = sw.wk
  LEFT JOIN away_weeks aw ON aw.person_id = l.id AND aw.wk = sw.wk
)`;
}

/** Whether day `d` (a text date expression) is owed by joining leader `j`. */
function owedOn(j: string, d: string): string {
  return `(${isWorkDay(`extract(isodow FROM (${d})::date)::int`, `${j}.work_days`)} AND ${d} >= ${j}.joined_on
    AND NOT EXISTS (SELECT 1 FROM site_closures c WHERE c.site_id = ${j}.site_key AND c.from_date <= ${d} AND c.to_date >= ${d})
    AND NOT EXISTS (SELECT 1 FROM away_periods a WHERE a.person_id = ${j}.id AND a.from_date <= ${d} AND a.to_date >= ${d}))`;
}

/** Local date, in `zone`, of the epoch milliseconds `ms` (core/time's localDateOf). */
export const localDate = (ms: string, zone: string) => dateText(`to_timestamp(${ms} / 1000.0) AT TIME ZONE ${zone}`);

/**
 * Epoch milliseconds at which the wall clock in `zone` shows `date` `time` ('HH:MM'), as core/time's
 * zonedInstant: a repeated time (fall back) is the first of the two, a time skipped by a DST gap
 * the first minute after it. AT TIME ZONE alone gives the later of a repeated time and, in a gap,
 * reads the time with the offset before the change (02:30 → 03:30), so: the first minute of the
 * three hours up to that instant whose wall clock is at or after the wanted one.
 */
export const instant = (date: string, time: string, zone: string) => `(
  SELECT (extract(epoch FROM min(g.i)) * 1000)::bigint
  FROM (SELECT (${date} || ' ' || ${time})::timestamp AS ts) w
  CROSS JOIN LATERAL generate_series((w.ts AT TIME ZONE ${zone}) - interval '3 hours', w.ts AT TIME ZONE ${zone}, interval '1 minute') AS g(i)
  WHERE (g.i AT TIME ZONE ${zone}) >= w.ts)`;

/** Never owed before being asked: CTEs joining and late_start, as in SQLite's joiningLeaders. */
export function joiningLeaders(leaders: string, since: string): string {
  return `
joining AS MATERIALIZED (
  SELECT j.*, ${owedOn('j', 'j.joined_on')} AS owed FROM (
    SELECT l.id, l.site_key, l.work_days, l.joined_on, l.since_ms, l.zone,
           to_char(l.joined_on::date, 'IYYY-"W"IW') AS wk, extract(isodow FROM l.joined_on::date)::int AS jd
    FROM ${leaders} l
    WHERE l.since_ms IS NOT NULL AND l.joined_on >= ${since} AND ${localDate('l.since_ms', 'l.zone')} = l.joined_on
  ) j
),
late_start AS MATERIALIZED (
  SELECT x.id AS person_id, x.wk FROM (
    SELECT j.*, COALESCE(fs.weekday, (o.settings::jsonb ->> 'defaultWalkDay')::int, 5) AS slot_day,
           COALESCE(fs.time, o.settings::jsonb ->> 'defaultWalkTime', '14:00') AS slot_time
    FROM joining j
    JOIN organisations o ON o.id = @org
    LEFT JOIN floor_walk_schedules fs ON fs.person_id = j.id
    WHERE j.owed
  ) x
  WHERE x.since_ms > ${instant('x.joined_on', 'x.slot_time', 'x.zone')}
    -- The prompt went out on the joining day: the walk day is not later, or no later day is owed.
    AND (x.slot_day <= x.jd OR NOT EXISTS (
      SELECT 1 FROM generate_series(1, 7 - x.jd) AS k(n)
      WHERE ${owedOn('x', dateText('x.joined_on::date + k.n'))}))
    AND NOT EXISTS (SELECT 1 FROM prompts pr WHERE pr.person_id = x.id AND pr.kind = 'floorwalk' AND pr.subject = 'week:' || x.wk)
)`;
}

export const LEADERS_SQL = `
SELECT p.id, p.display_name AS "displayName", p.handle, p.site_id AS "siteId", s.name AS "siteName",
       COALESCE(p.time_zone, s.time_zone, @defaultZone) AS zone, p.joined_on AS "joinedOn",
       p.unreachable_reason AS "unreachableReason"
FROM people p LEFT JOIN sites s ON s.id = p.site_id
WHERE p.org_id = @org AND p.role = 'leader'
  AND (@site IS NULL OR p.site_id = @site)
  AND (@person IS NULL OR p.id = @person)
ORDER BY lower(p.display_name) COLLATE "C", p.id COLLATE "C"`;

export const UNREACHABLE_SQL = `
SELECT p.id, p.display_name AS "displayName", p.role, p.unreachable_reason AS reason
FROM people p
WHERE p.org_id = @org AND p.unreachable_reason IS NOT NULL
  AND (@site IS NULL OR p.site_id = @site)
  AND (@person IS NULL OR p.id = @person)
ORDER BY lower(p.display_name) COLLATE "C", p.id COLLATE "C"
LIMIT @limit`;
