// Statements the rollups add to the scorecard's (scorecard-queries.ts), over the same CTEs.
import { WINS_SQL } from '../scorecard-sql-facts';
import { joiningLeaders, SCOPE } from '../scorecard-sql';

/** WINS_SQL's branch for wins naming a person of a leader's team: per leader, every mention ever. */
const MENTIONS_BY_LEADER = `
  SELECT l.id, l.site_key, w.id
  FROM scored l
  CROSS JOIN leader_teams lt ON lt.person_id = l.id
  CROSS JOIN people p ON p.team_id = lt.team_id AND +p.org_id = @org
  CROSS JOIN win_people wp ON wp.person_id = p.id
  CROSS JOIN wins w ON w.id = wp.win_id AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms AND +w.org_id = @org AND w.withdrawn_at IS NULL
)`;

/** The same rows found from the other end: the wins posted in the period, then who they name. */
const MENTIONS_BY_WIN = `
  SELECT l.id, l.site_key, w.id
  FROM wins w
  CROSS JOIN win_people wp ON wp.win_id = w.id
  CROSS JOIN people p ON p.id = wp.person_id AND +p.org_id = @org
  CROSS JOIN leader_teams lt ON lt.team_id = p.team_id
  CROSS JOIN scored l ON l.id = lt.person_id
  WHERE w.org_id = @org AND w.posted_at >= (SELECT MIN(start_ms) FROM zb) AND w.posted_at < (SELECT MAX(end_ms) FROM zb)
    AND w.withdrawn_at IS NULL AND w.posted_at >= l.start_ms AND w.posted_at < l.end_ms
)`;

if (!WINS_SQL.includes(MENTIONS_BY_LEADER)) throw new Error('WINS_SQL changed: update WINS_NEAR_SQL (rollups/sql.ts)');

/**
 * WINS_SQL for a few days (a week counted into the rollups, the edge days around whole weeks, the
 * wins shared across a boundary): its mentions branch walks every win that ever named a team
 * member, which costs the whole history for a few days' figures; this one starts from the days'
 * wins. The same rows — the property test compares the rollups counted with it to WINS_SQL's.
 */
export const WINS_NEAR_SQL = WINS_SQL.replace(MENTIONS_BY_LEADER, MENTIONS_BY_WIN);

const COUNTS = "\nSELECT 'leader' AS level";
if (WINS_NEAR_SQL.split(COUNTS).length !== 2) throw new Error('WINS_SQL changed: update WINS_SHARED_SQL (rollups/sql.ts)');

/**
 * The wins counted on both sides of a boundary, per site and for the scope ('all'): the period is
 * the two sides together, @mids each zone's first instant of the boundary day ([{zone, ms}]). A
 * credited win falls before or after it in its leader's zone, and a site (or the scope) counts it
 * on both sides when its rows fall on both. The same numbers as wins(before) + wins(after) −
 * wins(both) from three WINS_NEAR_SQL runs, in one.
 */
export const WINS_SHARED_SQL = `${WINS_NEAR_SQL.split(COUNTS)[0]},
mids AS MATERIALIZED (SELECT value->>'zone' AS zone, value->>'ms' AS ms FROM json_each(@mids)),
sided AS MATERIALIZED (
  SELECT c.site_key, c.win_id, w.posted_at < m.ms AS before
  FROM credited c CROSS JOIN scored l ON l.id = c.person_id CROSS JOIN mids m ON m.zone = l.zone CROSS JOIN wins w ON w.id = c.win_id
)
SELECT 'site' AS level, site_key AS siteKey, COUNT(*) AS wins
FROM (SELECT site_key, win_id FROM sided GROUP BY site_key, win_id HAVING MIN(before) <> MAX(before)) GROUP BY site_key
UNION ALL
SELECT 'all', NULL, COUNT(*) FROM (SELECT win_id FROM sided GROUP BY win_id HAVING MIN(before) <> MAX(before))`;

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
