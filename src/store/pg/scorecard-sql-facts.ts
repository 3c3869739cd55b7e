// Per-leader counts for one period on PostgreSQL: owed days, meetings, floor-walk weeks, wins,
// follow-ups and prompts. The same figures as src/store/sqlite/scorecard-sql-facts.ts (which says
// why each is counted as it is); see scorecard-sql.ts here for the PostgreSQL translation.
import { joiningLeaders, leaderWeeks, owedCalendar, SCOPE } from './scorecard-sql';

/** An occurrence counts as due when answered yes/no, or unanswered once its day is over. */
const MEETING_DUE = `(mo.answer IN ('yes', 'no') OR (mo.answer IS NULL AND mo.local_date < l.today))`;

export const CALENDAR_FACTS_SQL = `
WITH ${SCOPE},
${owedCalendar('scored', '@from')},
${joiningLeaders('scored', "to_char(@from::date - 6, 'YYYY-MM-DD')")},
${leaderWeeks('scored')},
walk_weeks AS MATERIALIZED (
  SELECT lw.person_id, lw.wk, lw.cur_week, lw.owed,
         EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = lw.person_id AND w.week_key = lw.wk AND w.withdrawn_at IS NULL) AS done,
         ls.person_id IS NOT NULL AS late
  FROM leader_weeks lw LEFT JOIN late_start ls ON ls.person_id = lw.person_id AND ls.wk = lw.wk
  WHERE lw.owed > 0
),
walks AS (
  SELECT person_id, SUM(owed) AS owed, COUNT(*) FILTER (WHERE done OR (wk < cur_week AND NOT late)) AS due, COUNT(*) FILTER (WHERE done) AS done
  FROM walk_weeks GROUP BY person_id
),
-- Occurrences on the days the site is open: one hash join with the calendar (SQLite subtracts those
-- in runs of closed days instead, through its index; here a range join per run and leader cost 20 s).
in_range AS (
  SELECT l.id AS person_id,
         COUNT(*) FILTER (WHERE so.open AND mo.answer = 'yes') AS yes, COUNT(*) FILTER (WHERE so.open AND ${MEETING_DUE}) AS due
  FROM scored l
  JOIN meeting_occurrences mo ON mo.person_id = l.id AND mo.local_date >= l.lo AND mo.local_date <= l.through
  JOIN site_open so ON so.site_key = l.site_key AND so.d = mo.local_date
  GROUP BY l.id
),
-- Less those on days the leader is away and the checks of their joining day from before they became a leader.
excused AS (
  SELECT person_id, COUNT(*) FILTER (WHERE yes) AS yes, COUNT(*) FILTER (WHERE due) AS due FROM (
    SELECT l.id AS person_id, mo.answer = 'yes' AS yes, ${MEETING_DUE} AS due
    FROM (SELECT DISTINCT person_id, d FROM away_open) ao
    JOIN scored l ON l.id = ao.person_id
    JOIN meeting_occurrences mo ON mo.person_id = ao.person_id AND mo.local_date = ao.d
    UNION ALL
    -- Checks on the joining day from before they became a leader (an owed day: not counted above).
    SELECT l.id, mo.answer = 'yes', ${MEETING_DUE}
    FROM joining j
    JOIN scored l ON l.id = j.id
    JOIN meeting_occurrences mo ON mo.person_id = j.id AND mo.local_date = j.joined_on
    WHERE j.owed AND j.joined_on >= l.lo AND j.joined_on <= l.through AND mo.starts_at < j.since_ms
  ) x GROUP BY person_id
)
SELECT l.id AS "personId",
       COALESCE(w.owed, 0)::int AS "owedDays",
       (COALESCE(m.yes, 0) - COALESCE(x.yes, 0))::int AS "meetingsYes",
       (COALESCE(m.due, 0) - COALESCE(x.due, 0))::int AS "meetingsDue",
       COALESCE(w.done, 0)::int AS "walkWeeksDone", COALESCE(w.due, 0)::int AS "walkWeeksDue"
FROM scored l
LEFT JOIN in_range m ON m.person_id = l.id
LEFT JOIN excused x ON x.person_id = l.id
LEFT JOIN walks w ON w.person_id = l.id`;

/** Wins posted by the leader or naming the leader's team; per leader, and each win once per site and in all. */
export const WINS_SQL = `
WITH ${SCOPE},
leader_teams AS (
  SELECT l.id AS person_id, t.id AS team_id FROM scored l JOIN teams t ON t.leader_id = l.id AND t.org_id = @org
  UNION
  SELECT l.id, p.team_id FROM scored l JOIN people p ON p.id = l.id WHERE p.team_id IS NOT NULL
),
credited AS MATERIALIZED (
  SELECT l.id AS person_id, l.site_key, w.id AS win_id
  FROM scored l JOIN wins w ON w.posted_by = l.id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms
  WHERE w.org_id = @org AND w.withdrawn_at IS NULL
  UNION
  SELECT l.id, l.site_key, w.id
  FROM scored l
  JOIN leader_teams lt ON lt.person_id = l.id
  JOIN wins w ON w.team_id = lt.team_id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms AND w.org_id = @org AND w.withdrawn_at IS NULL
  UNION
  SELECT l.id, l.site_key, w.id
  FROM scored l
  JOIN leader_teams lt ON lt.person_id = l.id
  JOIN people p ON p.team_id = lt.team_id AND p.org_id = @org
  JOIN win_people wp ON wp.person_id = p.id
  JOIN wins w ON w.id = wp.win_id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms AND w.org_id = @org AND w.withdrawn_at IS NULL
)
SELECT 'leader' AS level, person_id AS "personId", NULL::int AS "siteKey", COUNT(*)::int AS wins FROM credited GROUP BY person_id
UNION ALL
SELECT 'site', NULL, site_key, COUNT(DISTINCT win_id)::int FROM credited WHERE @totals GROUP BY site_key
UNION ALL
SELECT 'all', NULL, NULL, COUNT(DISTINCT win_id)::int FROM credited WHERE @totals`;

/** A follow-up row's three flags, 0 or 1, as of the local date `today`. */
const followUpFlags = (today: string) => `
         CASE WHEN due_date >= @from AND status = 'done' AND closed_on <= due_date THEN 1 ELSE 0 END AS on_time,
         CASE WHEN due_date >= @from AND NOT (status = 'open' AND due_date >= ${today}) THEN 1 ELSE 0 END AS due,
         CASE WHEN due_date < ${today} AND (status = 'open' OR closed_on > @to) THEN 1 ELSE 0 END AS overdue`;

const FOLLOW_UP_IN_PERIOD = `f.org_id = @org AND (f.due_date >= @from OR f.status = 'open' OR f.closed_on > @to)`;

/** Follow-ups owned or raised by the leader; in the 'site' and 'all' rows each follow-up once. */
export const FOLLOW_UPS_SQL = `
WITH ${SCOPE},
mine AS (
  SELECT l.id AS person_id, l.site_key, f.due_date, f.status, f.closed_on, l.today
  FROM scored l JOIN follow_ups f ON f.owner_id = l.id AND f.due_date <= @to
  WHERE ${FOLLOW_UP_IN_PERIOD}
  UNION ALL
  SELECT l.id, l.site_key, f.due_date, f.status, f.closed_on, l.today
  FROM scored l JOIN follow_ups f ON f.raised_by = l.id AND f.due_date <= @to
  WHERE ${FOLLOW_UP_IN_PERIOD} AND f.owner_id <> l.id
),
per_leader AS MATERIALIZED (
  SELECT person_id, site_key, SUM(on_time) AS on_time, SUM(due) AS due, SUM(overdue) AS overdue
  FROM (SELECT person_id, site_key, ${followUpFlags('today')} FROM mine) x GROUP BY person_id, site_key
),
-- Raised by one leader in scope and owned by another: in both rows, once in the totals (the pair's
-- flags at the earlier of their two todays, as on SQLite).
shared AS MATERIALIZED (
  SELECT raiser_site, owner_site, ${followUpFlags('today')} FROM (
    SELECT l.site_key AS raiser_site, o.site_key AS owner_site, f.due_date, f.status, f.closed_on, LEAST(l.today, o.today) AS today
    FROM scored l JOIN follow_ups f ON f.raised_by = l.id AND f.due_date <= @to
    JOIN scored o ON o.id = f.owner_id
    WHERE ${FOLLOW_UP_IN_PERIOD} AND f.owner_id <> l.id
  ) x
),
per_site AS (
  SELECT site_key, SUM(on_time) AS on_time, SUM(due) AS due, SUM(overdue) AS overdue FROM (
    SELECT site_key, on_time, due, overdue FROM per_leader
    UNION ALL
    SELECT raiser_site, -on_time, -due, -overdue FROM shared WHERE owner_site = raiser_site
  ) x GROUP BY site_key
)
SELECT 'leader' AS level, person_id AS "personId", NULL::int AS "siteKey",
       on_time::int AS "followUpsOnTime", due::int AS "followUpsDue", overdue::int AS "followUpsOverdue"
FROM per_leader
UNION ALL
SELECT 'site', NULL, site_key, on_time::int, due::int, overdue::int FROM per_site WHERE @totals
UNION ALL
SELECT 'all', NULL, NULL,
       (COALESCE((SELECT SUM(on_time) FROM per_leader), 0) - COALESCE((SELECT SUM(on_time) FROM shared), 0))::int,
       (COALESCE((SELECT SUM(due) FROM per_leader), 0) - COALESCE((SELECT SUM(due) FROM shared), 0))::int,
       (COALESCE((SELECT SUM(overdue) FROM per_leader), 0) - COALESCE((SELECT SUM(overdue) FROM shared), 0))::int
WHERE @totals`;

export const WINDOW_MS = 48 * 3_600_000;

/** Prompts sent in the period; answered within 48 h; open ones younger than 48 h are left out. */
export const PROMPTS_SQL = `
WITH ${SCOPE}
SELECT l.id AS "personId",
       COUNT(*) FILTER (WHERE pr.answered_at IS NOT NULL AND pr.answered_at - pr.sent_at <= ${WINDOW_MS})::int AS "promptsAnsweredInTime",
       COUNT(*) FILTER (WHERE NOT (pr.answered_at IS NULL AND pr.status = 'open' AND pr.sent_at > @now - ${WINDOW_MS}))::int AS "promptsCounted"
FROM scored l
JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
GROUP BY l.id`;
