// The evidence pack's read-only queries (src/core/evidence/repo.ts) in PostgreSQL's SQL: FILTER for
// the on-time count, json_agg for a win's people, typed parameters where PostgreSQL cannot infer
// them ($n IS NULL), and counts cast to int. Each query passes exactly the parameters it uses.
import type {
  ChainHead,
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
import type { OpenPgDatabase, Query } from './db';

/** The person at `alias` works at the site $2 (or no site was asked for). */
const inSite = (alias: string) => `($2::int IS NULL OR ${alias}.site_id = $2::int)`;

// $1 org, $2 site, $3 from, $4 to (local dates).
const WALKS = `
SELECT w.id, w.person_id AS "personId", p.display_name AS "personName", w.area, w.walk_date AS "walkDate", w.went_well AS "wentWell",
       w.concerns, w.tags, w.recorded_by AS "recordedBy", coalesce(a.actions, 0)::int AS actions, coalesce(a.on_time, 0)::int AS "actionsClosedOnTime"
FROM floor_walks w JOIN people p ON p.org_id = w.org_id AND p.id = w.person_id
LEFT JOIN (
  SELECT walk_id, count(*) AS actions, count(*) FILTER (WHERE status = 'done' AND closed_on <= due_date) AS on_time
  FROM follow_ups WHERE org_id = $1 AND walk_id IS NOT NULL GROUP BY walk_id
) a ON a.walk_id = w.id
WHERE w.org_id = $1 AND w.walk_date BETWEEN $3 AND $4 AND w.withdrawn_at IS NULL AND ${inSite('p')}
ORDER BY w.walk_date, w.id LIMIT ${EVIDENCE_LIMIT}`;

// $1 org, $2 site, $3 from, $4 to.
const MEETING_UPDATES = `
SELECT o.person_id AS "personId", p.display_name AS "personName", m.title AS "meetingTitle", o.local_date AS "localDate", o.topic, o.tags,
       o.answered_by AS "recordedBy"
FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id JOIN people p ON p.org_id = o.org_id AND p.id = o.person_id
WHERE o.org_id = $1 AND o.answer = 'yes' AND o.local_date BETWEEN $3 AND $4 AND ${inSite('p')}
ORDER BY o.local_date, o.id LIMIT ${EVIDENCE_LIMIT}`;

// $1 org, $2 site, $3 start, $4 end (instants). People in the order of their key, as SQLite reads them.
const WINS = `
SELECT w.id, w.posted_by AS "postedBy", p.display_name AS "postedByName", w.text, w.tags, w.posted_at AS "postedAt", w.recorded_by AS "recordedBy",
       (SELECT coalesce(json_agg(wp.person_id ORDER BY wp.person_id COLLATE "C"), '[]')::text FROM win_people wp WHERE wp.win_id = w.id) AS people
FROM wins w JOIN people p ON p.org_id = w.org_id AND p.id = w.posted_by
WHERE w.org_id = $1 AND w.posted_at >= $3::bigint AND w.posted_at < $4::bigint AND w.withdrawn_at IS NULL
  AND ($2::int IS NULL OR w.site_id = $2::int OR p.site_id = $2::int)
ORDER BY w.posted_at, w.id LIMIT ${EVIDENCE_LIMIT}`;

// $1 org, $2 site, $3 from (local date), $4 start, $5 end (instants).
const FOLLOW_UPS = `
SELECT f.id, f.text, o.display_name AS "ownerName", r.display_name AS "raisedByName", f.created_at AS "raisedOn", f.due_date AS "dueDate",
       f.status, f.closed_on AS "closedOn"
FROM follow_ups f JOIN people o ON o.org_id = f.org_id AND o.id = f.owner_id JOIN people r ON r.org_id = f.org_id AND r.id = f.raised_by
WHERE f.org_id = $1 AND f.created_at < $5::bigint AND (f.created_at >= $4::bigint OR f.status = 'open' OR f.closed_on >= $3)
  AND ($2::int IS NULL OR o.site_id = $2::int OR r.site_id = $2::int)
ORDER BY f.due_date, f.id LIMIT ${EVIDENCE_LIMIT}`;

// $1 org, $2 site, $3 start, $4 end (instants). Dated by the question's first answer.
const CUSTOM_ANSWERS = `
SELECT a.prompt_id AS "promptId", a.person_id AS "personId", p.display_name AS "personName", d.question, d.clauses, a.period_key AS "periodKey",
       a.answer, a.note, q.answered_at AS "answeredAt", a.answered_by AS "recordedBy", a.reason
FROM custom_answers a JOIN prompts q ON q.id = a.prompt_id JOIN custom_prompts d ON d.id = a.definition_id
JOIN people p ON p.org_id = a.org_id AND p.id = a.person_id
WHERE a.org_id = $1 AND a.outcome = 'done' AND q.answered_at >= $3::bigint AND q.answered_at < $4::bigint AND ${inSite('p')}
ORDER BY q.answered_at, a.prompt_id LIMIT ${EVIDENCE_LIMIT}`;

// $1 org, $2 start, $3 end.
const CORRECTIONS = `
SELECT a.at, p.display_name AS "actorName", a.entity, a.entity_id AS "entityId", a.action, a.before, a.after
FROM audit_log a LEFT JOIN people p ON p.org_id = a.org_id AND p.id = a.actor_id
WHERE a.org_id = $1 AND a.action <> 'create' AND a.at >= $2::bigint AND a.at < $3::bigint
  AND a.entity IN ('floor_walk', 'win', 'follow_up', 'meeting_occurrence', 'custom_answer', 'away')
ORDER BY a.id LIMIT ${EVIDENCE_LIMIT}`;

const CHAIN_HEAD = `
SELECT count(*)::int AS entries, (SELECT hash FROM audit_log WHERE org_id = $1 ORDER BY id DESC LIMIT 1) AS head
FROM audit_log WHERE org_id = $1`;

export class PgEvidenceRepo implements EvidenceRepo {
  private readonly query: Query;

  constructor(database: OpenPgDatabase) {
    this.query = database.query;
  }

  async walks(s: EvidenceScope): Promise<WalkRecord[]> {
    const rows = await this.rows<Omit<WalkRecord, 'tags'> & { tags: string }>(WALKS, [s.orgId, s.siteId ?? null, s.from, s.to]);
    return withTags(rows);
  }

  async meetingUpdates(s: EvidenceScope): Promise<MeetingUpdateRecord[]> {
    const rows = await this.rows<Omit<MeetingUpdateRecord, 'tags'> & { tags: string }>(MEETING_UPDATES, [s.orgId, s.siteId ?? null, s.from, s.to]);
    return withTags(rows);
  }

  async wins(s: EvidenceScope): Promise<WinRecord[]> {
    const rows = await this.rows<Omit<WinRecord, 'tags' | 'people'> & { tags: string; people: string }>(WINS, [s.orgId, s.siteId ?? null, s.startMs, s.endMs]);
    return toWinRecords(rows);
  }

  async customAnswers(s: EvidenceScope): Promise<CustomAnswerRecord[]> {
    const rows = await this.rows<Omit<CustomAnswerRecord, 'clauses'> & { clauses: string }>(CUSTOM_ANSWERS, [s.orgId, s.siteId ?? null, s.startMs, s.endMs]);
    return rows.map((r) => Object.assign(r, { clauses: JSON.parse(r.clauses) as string[] }));
  }

  async followUps(s: EvidenceScope): Promise<FollowUpRecord[]> {
    return this.rows<FollowUpRecord>(FOLLOW_UPS, [s.orgId, s.siteId ?? null, s.from, s.startMs, s.endMs]);
  }

  async corrections(s: EvidenceScope) {
    return toCorrectionRecords(await this.rows<CorrectionRow>(CORRECTIONS, [s.orgId, s.startMs, s.endMs]));
  }

  /** The rows of one of the queries above, as the record type it selects. */
  private async rows<T>(text: string, params: unknown[]): Promise<T[]> {
    return (await this.query(text, params)) as unknown as T[];
  }

  async chainHead(orgId: string): Promise<ChainHead> {
    const [row] = await this.query<{ entries: number; head: string | null }>(CHAIN_HEAD, [orgId]);
    return { entries: row?.entries ?? 0, head: row?.head ?? GENESIS };
  }
}
