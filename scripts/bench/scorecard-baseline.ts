// The baseline of the scorecard benchmark: the same figures computed by hand-written SQL, run
// directly on one better-sqlite3 connection with nothing of Clause5 around it (no core, no repo,
// no workers). It is a separate, straightforward formulation: owed days listed per leader and day
// from a calendar, meetings joined per owed day, medians with window functions, streaks by gaps and
// islands over every week. The benchmark also checks that it agrees with the scorecard, figure for
// figure, so it doubles as an independent check at full scale.
import type Database from 'better-sqlite3';
import { ScorecardQueries, type Params } from '../../src/store/sqlite/scorecard-queries';

const LEADERS = `
zb AS MATERIALIZED (
  SELECT value->>'zone' AS zone, value->>'startMs' AS s, value->>'endMs' AS e, value->>'today' AS today,
         value->>'through' AS through, value->>'currentWeek' AS cw
  FROM json_each(@zones)
),
l AS MATERIALIZED (
  SELECT p.id, p.site_id, p.joined_on, replace(COALESCE(st.work_days, '1,2,3,4,5'), ' ', '') AS wdays, zb.*
  FROM people p LEFT JOIN sites st ON st.id = p.site_id
  JOIN zb ON zb.zone = COALESCE(p.time_zone, st.time_zone, @defaultZone)
  WHERE p.org_id = @org AND p.role = 'leader' AND (@site IS NULL OR p.site_id = @site) AND (@person IS NULL OR p.id = @person)
)`;

/** Owed (leader, day) pairs from `start` (an expression over l) to the leader's last counted day. */
const owed = (start: string) => `
owed AS MATERIALIZED (
  SELECT l.id, cal.d, strftime('%G-W%V', cal.d) AS wk, l.today, l.cw
  FROM l JOIN cal ON cal.d >= ${start} AND cal.d <= l.through
  WHERE instr(',' || l.wdays || ',', ',' || strftime('%u', cal.d) || ',') > 0
    AND NOT EXISTS (SELECT 1 FROM site_closures c WHERE c.site_id = COALESCE(l.site_id, 0) AND cal.d BETWEEN c.from_date AND c.to_date)
    AND NOT EXISTS (SELECT 1 FROM away_periods a WHERE a.person_id = l.id AND cal.d BETWEEN a.from_date AND a.to_date)
)`;

export const BASELINE_FACTS = `
WITH RECURSIVE ${LEADERS},
cal(d) AS (SELECT @from UNION ALL SELECT date(d, '+1 day') FROM cal WHERE d < @to),
${owed('max(l.joined_on, @from)')},
meet AS (
  SELECT o.id, SUM(mo.answer = 'yes') AS yes,
         SUM(mo.answer IN ('yes', 'no') OR (mo.answer IS NULL AND mo.local_date < o.today)) AS due
  FROM owed o CROSS JOIN meeting_occurrences mo ON mo.person_id = o.id AND mo.local_date = o.d GROUP BY o.id
),
wk AS (
  SELECT id, wk, cw, EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = owed.id AND w.week_key = owed.wk) AS done
  FROM owed GROUP BY id, wk
),
walk AS (SELECT id, SUM(done) AS done, SUM(done OR wk < cw) AS due FROM wk GROUP BY id),
won AS (
  SELECT id, COUNT(*) AS n FROM (
    SELECT l.id, w.id AS win FROM l CROSS JOIN wins w ON w.posted_by = l.id AND w.posted_at >= l.s AND w.posted_at < l.e AND +w.org_id = @org
    UNION
    SELECT l.id, w.id FROM l CROSS JOIN teams t ON t.leader_id = l.id AND +t.org_id = @org
    CROSS JOIN wins w ON w.team_id = t.id AND w.posted_at >= l.s AND w.posted_at < l.e AND +w.org_id = @org
  ) GROUP BY id
),
fu AS (
  SELECT id,
         SUM(due_date >= @from AND status = 'done' AND closed_on <= due_date) AS on_time,
         SUM(due_date >= @from AND NOT (status = 'open' AND due_date >= today)) AS due,
         SUM(due_date < today AND (status = 'open' OR closed_on > @to)) AS overdue
  FROM (
    SELECT l.id, l.today, f.* FROM l CROSS JOIN follow_ups f ON f.owner_id = l.id AND f.due_date <= @to AND +f.org_id = @org
    UNION ALL
    SELECT l.id, l.today, f.* FROM l CROSS JOIN follow_ups f ON f.raised_by = l.id AND f.owner_id <> l.id AND f.due_date <= @to AND +f.org_id = @org
  ) GROUP BY id
),
pr AS (
  SELECT l.id, SUM(p.answered_at - p.sent_at <= 172800000) AS in_time,
         SUM(NOT (p.answered_at IS NULL AND p.status = 'open' AND p.sent_at > @now - 172800000)) AS counted
  FROM l CROSS JOIN prompts p ON p.person_id = l.id AND p.sent_at >= l.s AND p.sent_at < l.e GROUP BY l.id
)
SELECT l.id AS personId, COALESCE(od.n, 0) AS owedDays,
       COALESCE(meet.yes, 0) AS meetingsYes, COALESCE(meet.due, 0) AS meetingsDue,
       COALESCE(walk.done, 0) AS walkWeeksDone, COALESCE(walk.due, 0) AS walkWeeksDue, COALESCE(won.n, 0) AS wins,
       COALESCE(fu.on_time, 0) AS followUpsOnTime, COALESCE(fu.due, 0) AS followUpsDue, COALESCE(fu.overdue, 0) AS followUpsOverdue,
       COALESCE(pr.in_time, 0) AS promptsAnsweredInTime, COALESCE(pr.counted, 0) AS promptsCounted
FROM l LEFT JOIN (SELECT id, COUNT(*) AS n FROM owed GROUP BY id) od ON od.id = l.id
LEFT JOIN meet ON meet.id = l.id LEFT JOIN walk ON walk.id = l.id LEFT JOIN won ON won.id = l.id
LEFT JOIN fu ON fu.id = l.id LEFT JOIN pr ON pr.id = l.id
ORDER BY l.id`;

export const BASELINE_MEDIANS = `
WITH ${LEADERS},
ms AS MATERIALIZED (
  SELECT l.id, l.site_id, p.answered_at - p.sent_at AS ms
  FROM l JOIN prompts p ON p.person_id = l.id AND p.sent_at >= l.s AND p.sent_at < l.e WHERE p.answered_at IS NOT NULL
),
ranked AS (
  SELECT 'leader' AS level, id AS k, ms, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ms) AS rn, COUNT(*) OVER (PARTITION BY id) AS n FROM ms
  UNION ALL
  SELECT 'site', site_id, ms, ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY ms), COUNT(*) OVER (PARTITION BY site_id) FROM ms
  UNION ALL
  SELECT 'org', NULL, ms, ROW_NUMBER() OVER (ORDER BY ms), COUNT(*) OVER () FROM ms
)
SELECT level, k, AVG(ms) AS median FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY level, k`;

export const BASELINE_STREAKS = `
WITH RECURSIVE ${LEADERS},
first AS (
  SELECT l.id, max(l.joined_on, date(MIN(w.walk_date), '-6 days', 'weekday 1')) AS start
  FROM l JOIN floor_walks w ON w.person_id = l.id GROUP BY l.id
),
cal(d) AS (SELECT (SELECT MIN(start) FROM first) UNION ALL SELECT date(d, '+1 day') FROM cal WHERE d < @to),
${owed('(SELECT start FROM first WHERE first.id = l.id)')},
weeks AS (
  SELECT id, wk, EXISTS (SELECT 1 FROM floor_walks w WHERE w.person_id = owed.id AND w.week_key = owed.wk) AS done
  FROM owed WHERE wk < cw GROUP BY id, wk
),
numbered AS (SELECT id, done, SUM(1 - done) OVER (PARTITION BY id ORDER BY wk) AS g FROM weeks),
runs AS (SELECT id, g, SUM(done) AS run FROM numbered GROUP BY id, g)
SELECT r.id AS personId, MAX(r.run) AS best,
       (SELECT r2.run FROM runs r2 WHERE r2.id = r.id ORDER BY r2.g DESC LIMIT 1) AS current
FROM runs r GROUP BY r.id ORDER BY r.id`;

export interface BaselineParams {
  org: string;
  site: number | null;
  person: string | null;
  defaultZone: string;
  zones: string;
  from: string;
  to: string;
  now: number;
}

export interface BaselineResult {
  facts: Array<Record<string, unknown>>;
  previousFacts: Array<Record<string, unknown>>;
  medians: Array<{ level: string; k: string | number | null; median: number }>;
  streaks: Array<{ personId: string; best: number; current: number }>;
}

/** Prepared once per connection; `run` executes the four statements one after the other. */
export function baselineRunner(db: Database.Database) {
  const facts = db.prepare(BASELINE_FACTS);
  const medians = db.prepare(BASELINE_MEDIANS);
  const streaks = db.prepare(BASELINE_STREAKS);
  const pick = (text: string, params: BaselineParams) => Object.fromEntries(Object.entries(params).filter(([key]) => text.includes(`@${key}`)));
  return (current: BaselineParams, previous: BaselineParams): BaselineResult => ({
    facts: facts.all(pick(BASELINE_FACTS, current)) as BaselineResult['facts'],
    previousFacts: facts.all(pick(BASELINE_FACTS, previous)) as BaselineResult['previousFacts'],
    medians: medians.all(pick(BASELINE_MEDIANS, current)) as BaselineResult['medians'],
    streaks: streaks.all(pick(BASELINE_STREAKS, current)) as BaselineResult['streaks'],
  });
}

/**
 * The fastest plain SQL we have: the scorecard's own statements (src/store/sqlite/scorecard-sql*),
 * prepared once and run one after the other on one connection, with nothing of Clause5 around them
 * (no core, no repo assembly, no workers). This is the baseline the "≤ 1.5× hand-written SQL" target
 * is judged against; the straightforward formulation above stays as the independent check of the
 * figures (scorecard-check.ts) and as context.
 */
export function fastestSqlRunner(db: Database.Database) {
  const queries = new ScorecardQueries(db);
  // As the repo does: the previous period's statements skip the site and organisation totals.
  const params = (p: BaselineParams, totals = true): Params => ({ ...p, totals: totals ? 1 : 0, histFrom: null });
  return (current: BaselineParams, previous: BaselineParams) => {
    const scope = { org: current.org, site: current.site, person: current.person };
    const out: Record<string, unknown[]> = { leaders: queries.run('leaders', { ...scope, defaultZone: current.defaultZone }) };
    for (const [label, p] of [
      ['current', current],
      ['previous', previous],
    ] as const) {
      for (const name of ['calendar', 'wins', 'followUps', 'prompts'] as const) out[`${label} ${name}`] = queries.run(name, params(p, label === 'current'));
    }
    out.medians = queries.run('medians', params(current));
    out.streaks = queries.run('streaks', params(current));
    out.unreachable = queries.run('unreachable', { ...scope, limit: 50 });
    return out;
  };
}
