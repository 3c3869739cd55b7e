// The scorecard's aggregate SQL (PRODUCT.md "Scorecard arithmetic"). Every statement starts from the
// same two CTEs: `zb` (one row per time zone with the period's bounds in that zone, passed as JSON
// so each zone's instants are computed once) and `scored` (the leaders in scope, joined to their
// zone's bounds). Owed days come from a recursive calendar CTE; nothing raw leaves SQLite.
//
// Named parameters: @org, @site, @person, @defaultZone, @zones (JSON), @from, @to, @now.
// Planner hints: `scored` is MATERIALIZED so each leader's bounds are known before the event
// tables are searched; `+x.org_id` keeps the planner off the org-wide indexes (a leader's rows are
// found through the per-person indexes, the org filter only double-checks); CROSS JOIN fixes the
// order leader → team → wins.

const SCOPE = `
zb AS (
  SELECT value->>'zone' AS zone, value->>'startMs' AS start_ms, value->>'endMs' AS end_ms,
         value->>'today' AS today, value->>'through' AS through, value->>'currentWeek' AS cur_week
  FROM json_each(@zones)
),
scored AS MATERIALIZED (
  SELECT p.id, p.site_id, p.joined_on, replace(COALESCE(s.work_days, '1,2,3,4,5'), ' ', '') AS work_days,
         zb.start_ms, zb.end_ms, zb.today, zb.through, zb.cur_week
  FROM people p
  LEFT JOIN sites s ON s.id = p.site_id
  JOIN zb ON zb.zone = COALESCE(p.time_zone, s.time_zone, @defaultZone)
  WHERE p.org_id = @org AND p.role = 'leader'
    AND (@site IS NULL OR p.site_id = @site)
    AND (@person IS NULL OR p.id = @person)
)`;

/**
 * The calendar: one row per local day from `first` to @to with its ISO weekday and ISO week, computed
 * once per day (not once per leader and day).
 */
function days(first: string): string {
  return `
days(d, wd, wk) AS (
  SELECT ${first}, strftime('%u', ${first}), strftime('%G-W%V', ${first})
  UNION ALL
  SELECT date(d, '+1 day'), strftime('%u', date(d, '+1 day')), strftime('%G-W%V', date(d, '+1 day'))
  FROM days WHERE d < @to
)`;
}

/**
 * Open days per site: work days of the site that are not shutdown/holiday days (leaders without a
 * site work Monday–Friday; their site key is 0). Computed once per site, not once per leader.
 */
const SITE_DAYS = `
site_days AS MATERIALIZED (
  SELECT sc.site_key, d.d, d.wk
  FROM (SELECT DISTINCT COALESCE(site_id, 0) AS site_key, work_days FROM scored) sc
  JOIN days d ON instr(',' || sc.work_days || ',', ',' || d.wd || ',') > 0
  WHERE NOT EXISTS (SELECT 1 FROM site_closures c
                    WHERE c.site_id = sc.site_key AND c.from_date <= d.d AND c.to_date >= d.d)
)`;

/** Owed days of leader `l` among the open days `sd`: on/after joining and not away. */
const NOT_AWAY = `
  NOT EXISTS (SELECT 1 FROM away_periods a
              WHERE a.person_id = l.id AND a.from_date <= sd.d AND a.to_date >= sd.d)`;

export const LEADERS_SQL = `
SELECT p.id, p.display_name AS displayName, p.handle, p.site_id AS siteId, s.name AS siteName,
       COALESCE(p.time_zone, s.time_zone, @defaultZone) AS zone, p.joined_on AS joinedOn,
       p.unreachable_reason AS unreachableReason
FROM people p LEFT JOIN sites s ON s.id = p.site_id
WHERE p.org_id = @org AND p.role = 'leader'
  AND (@site IS NULL OR p.site_id = @site)
  AND (@person IS NULL OR p.id = @person)
ORDER BY lower(p.display_name), p.id`;

/**
 * Owed days, meeting updates and floor-walk weeks. Days after today are not owed yet; an
 * unanswered occurrence counts as "no" once its day is over; the unfinished current week is due
 * only once a walk is logged in it (it cannot have been missed yet).
 */
export const CALENDAR_FACTS_SQL = `
WITH RECURSIVE ${SCOPE},
${days('@from')},
${SITE_DAYS},
owed AS MATERIALIZED (
  SELECT l.id AS person_id, sd.d AS day, sd.wk
  FROM scored l
  JOIN site_days sd ON sd.site_key = COALESCE(l.site_id, 0) AND sd.d >= l.joined_on AND sd.d <= l.through
  WHERE ${NOT_AWAY}
),
owed_count AS (SELECT person_id, COUNT(*) AS n FROM owed GROUP BY person_id),
meets AS (
  SELECT o.person_id,
         SUM(CASE WHEN mo.answer = 'yes' THEN 1 ELSE 0 END) AS yes,
         SUM(CASE WHEN mo.answer IN ('yes', 'no') OR (mo.answer IS NULL AND mo.local_date < l.today)
                  THEN 1 ELSE 0 END) AS due
  FROM owed o
  JOIN scored l ON l.id = o.person_id
  JOIN meeting_occurrences mo ON mo.person_id = o.person_id AND mo.local_date = o.day
  GROUP BY o.person_id
),
week_status AS (
  SELECT ow.person_id, ow.wk,
         EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = ow.person_id AND w.week_key = ow.wk) AS done
  FROM (SELECT DISTINCT person_id, wk FROM owed) ow
),
walks AS (
  SELECT ws.person_id,
         SUM(CASE WHEN ws.done = 1 OR ws.wk < l.cur_week THEN 1 ELSE 0 END) AS due,
         SUM(ws.done) AS done
  FROM week_status ws JOIN scored l ON l.id = ws.person_id
  GROUP BY ws.person_id
)
SELECT l.id AS personId,
       COALESCE(oc.n, 0) AS owedDays,
       COALESCE(m.yes, 0) AS meetingsYes, COALESCE(m.due, 0) AS meetingsDue,
       COALESCE(w.done, 0) AS walkWeeksDone, COALESCE(w.due, 0) AS walkWeeksDue
FROM scored l
LEFT JOIN owed_count oc ON oc.person_id = l.id
LEFT JOIN meets m ON m.person_id = l.id
LEFT JOIN walks w ON w.person_id = l.id`;

/** Wins in the period posted by the leader or naming a team the leader leads (each win once). */
export const WINS_SQL = `
WITH ${SCOPE},
credited AS (
  SELECT l.id AS person_id, w.id AS win_id
  FROM scored l JOIN wins w ON w.posted_by = l.id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms
  WHERE +w.org_id = @org
  UNION
  SELECT l.id, w.id
  FROM scored l
  CROSS JOIN teams t ON t.leader_id = l.id AND +t.org_id = @org
  CROSS JOIN wins w ON w.team_id = t.id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms AND +w.org_id = @org
)
SELECT person_id AS personId, COUNT(*) AS wins FROM credited GROUP BY person_id`;

/**
 * Follow-ups owned or raised by the leader (each once: the raised-by branch skips their own).
 * - due: due in the period, except an open one whose due date has not passed yet (it can still be
 *   closed on time, so it is not counted until it is closed or its due date is over);
 * - on time: due in the period and closed on or before the due date;
 * - overdue: past due and still open at the end of the period (or now, for a running period),
 *   whenever it was due.
 */
export const FOLLOW_UPS_SQL = `
WITH ${SCOPE},
mine AS (
  SELECT l.id AS person_id, f.due_date, f.status, f.closed_on, l.today
  FROM scored l JOIN follow_ups f ON f.owner_id = l.id AND f.due_date <= @to
  WHERE +f.org_id = @org AND (f.due_date >= @from OR f.status = 'open' OR f.closed_on > @to)
  UNION ALL
  SELECT l.id, f.due_date, f.status, f.closed_on, l.today
  FROM scored l JOIN follow_ups f ON f.raised_by = l.id AND f.due_date <= @to
  WHERE +f.org_id = @org AND f.owner_id <> l.id AND (f.due_date >= @from OR f.status = 'open' OR f.closed_on > @to)
)
SELECT person_id AS personId,
       SUM(CASE WHEN due_date >= @from AND status = 'done' AND closed_on <= due_date THEN 1 ELSE 0 END) AS followUpsOnTime,
       SUM(CASE WHEN due_date >= @from AND NOT (status = 'open' AND due_date >= today) THEN 1 ELSE 0 END) AS followUpsDue,
       SUM(CASE WHEN due_date < today AND (status = 'open' OR closed_on > @to) THEN 1 ELSE 0 END) AS followUpsOverdue
FROM mine GROUP BY person_id`;

const WINDOW_MS = 48 * 3_600_000;

/** Prompts sent in the period; answered within 48 h; open ones younger than 48 h are left out. */
export const PROMPTS_SQL = `
WITH ${SCOPE}
SELECT l.id AS personId,
       SUM(CASE WHEN pr.answered_at IS NOT NULL AND pr.answered_at - pr.sent_at <= ${WINDOW_MS} THEN 1 ELSE 0 END)
         AS promptsAnsweredInTime,
       SUM(CASE WHEN pr.answered_at IS NULL AND pr.status = 'open' AND pr.sent_at > @now - ${WINDOW_MS} THEN 0 ELSE 1 END)
         AS promptsCounted
FROM scored l
JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
GROUP BY l.id`;

const WHOLE = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';

/**
 * Medians of (answered_at − sent_at) per leader, per site and overall, pooled over the answered
 * prompts (not a mean of medians). An even count takes the mean of the two middle values. Each
 * level sorts once: the row number and the partition size share one window.
 */
export const MEDIANS_SQL = `
WITH ${SCOPE},
answered AS MATERIALIZED (
  SELECT l.id AS person_id, l.site_id, pr.answered_at - pr.sent_at AS ms
  FROM scored l
  JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
  WHERE pr.answered_at IS NOT NULL
),
ranked AS (
  SELECT 'leader' AS level, person_id AS k, ms, ROW_NUMBER() OVER w AS rn, COUNT(*) OVER (w ${WHOLE}) AS n
  FROM answered WINDOW w AS (PARTITION BY person_id ORDER BY ms)
  UNION ALL
  SELECT 'site', COALESCE(CAST(site_id AS TEXT), ''), ms, ROW_NUMBER() OVER w, COUNT(*) OVER (w ${WHOLE})
  FROM answered WINDOW w AS (PARTITION BY site_id ORDER BY ms)
  UNION ALL
  SELECT 'org', '', ms, ROW_NUMBER() OVER w, COUNT(*) OVER (w ${WHOLE})
  FROM answered WINDOW w AS (ORDER BY ms)
)
SELECT level, k AS key, AVG(ms) AS medianMs
FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
GROUP BY level, k`;

/**
 * Floor-walk streaks up to the period's end. History starts at the Monday of the leader's first
 * walk (earlier weeks can only be misses, which end no run that matters) or the day they joined.
 * Weeks with no owed day are skipped; the unfinished current week is left out; runs of done weeks
 * are found by numbering each miss (gaps and islands).
 */
export const STREAKS_SQL = `
WITH RECURSIVE ${SCOPE},
hist AS (
  SELECT l.*, max(l.joined_on, date(fw.first_walk, '-' || (strftime('%u', fw.first_walk) - 1) || ' days')) AS hist_start
  FROM scored l
  JOIN (SELECT person_id, MIN(walk_date) AS first_walk FROM floor_walks
        WHERE person_id IN (SELECT id FROM scored) GROUP BY person_id) fw ON fw.person_id = l.id
),
${days('(SELECT MIN(hist_start) FROM hist)')},
${SITE_DAYS},
site_weeks AS MATERIALIZED (
  SELECT site_key, wk, MIN(d) AS first_d, MAX(d) AS last_d FROM site_days GROUP BY site_key, wk
),
weeks AS (
  SELECT l.id AS person_id, sw.wk, l.cur_week
  FROM hist l
  JOIN site_weeks sw ON sw.site_key = COALESCE(l.site_id, 0) AND sw.last_d >= l.hist_start AND sw.first_d <= l.through
  WHERE EXISTS (SELECT 1 FROM site_days sd
                WHERE sd.site_key = sw.site_key AND sd.wk = sw.wk AND sd.d >= l.hist_start AND sd.d <= l.through
                  AND ${NOT_AWAY})
),
marked AS (
  SELECT person_id, wk,
         EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = weeks.person_id AND w.week_key = weeks.wk) AS done
  FROM weeks WHERE wk < cur_week
),
grouped AS (
  SELECT person_id, done,
         SUM(1 - done) OVER (PARTITION BY person_id ORDER BY wk ROWS UNBOUNDED PRECEDING) AS g
  FROM marked
),
runs AS (
  SELECT person_id, g, SUM(done) AS run, MAX(g) OVER (PARTITION BY person_id) AS last_g
  FROM grouped GROUP BY person_id, g
)
SELECT person_id AS personId,
       SUM(CASE WHEN g = last_g THEN run ELSE 0 END) AS current,
       MAX(run) AS best
FROM runs GROUP BY person_id`;

export const UNREACHABLE_SQL = `
SELECT p.id, p.display_name AS displayName, p.role, p.unreachable_reason AS reason
FROM people p
WHERE p.org_id = @org AND p.unreachable_reason IS NOT NULL
  AND (@site IS NULL OR p.site_id = @site)
  AND (@person IS NULL OR p.id = @person)
ORDER BY lower(p.display_name), p.id
LIMIT @limit`;
