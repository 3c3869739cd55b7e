// The digest's "needs attention" queries (src/core/scorecard/attention-repo.ts), straight SQL.
import type Database from 'better-sqlite3';
import type { AttentionRepo, OverdueFollowUps, UnansweredRun, UnconfirmedMeeting } from '../../core/scorecard/attention-repo';
import type { LocalDate } from '../../core/time';

const OVERDUE_SQL = `
SELECT person_id AS personId, COUNT(DISTINCT id) AS count, MIN(due_date) AS oldestDue
FROM (
  SELECT id, owner_id AS person_id, due_date FROM follow_ups WHERE org_id = @orgId AND status = 'open' AND due_date < @dueBefore
  UNION ALL
  SELECT id, raised_by AS person_id, due_date FROM follow_ups WHERE org_id = @orgId AND status = 'open' AND due_date < @dueBefore
)
GROUP BY person_id ORDER BY person_id`;

// Newest first per person; the run is the number of unanswered prompts before the first answered one.
const UNANSWERED_SQL = `
WITH settled AS (
  SELECT person_id, answered_at, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY sent_at DESC, id DESC) AS rn
  FROM prompts
  WHERE org_id = @orgId AND sent_at >= @sinceMs AND sent_at <= @nowMs
    AND NOT (answered_at IS NULL AND status = 'open' AND sent_at > @nowMs - @settleMs)
)
SELECT person_id AS personId, COALESCE(MIN(CASE WHEN answered_at IS NOT NULL THEN rn END) - 1, COUNT(*)) AS run
FROM settled GROUP BY person_id HAVING run >= @minRun ORDER BY person_id`;

const UNCONFIRMED_SQL = `
SELECT m.person_id AS personId, m.id AS meetingId, m.title, COUNT(*) AS checks, MIN(o.local_date) AS firstDate
FROM meetings m JOIN meeting_occurrences o ON o.meeting_id = m.id AND o.local_date <= @through
WHERE m.org_id = @orgId AND m.active = 1
GROUP BY m.id HAVING COUNT(o.answer) = 0 AND COUNT(*) >= @minChecks
ORDER BY m.person_id, m.id`;

export class SqliteAttentionRepo implements AttentionRepo {
  constructor(private readonly sqlite: Database.Database) {}

  async overdueFollowUps(orgId: string, dueBefore: LocalDate): Promise<OverdueFollowUps[]> {
    return this.sqlite.prepare(OVERDUE_SQL).all({ orgId, dueBefore }) as OverdueFollowUps[];
  }

  async unansweredRuns(orgId: string, options: { sinceMs: number; nowMs: number; settleMs: number; minRun: number }): Promise<UnansweredRun[]> {
    return this.sqlite.prepare(UNANSWERED_SQL).all({ orgId, ...options }) as UnansweredRun[];
  }

  async unconfirmedMeetings(orgId: string, through: LocalDate, minChecks: number): Promise<UnconfirmedMeeting[]> {
    return this.sqlite.prepare(UNCONFIRMED_SQL).all({ orgId, through, minChecks }) as UnconfirmedMeeting[];
  }
}
