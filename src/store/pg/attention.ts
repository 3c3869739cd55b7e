// The digest's "needs attention" queries (src/core/scorecard/attention-repo.ts) in PostgreSQL's SQL:
// counts cast to int, a boolean for active, the run's condition repeated in HAVING (PostgreSQL does
// not see output aliases there), and person ids ordered byte-wise as SQLite orders them.
import type { AttentionRepo, OverdueFollowUps, UnansweredRun, UnconfirmedMeeting } from '../../core/scorecard/attention-repo';
import type { LocalDate } from '../../core/time';
import type { OpenPgDatabase, Query } from './db';

const OVERDUE_SQL = `
SELECT person_id AS "personId", COUNT(DISTINCT id)::int AS count, MIN(due_date) AS "oldestDue"
FROM (
  SELECT id, owner_id AS person_id, due_date FROM follow_ups WHERE org_id = $1 AND status = 'open' AND due_date < $2
  UNION ALL
  SELECT id, raised_by AS person_id, due_date FROM follow_ups WHERE org_id = $1 AND status = 'open' AND due_date < $2
) overdue
GROUP BY person_id ORDER BY person_id COLLATE "C"`;

// Newest first per person; the run is the number of unanswered prompts before the first answered one.
// $1 org, $2 since, $3 now, $4 settle, $5 minimum run.
const UNANSWERED_SQL = `
WITH settled AS (
  SELECT person_id, answered_at, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY sent_at DESC, id DESC) AS rn
  FROM prompts
  WHERE org_id = $1 AND sent_at >= $2::bigint AND sent_at <= $3::bigint
    AND NOT (answered_at IS NULL AND status = 'open' AND sent_at > $3::bigint - $4::bigint)
), runs AS (
  SELECT person_id, COALESCE(MIN(CASE WHEN answered_at IS NOT NULL THEN rn END) - 1, COUNT(*))::int AS run
  FROM settled GROUP BY person_id
)
SELECT person_id AS "personId", run FROM runs WHERE run >= $5::int ORDER BY person_id COLLATE "C"`;

const UNCONFIRMED_SQL = `
SELECT m.person_id AS "personId", m.id AS "meetingId", m.title, COUNT(*)::int AS checks, MIN(o.local_date) AS "firstDate"
FROM meetings m JOIN meeting_occurrences o ON o.meeting_id = m.id AND o.local_date <= $2
WHERE m.org_id = $1 AND m.active
GROUP BY m.id HAVING COUNT(o.answer) = 0 AND COUNT(*) >= $3::int
ORDER BY m.person_id COLLATE "C", m.id`;

export class PgAttentionRepo implements AttentionRepo {
  private readonly query: Query;

  constructor(database: OpenPgDatabase) {
    this.query = database.query;
  }

  async overdueFollowUps(orgId: string, dueBefore: LocalDate): Promise<OverdueFollowUps[]> {
    return this.query<OverdueFollowUps & Record<string, unknown>>(OVERDUE_SQL, [orgId, dueBefore]);
  }

  async unansweredRuns(orgId: string, options: { sinceMs: number; nowMs: number; settleMs: number; minRun: number }): Promise<UnansweredRun[]> {
    const { sinceMs, nowMs, settleMs, minRun } = options;
    return this.query<UnansweredRun & Record<string, unknown>>(UNANSWERED_SQL, [orgId, sinceMs, nowMs, settleMs, minRun]);
  }

  async unconfirmedMeetings(orgId: string, through: LocalDate, minChecks: number): Promise<UnconfirmedMeeting[]> {
    return this.query<UnconfirmedMeeting & Record<string, unknown>>(UNCONFIRMED_SQL, [orgId, through, minChecks]);
  }
}
