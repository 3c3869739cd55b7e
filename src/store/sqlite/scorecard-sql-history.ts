// Response-time medians and floor-walk streaks. See scorecard-sql.ts for the shared CTEs.
import { owedCalendar, SCOPE } from './scorecard-sql';

/**
 * Medians of (answered_at − sent_at) per leader, per site and overall, pooled over the answered
 * prompts sent in the period (not a mean of medians). SQLite has no median aggregate, so
 * `scorecard_medians` (scorecard-median.ts) collects the values in one pass and returns the three
 * levels as one JSON row; each level sorts once.
 */
export const MEDIANS_SQL = `
WITH ${SCOPE}
SELECT scorecard_medians(l.id, l.site_id, pr.answered_at - pr.sent_at) AS medians
FROM scored l
CROSS JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
WHERE pr.answered_at IS NOT NULL`;

/**
 * Floor-walk weeks up to the period's end, for the streaks: per leader, one character per due week
 * in week order, '1' done and '0' missed (the repo reads the current and best runs of '1's from
 * it). History starts at the Monday of the leader's first walk (earlier weeks can only be misses,
 * which end no run that matters) or the day they joined. Weeks with no owed day are skipped; the
 * unfinished current week is left out.
 */
export const STREAKS_SQL = `
WITH RECURSIVE ${SCOPE},
hist AS MATERIALIZED (
  SELECT id, site_key, work_days, through, cur_week,
         max(joined_on, date(first_walk, '-' || (strftime('%u', first_walk) - 1) || ' days')) AS lo
  FROM (SELECT l.*, (SELECT w.walk_date FROM floor_walks w WHERE w.person_id = l.id ORDER BY w.week_key LIMIT 1) AS first_walk
        FROM scored l)
  WHERE first_walk IS NOT NULL
),
${owedCalendar('hist', '(SELECT MIN(lo) FROM hist)')}
SELECT person_id AS personId,
       group_concat(EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = lw.person_id AND w.week_key = lw.wk), '' ORDER BY wk) AS weeks
FROM leader_weeks lw WHERE owed > 0 AND wk < cur_week
GROUP BY person_id`;
