// The evidence pack's read-only queries (src/core/evidence/repo.ts), straight SQL over the record.
import type Database from 'better-sqlite3';
import type {
  ChainHead,
  CorrectionRecord,
  CustomAnswerRecord,
  EvidenceRepo,
  EvidenceScope,
  FollowUpRecord,
  MeetingUpdateRecord,
  WalkRecord,
  WinRecord,
} from '../../core/evidence/repo';
import { GENESIS } from '../shared/audit-hash';
import { type CorrectionRow, EVIDENCE_LIMIT, toCorrectionRecords, toWinRecords, withTags } from '../shared/evidence';

const LIMIT = EVIDENCE_LIMIT;
const inSite = (alias: string) => `(@siteId IS NULL OR ${alias}.site_id = @siteId)`;
const params = (s: EvidenceScope) => ({ orgId: s.orgId, siteId: s.siteId ?? null, from: s.from, to: s.to, startMs: s.startMs, endMs: s.endMs });

export class SqliteEvidenceRepo implements EvidenceRepo {
  constructor(private readonly sqlite: Database.Database) {}

  async walks(scope: EvidenceScope): Promise<WalkRecord[]> {
    const rows = this.sqlite
      .prepare(
        `SELECT w.id, w.person_id AS personId, p.display_name AS personName, w.area, w.walk_date AS walkDate, w.went_well AS wentWell,
                w.concerns, w.tags, w.recorded_by AS recordedBy, coalesce(a.actions, 0) AS actions, coalesce(a.onTime, 0) AS actionsClosedOnTime
         FROM floor_walks w JOIN people p ON p.org_id = w.org_id AND p.id = w.person_id
         LEFT JOIN (
           SELECT walk_id, count(*) AS actions, sum(status = 'done' AND closed_on <= due_date) AS onTime
           FROM follow_ups WHERE org_id = @orgId AND walk_id IS NOT NULL GROUP BY walk_id
         ) a ON a.walk_id = w.id
         WHERE w.org_id = @orgId AND w.walk_date BETWEEN @from AND @to AND w.withdrawn_at IS NULL AND ${inSite('p')}
         ORDER BY w.walk_date, w.id LIMIT ${LIMIT}`,
      )
      .all(params(scope)) as Array<Omit<WalkRecord, 'tags'> & { tags: string }>;
    return withTags(rows);
  }

  async meetingUpdates(scope: EvidenceScope): Promise<MeetingUpdateRecord[]> {
    const rows = this.sqlite
      .prepare(
        `SELECT o.person_id AS personId, p.display_name AS personName, m.title AS meetingTitle, o.local_date AS localDate, o.topic, o.tags, o.answered_by AS recordedBy
         FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id JOIN people p ON p.org_id = o.org_id AND p.id = o.person_id
         WHERE o.org_id = @orgId AND o.answer = 'yes' AND o.local_date BETWEEN @from AND @to AND ${inSite('p')}
         ORDER BY o.local_date, o.id LIMIT ${LIMIT}`,
      )
      .all(params(scope)) as Array<Omit<MeetingUpdateRecord, 'tags'> & { tags: string }>;
    return withTags(rows);
  }

  async wins(scope: EvidenceScope): Promise<WinRecord[]> {
    const rows = this.sqlite
      .prepare(
        `SELECT w.id, w.posted_by AS postedBy, p.display_name AS postedByName, w.text, w.tags, w.posted_at AS postedAt, w.recorded_by AS recordedBy,
                (SELECT json_group_array(wp.person_id) FROM win_people wp WHERE wp.win_id = w.id) AS people
         FROM wins w JOIN people p ON p.org_id = w.org_id AND p.id = w.posted_by
         WHERE w.org_id = @orgId AND w.posted_at >= @startMs AND w.posted_at < @endMs AND w.withdrawn_at IS NULL AND (@siteId IS NULL OR w.site_id = @siteId OR p.site_id = @siteId)
         ORDER BY w.posted_at, w.id LIMIT ${LIMIT}`,
      )
      .all(params(scope)) as Array<Omit<WinRecord, 'tags' | 'people'> & { tags: string; people: string }>;
    return toWinRecords(rows);
  }

  async customAnswers(scope: EvidenceScope): Promise<CustomAnswerRecord[]> {
    const rows = this.sqlite
      .prepare(
        `SELECT a.prompt_id AS promptId, a.person_id AS personId, p.display_name AS personName, d.question, d.clauses, a.period_key AS periodKey,
                a.answer, a.note, q.answered_at AS answeredAt, a.answered_by AS recordedBy, a.reason
         FROM custom_answers a JOIN prompts q ON q.id = a.prompt_id JOIN custom_prompts d ON d.id = a.definition_id
         JOIN people p ON p.org_id = a.org_id AND p.id = a.person_id
         WHERE a.org_id = @orgId AND a.outcome = 'done' AND q.answered_at >= @startMs AND q.answered_at < @endMs AND ${inSite('p')}
         ORDER BY q.answered_at, a.prompt_id LIMIT ${LIMIT}`,
      )
      .all(params(scope)) as Array<Omit<CustomAnswerRecord, 'clauses'> & { clauses: string }>;
    return rows.map((r) => Object.assign(r, { clauses: JSON.parse(r.clauses) as string[] }));
  }

  async followUps(scope: EvidenceScope): Promise<FollowUpRecord[]> {
    return this.sqlite
      .prepare(
        `SELECT f.id, f.text, o.display_name AS ownerName, r.display_name AS raisedByName, f.created_at AS raisedOn, f.due_date AS dueDate,
                f.status, f.closed_on AS closedOn
         FROM follow_ups f JOIN people o ON o.org_id = f.org_id AND o.id = f.owner_id JOIN people r ON r.org_id = f.org_id AND r.id = f.raised_by
         WHERE f.org_id = @orgId AND f.created_at < @endMs AND (f.created_at >= @startMs OR f.status = 'open' OR f.closed_on >= @from)
           AND (@siteId IS NULL OR o.site_id = @siteId OR r.site_id = @siteId)
         ORDER BY f.due_date, f.id LIMIT ${LIMIT}`,
      )
      .all(params(scope)) as FollowUpRecord[];
  }

  async corrections(scope: EvidenceScope): Promise<CorrectionRecord[]> {
    const rows = this.sqlite
      .prepare(
        `SELECT a.at, p.display_name AS actorName, a.entity, a.entity_id AS entityId, a.action, a.before, a.after
         FROM audit_log a LEFT JOIN people p ON p.org_id = a.org_id AND p.id = a.actor_id
         WHERE a.org_id = @orgId AND a.action != 'create' AND a.at >= @startMs AND a.at < @endMs
           AND a.entity IN ('floor_walk', 'win', 'follow_up', 'meeting_occurrence', 'custom_answer', 'away')
         ORDER BY a.id LIMIT ${LIMIT}`,
      )
      .all(params(scope)) as CorrectionRow[];
    return toCorrectionRecords(rows);
  }

  async chainHead(orgId: string): Promise<ChainHead> {
    const row = this.sqlite
      .prepare('SELECT count(*) AS entries, (SELECT hash FROM audit_log WHERE org_id = ? ORDER BY id DESC LIMIT 1) AS head FROM audit_log WHERE org_id = ?')
      .get(orgId, orgId) as {
      entries: number;
      head: string | null;
    };
    return { entries: row.entries, head: row.head ?? GENESIS };
  }
}
