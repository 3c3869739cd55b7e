// Response-time medians and floor-walk streaks on PostgreSQL. The same figures as
// src/store/sqlite/scorecard-sql-history.ts; see scorecard-sql.ts here for the translation.
import { dateText, joiningLeaders, leaderWeeks, owedCalendar, SCOPE } from './scorecard-sql';

/**
 * Medians of (answered_at − sent_at) per leader, per site and overall, pooled over the answered
 * prompts sent in the period. percentile_cont(0.5) takes the mean of the two middle values of an
 * even count, as SQLite's scorecard_medians does. The grouping sets give one row per leader, per
 * site and one for all ('all' has a null median when nothing was answered).
 */
export const MEDIANS_SQL = `
WITH ${SCOPE}
SELECT CASE WHEN GROUPING(l.site_key) = 1 THEN 'all' WHEN GROUPING(l.id) = 1 THEN 'site' ELSE 'leader' END AS level,
       l.id AS "personId", l.site_key AS "siteKey",
       percentile_cont(0.5) WITHIN GROUP (ORDER BY (pr.answered_at - pr.sent_at)::float8) AS "medianMs"
FROM scored l
JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
WHERE pr.answered_at IS NOT NULL
GROUP BY GROUPING SETS ((l.site_key, l.id), (l.site_key), ())`;

/**
 * Floor-walk weeks up to the period's end, for the streaks: per leader, one character per due week
 * in week order, '1' done and '0' missed (the repo reads the runs from it, as on SQLite).
 */
export const STREAKS_SQL = `
WITH ${SCOPE},
hist AS MATERIALIZED (
  SELECT id, site_key, work_days, through, cur_week,
         GREATEST(joined_on, ${dateText('first_walk::date - (extract(isodow FROM first_walk::date)::int - 1)')}) AS lo
  FROM (SELECT l.*, (SELECT w.walk_date FROM floor_walks w WHERE w.person_id = l.id AND w.withdrawn_at IS NULL ORDER BY w.week_key LIMIT 1) AS first_walk
        FROM scored l) x
  WHERE first_walk IS NOT NULL
),
${owedCalendar('hist', '(SELECT MIN(lo) FROM hist)')},
${joiningLeaders('scored', '(SELECT MIN(lo) FROM hist)')},
${leaderWeeks('hist')}
SELECT lw.person_id AS "personId",
       string_agg(CASE WHEN EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = lw.person_id AND w.week_key = lw.wk AND w.withdrawn_at IS NULL)
                  THEN '1' ELSE '0' END, '' ORDER BY lw.wk) AS weeks
FROM leader_weeks lw
WHERE lw.wk < lw.cur_week AND lw.owed > 0
  AND NOT EXISTS (SELECT 1 FROM late_start ls WHERE ls.person_id = lw.person_id AND ls.wk = lw.wk
                  AND NOT EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = lw.person_id AND w.week_key = lw.wk))
GROUP BY lw.person_id`;

/**
 * Custom prompts' questions per leader and prompt, asked in the period in the leader's zone: due
 * when missed or answered (except "not applicable", outcome 'excused'); done when the answer's
 * outcome is 'done'. Open questions are not due yet.
 */
export const CUSTOM_SQL = `
WITH ${SCOPE}
SELECT x."personId", x."promptId", COUNT(*) FILTER (WHERE x.done)::int AS done, COUNT(*)::int AS due
FROM (
  SELECT l.id AS "personId", substring(p.subject FROM '^custom:([0-9]+):')::int AS "promptId",
         p.status = 'answered' AND a.outcome = 'done' AS done
  FROM scored l
  JOIN prompts p ON p.person_id = l.id AND p.kind = 'custom' AND p.sent_at >= l.start_ms AND p.sent_at < l.end_ms AND p.org_id = @org
  LEFT JOIN custom_answers a ON a.prompt_id = p.id
  WHERE p.status = 'missed' OR (p.status = 'answered' AND a.outcome IS DISTINCT FROM 'excused')
) x
WHERE x."promptId" IS NOT NULL
GROUP BY x."personId", x."promptId"`;
