// Statements the rollups add to the scorecard's (scorecard-queries.ts), over the same CTEs.
import { joiningLeaders, SCOPE } from '../scorecard-sql';

/**
 * The response times behind the medians, one row per answered prompt sent in the period (the
 * values MEDIANS_SQL pools): a week's go into its rollup rows, the edge days' are pooled with them.
 */
export const RESPONSES_SQL = `
WITH ${SCOPE}
SELECT l.id AS personId, pr.answered_at - pr.sent_at AS ms
FROM scored l
CROSS JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
WHERE pr.answered_at IS NOT NULL`;

/**
 * For a one-week period (@from a Monday): the leaders whose joining week it is and who started after
 * its walk prompt (late_start), and whether they logged any walk in it, withdrawn or not. The
 * streak leaves such a week out unless a walk was logged (STREAKS_SQL).
 */
export const LATE_WEEK_SQL = `
WITH ${SCOPE},
${joiningLeaders('scored', "date(@from, '-6 days')")}
SELECT ls.person_id AS personId,
       EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = ls.person_id AND w.week_key = ls.wk) AS walked
FROM late_start ls WHERE ls.wk = strftime('%G-W%V', @from)`;
