// Response-time medians and floor-walk streaks. See scorecard-sql.ts for the shared CTEs.
import { joiningLeaders, owedCalendar, owedInWeek, SCOPE, weeksOf } from './scorecard-sql';

/**
 * Medians of (answered_at − sent_at) per leader, per site and overall, pooled over the answered
 * prompts sent in the period (not a mean of medians). SQLite has no median aggregate, so
 * `scorecard_medians` (scorecard-median.ts) collects the values in one pass, keyed by the leader's
 * rowid, and returns the three levels as JSON; `leaders` maps the rowids back to ids.
 */
export const MEDIANS_SQL = `
WITH ${SCOPE}
SELECT scorecard_medians(l.k, l.site_key, pr.answered_at - pr.sent_at) AS medians,
       (SELECT json_group_object(k, id) FROM scored) AS leaders
FROM scored l
CROSS JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
WHERE pr.answered_at IS NOT NULL`;

/**
 * Floor-walk weeks up to the period's end, for the streaks: per leader, one character per due week
 * in week order, '1' done and '0' missed (the repo reads the current and best runs of '1's from
 * it). History starts at the Monday of the leader's first walk (earlier weeks can only be misses,
 * which end no run that matters) or the day they joined. Weeks with no owed day are skipped, as is
 * a joining week they were never asked about (late_start); the unfinished current week is left out.
 * @histFrom (null: none) starts the history later: the rollups count the weeks before it.
 */
export const STREAKS_SQL = `
WITH RECURSIVE ${SCOPE},
hist AS MATERIALIZED (
  SELECT id, site_key, work_days, through, cur_week,
         max(joined_on, date(first_walk, '-' || (strftime('%u', first_walk) - 1) || ' days'), COALESCE(@histFrom, joined_on)) AS lo
  FROM (SELECT l.*, (SELECT w.walk_date FROM floor_walks w WHERE w.person_id = l.id AND w.withdrawn_at IS NULL ORDER BY w.week_key LIMIT 1) AS first_walk
        FROM scored l)
  WHERE first_walk IS NOT NULL
),
${owedCalendar('hist', '(SELECT MIN(lo) FROM hist)')},
${joiningLeaders('scored', '(SELECT MIN(lo) FROM hist)')}
SELECT h.id AS personId,
       (SELECT group_concat(EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = h.id AND w.week_key = sw.wk AND w.withdrawn_at IS NULL), '' ORDER BY sw.wk)
        FROM site_weeks sw
        WHERE ${weeksOf('h', 'sw')} AND sw.wk < h.cur_week AND ${owedInWeek('h', 'sw')} > 0
          AND NOT EXISTS (SELECT 1 FROM late_start ls WHERE ls.person_id = h.id AND ls.wk = sw.wk
                          AND NOT EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = h.id AND w.week_key = sw.wk))) AS weeks
FROM hist h`;
