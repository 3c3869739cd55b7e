// Per-leader counts for one period: owed days, meetings, floor-walk weeks, wins, follow-ups and
// prompts. See scorecard-sql.ts for the shared CTEs and the reasoning behind their shape.
import { joiningLeaders, owedCalendar, owedInWeek, SCOPE, weeksOf } from './scorecard-sql';

/** An occurrence counts as due when answered yes/no, or unanswered once its day is over. */
const MEETING_DUE = `mo.answer IN ('yes', 'no') OR (mo.answer IS NULL AND mo.local_date < l.today)`;

/**
 * Owed days, meeting updates and floor-walk weeks. Days after today are not owed yet; an
 * unanswered occurrence counts as "no" once its day is over; the unfinished current week is due
 * only once a walk is logged in it (it cannot have been missed yet); nor is the joining week of
 * a leader who started after that week's walk prompt and was never asked (joiningLeaders).
 *
 * Meetings: every occurrence from the leader's first counted day to the last (one covering-index
 * range), less those in runs of days the site is closed (weekends, shutdowns: one range each) and
 * on days the leader is away.
 */
export const CALENDAR_FACTS_SQL = `
WITH RECURSIVE ${SCOPE},
${owedCalendar('scored', '@from')},
${joiningLeaders('scored', "date(@from, '-6 days')")},
leader_weeks AS MATERIALIZED (
  SELECT l.id AS person_id, sw.wk, l.cur_week, ${owedInWeek('l', 'sw')} AS owed
  FROM scored l CROSS JOIN site_weeks sw ON ${weeksOf('l', 'sw')}
),
walk_weeks AS MATERIALIZED (
  SELECT person_id, wk, cur_week, owed,
         EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = lw.person_id AND w.week_key = lw.wk AND w.withdrawn_at IS NULL) AS done,
         EXISTS (SELECT 1 FROM late_start ls WHERE ls.person_id = lw.person_id AND ls.wk = lw.wk) AS late
  FROM leader_weeks lw WHERE owed > 0
),
walks AS (
  SELECT person_id, SUM(owed) AS owed, SUM(CASE WHEN done OR (wk < cur_week AND NOT late) THEN 1 ELSE 0 END) AS due, SUM(done) AS done
  FROM walk_weeks GROUP BY person_id
),
in_range AS (
  SELECT l.id AS person_id,
         SUM(CASE WHEN mo.answer = 'yes' THEN 1 ELSE 0 END) AS yes,
         SUM(CASE WHEN ${MEETING_DUE} THEN 1 ELSE 0 END) AS due
  FROM scored l
  CROSS JOIN meeting_occurrences mo ON mo.person_id = l.id AND mo.local_date >= l.lo AND mo.local_date <= l.through
  GROUP BY l.id
),
closed_runs AS MATERIALIZED (
  SELECT site_key, MIN(d) AS first_d, MAX(d) AS last_d
  FROM (SELECT site_key, d, n - ROW_NUMBER() OVER (PARTITION BY site_key ORDER BY n) AS run FROM site_open WHERE NOT open)
  GROUP BY site_key, run
),
excused AS (
  SELECT person_id, SUM(yes) AS yes, SUM(due) AS due FROM (
    SELECT l.id AS person_id, mo.answer = 'yes' AS yes, ${MEETING_DUE} AS due
    FROM scored l
    CROSS JOIN closed_runs r ON r.site_key = l.site_key AND r.last_d >= l.lo AND r.first_d <= l.through
    CROSS JOIN meeting_occurrences mo
      ON mo.person_id = l.id AND mo.local_date >= max(r.first_d, l.lo) AND mo.local_date <= min(r.last_d, l.through)
    UNION ALL
    SELECT l.id, mo.answer = 'yes', ${MEETING_DUE}
    FROM (SELECT DISTINCT person_id, d FROM away_open) ao
    CROSS JOIN scored l ON l.id = ao.person_id
    CROSS JOIN meeting_occurrences mo ON mo.person_id = ao.person_id AND mo.local_date = ao.d
    UNION ALL
    -- Checks on the joining day from before they became a leader (an owed day: not counted above).
    SELECT l.id, mo.answer = 'yes', ${MEETING_DUE}
    FROM joining j
    CROSS JOIN scored l ON l.id = j.id
    CROSS JOIN meeting_occurrences mo ON mo.person_id = j.id AND mo.local_date = j.joined_on
    WHERE j.owed AND j.joined_on >= l.lo AND j.joined_on <= l.through AND mo.starts_at < j.since_ms
  ) GROUP BY person_id
)
SELECT l.id AS personId,
       COALESCE(w.owed, 0) AS owedDays,
       COALESCE(m.yes, 0) - COALESCE(x.yes, 0) AS meetingsYes,
       COALESCE(m.due, 0) - COALESCE(x.due, 0) AS meetingsDue,
       COALESCE(w.done, 0) AS walkWeeksDone, COALESCE(w.due, 0) AS walkWeeksDue
FROM scored l
LEFT JOIN in_range m ON m.person_id = l.id
LEFT JOIN excused x ON x.person_id = l.id
LEFT JOIN walks w ON w.person_id = l.id`;

/**
 * Wins in the period posted by the leader or naming the leader's team (each win once); rows at
 * three levels (see DistinctRow in scorecard.ts): per leader, and each win once per site and
 * for all leaders in scope however many of their leaders it credits. The leader's
 * teams are the teams they lead and the team they belong to; a win names a team through its team or
 * through a person of that team it mentions (the leader too, when they belong to it; a leader named
 * outside any team of theirs is thanked, not credited).
 */
export const WINS_SQL = `
WITH ${SCOPE},
leader_teams AS (
  SELECT l.id AS person_id, t.id AS team_id FROM scored l CROSS JOIN teams t ON t.leader_id = l.id AND +t.org_id = @org
  UNION
  SELECT l.id, p.team_id FROM scored l JOIN people p ON p.id = l.id WHERE p.team_id IS NOT NULL
),
credited AS MATERIALIZED (
  SELECT l.id AS person_id, l.site_key, w.id AS win_id
  FROM scored l CROSS JOIN wins w ON w.posted_by = l.id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms
  WHERE +w.org_id = @org AND w.withdrawn_at IS NULL
  UNION
  SELECT l.id, l.site_key, w.id
  FROM scored l
  CROSS JOIN leader_teams lt ON lt.person_id = l.id
  CROSS JOIN wins w ON w.team_id = lt.team_id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms AND +w.org_id = @org AND w.withdrawn_at IS NULL
  UNION
  SELECT l.id, l.site_key, w.id
  FROM scored l
  CROSS JOIN leader_teams lt ON lt.person_id = l.id
  CROSS JOIN people p ON p.team_id = lt.team_id AND +p.org_id = @org
  CROSS JOIN win_people wp ON wp.person_id = p.id
  CROSS JOIN wins w ON w.id = wp.win_id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms AND +w.org_id = @org AND w.withdrawn_at IS NULL
)
SELECT 'leader' AS level, person_id AS personId, NULL AS siteKey, COUNT(*) AS wins FROM credited GROUP BY person_id
UNION ALL
SELECT 'site', NULL, site_key, COUNT(DISTINCT win_id) FROM credited WHERE @totals GROUP BY site_key
UNION ALL
SELECT 'all', NULL, NULL, COUNT(DISTINCT win_id) FROM credited WHERE @totals`;

/** A follow-up row's three flags, 0 or 1, as of the local date `today`. */
const followUpFlags = (today: string) => `
         CASE WHEN due_date >= @from AND status = 'done' AND closed_on <= due_date THEN 1 ELSE 0 END AS on_time,
         CASE WHEN due_date >= @from AND NOT (status = 'open' AND due_date >= ${today}) THEN 1 ELSE 0 END AS due,
         CASE WHEN due_date < ${today} AND (status = 'open' OR closed_on > @to) THEN 1 ELSE 0 END AS overdue`;

const FOLLOW_UP_IN_PERIOD = `+f.org_id = @org AND (f.due_date >= @from OR f.status = 'open' OR f.closed_on > @to)`;

/**
 * The end of a follow-ups statement: from its per_leader and shared CTEs, each leader's counts, each
 * site's and the scope's distinct ones (a follow-up raised by one leader and owned by another once).
 */
export const FOLLOW_UPS_BY_LEVEL = `per_site AS (
  SELECT site_key, SUM(on_time) AS on_time, SUM(due) AS due, SUM(overdue) AS overdue FROM (
    SELECT site_key, on_time, due, overdue FROM per_leader
    UNION ALL
    SELECT raiser_site, -on_time, -due, -overdue FROM shared WHERE owner_site = raiser_site
  ) GROUP BY site_key
)
SELECT 'leader' AS level, person_id AS personId, NULL AS siteKey,
       on_time AS followUpsOnTime, due AS followUpsDue, overdue AS followUpsOverdue
FROM per_leader
UNION ALL
SELECT 'site', NULL, site_key, on_time, due, overdue FROM per_site WHERE @totals
UNION ALL
SELECT 'all', NULL, NULL,
       COALESCE((SELECT SUM(on_time) FROM per_leader), 0) - COALESCE((SELECT SUM(on_time) FROM shared), 0),
       COALESCE((SELECT SUM(due) FROM per_leader), 0) - COALESCE((SELECT SUM(due) FROM shared), 0),
       COALESCE((SELECT SUM(overdue) FROM per_leader), 0) - COALESCE((SELECT SUM(overdue) FROM shared), 0)
WHERE @totals`;

/**
 * Follow-ups owned or raised by the leader (each once: the raised-by branch skips their own); in
 * the 'site' and 'all' rows each follow-up once, however many of their leaders it concerns.
 * - due: due in the period, except an open one whose due date has not passed yet (it can still be
 *   closed on time, so it is not counted until it is closed or its due date is over);
 * - on time: due in the period and closed on or before the due date;
 * - overdue: past due and still open at the end of the period (or now, for a running period),
 *   whenever it was due.
 */

export const FOLLOW_UPS_SQL = `
WITH ${SCOPE},
mine AS (
  SELECT l.id AS person_id, l.site_key, f.due_date, f.status, f.closed_on, l.today
  FROM scored l CROSS JOIN follow_ups f ON f.owner_id = l.id AND f.due_date <= @to
  WHERE ${FOLLOW_UP_IN_PERIOD}
  UNION ALL
  SELECT l.id, l.site_key, f.due_date, f.status, f.closed_on, l.today
  FROM scored l CROSS JOIN follow_ups f ON f.raised_by = l.id AND f.due_date <= @to
  WHERE ${FOLLOW_UP_IN_PERIOD} AND f.owner_id <> l.id
),
per_leader AS MATERIALIZED (
  SELECT person_id, site_key, SUM(on_time) AS on_time, SUM(due) AS due, SUM(overdue) AS overdue
  FROM (SELECT person_id, site_key, ${followUpFlags('today')} FROM mine) GROUP BY person_id
),
-- A follow-up raised by one leader in scope and owned by another is in both their rows: the totals
-- take it off once. Each flag only grows with "today", so the pair's smaller flag is the flag at the
-- earlier of their two todays (they differ only across time zones).
shared AS MATERIALIZED (
  SELECT raiser_site, owner_site, ${followUpFlags('today')} FROM (
    SELECT l.site_key AS raiser_site, o.site_key AS owner_site, f.due_date, f.status, f.closed_on, min(l.today, o.today) AS today
    FROM scored l CROSS JOIN follow_ups f ON f.raised_by = l.id AND f.due_date <= @to
    CROSS JOIN scored o ON o.id = f.owner_id
    WHERE ${FOLLOW_UP_IN_PERIOD} AND f.owner_id <> l.id
  )
),
${FOLLOW_UPS_BY_LEVEL}`;

export const WINDOW_MS = 48 * 3_600_000;

/** Prompts sent in the period; answered within 48 h; open ones younger than 48 h are left out. */
export const PROMPTS_SQL = `
WITH ${SCOPE}
SELECT l.id AS personId,
       SUM(CASE WHEN pr.answered_at IS NOT NULL AND pr.answered_at - pr.sent_at <= ${WINDOW_MS} THEN 1 ELSE 0 END)
         AS promptsAnsweredInTime,
       SUM(CASE WHEN pr.answered_at IS NULL AND pr.status = 'open' AND pr.sent_at > @now - ${WINDOW_MS} THEN 0 ELSE 1 END)
         AS promptsCounted
FROM scored l
CROSS JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
GROUP BY l.id`;
