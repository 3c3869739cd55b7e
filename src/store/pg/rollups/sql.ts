// The weekly rollups' own statements on PostgreSQL (the raw statements they count weeks with are
// the scorecard's: ../scorecard-sql*.ts). Rows of scorecard_rollups by level: 'week' (key '') says
// a week is counted, with which default zone, and whether a write has touched it since (stale);
// 'leader' (key: person id) a leader's counts of the week, the custom prompts' lines (JSON) and the
// response times (float8 array as bytes); 'site' (key: site id, '0' none) and 'org' (key '') the
// items counted once, and the wins also counted in the week before (wins_shared).
import { SCOPE } from '../scorecard-sql';

/** Serialises every write to the rollups (the fold and the counting of a week), across instances. */
export const ROLLUP_LOCK = '2031775501'; // pg_advisory_xact_lock key: "clause5 rollups"

/**
 * The triggers' marks become stale flags on the counted weeks they name, and go: one statement,
 * run under ROLLUP_LOCK (refresh.ts says why).
 */
export const FOLD_SQL = `
WITH taken AS (DELETE FROM scorecard_rollup_marks RETURNING org_id, lo, hi)
UPDATE scorecard_rollups r SET stale = 1
FROM taken t
WHERE r.org_id = t.org_id AND r.level = 'week' AND r.key = '' AND r.week BETWEEN t.lo AND t.hi AND r.stale = 0`;

export const ANY_MARK_SQL = 'SELECT EXISTS (SELECT 1 FROM scorecard_rollup_marks) AS "any"';

/** The weeks of [$2, $3] counted with default zone $4 and not stale since. */
export const FRESH_WEEKS_SQL = `
SELECT week FROM scorecard_rollups
WHERE org_id = $1 AND level = 'week' AND key = '' AND week BETWEEN $2 AND $3 AND stale = 0 AND zone = $4`;

export const CLEAR_WEEK_SQL = 'DELETE FROM scorecard_rollups WHERE org_id = $1 AND week = $2';

const INT_COLUMNS = [
  'owed_days',
  'meetings_yes',
  'meetings_due',
  'walk_done',
  'walk_due',
  'wins',
  'wins_shared',
  'follow_ups_on_time',
  'follow_ups_due',
  'follow_ups_overdue',
  'prompts_in_time',
  'prompts_counted',
  'stale',
] as const;
export type IntColumn = (typeof INT_COLUMNS)[number];

/** A week's rows at once: $1 org, $2 Monday, $3 the rows as JSON (responses as hex). */
export const INSERT_WEEK_SQL = `
INSERT INTO scorecard_rollups (org_id, level, key, week, zone, custom, responses, ${INT_COLUMNS.join(', ')})
SELECT $1, r.level, r.key, $2, r.zone, r.custom, decode(r.responses, 'hex'), ${INT_COLUMNS.map((c) => `COALESCE(r.${c}, 0)`).join(', ')}
FROM jsonb_to_recordset($3::jsonb) AS r(level text, key text, zone text, custom text, responses text, ${INT_COLUMNS.map((c) => `${c} int`).join(', ')})`;

/** Per leader, the counts of the weeks [$2, $3] summed (follow-ups overdue: week $3's snapshot). */
export const LEADER_SUMS_SQL = `
SELECT key AS "personId", SUM(owed_days)::int AS "owedDays", SUM(meetings_yes)::int AS "meetingsYes", SUM(meetings_due)::int AS "meetingsDue",
       SUM(walk_done)::int AS "walkWeeksDone", SUM(walk_due)::int AS "walkWeeksDue", SUM(wins)::int AS wins,
       SUM(follow_ups_on_time)::int AS "followUpsOnTime", SUM(follow_ups_due)::int AS "followUpsDue",
       COALESCE(SUM(follow_ups_overdue) FILTER (WHERE week = $3), 0)::int AS "followUpsOverdue",
       SUM(prompts_in_time)::int AS "promptsAnsweredInTime", SUM(prompts_counted)::int AS "promptsCounted"
FROM scorecard_rollups
WHERE org_id = $1 AND level = 'leader' AND week BETWEEN $2 AND $3
GROUP BY key`;

/**
 * Per site and for the organisation, the items of the weeks [$2, $3] counted once: each week's
 * wins less those it shares with the week before (but for the first week's), follow-ups overdue
 * week $3's snapshot.
 */
export const GROUP_SUMS_SQL = `
SELECT level, key, (SUM(wins) - COALESCE(SUM(wins_shared) FILTER (WHERE week > $2), 0))::int AS wins,
       SUM(follow_ups_on_time)::int AS "followUpsOnTime", SUM(follow_ups_due)::int AS "followUpsDue",
       COALESCE(SUM(follow_ups_overdue) FILTER (WHERE week = $3), 0)::int AS "followUpsOverdue"
FROM scorecard_rollups
WHERE org_id = $1 AND level IN ('site', 'org') AND week BETWEEN $2 AND $3
GROUP BY level, key`;

/** The leaders' stored custom lines and response times of the weeks [$2, $3]. */
export const LEADER_DETAIL_SQL = `
SELECT key AS "personId", custom, encode(responses, 'hex') AS responses
FROM scorecard_rollups
WHERE org_id = $1 AND level = 'leader' AND week BETWEEN $2 AND $3 AND (custom IS NOT NULL OR responses IS NOT NULL)`;

/** The response times behind the medians, one row per answered prompt sent in the period. */
export const RESPONSES_SQL = `
WITH ${SCOPE}
SELECT l.id AS "personId", (pr.answered_at - pr.sent_at)::float8 AS ms
FROM scored l
JOIN prompts pr ON pr.person_id = l.id AND pr.sent_at >= l.start_ms AND pr.sent_at < l.end_ms
WHERE pr.answered_at IS NOT NULL`;
