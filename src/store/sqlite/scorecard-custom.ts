// The custom prompts' scorecard lines: per leader and prompt, the questions asked in the period
// (by when they were sent, in the leader's zone) that count — done when the answer counts as done,
// due when answered (except "not applicable") or missed. A question still open in its period is
// not due yet.
import type Database from 'better-sqlite3';
import type { CustomFact, PeriodQuery, ScoredLeader } from '../../core/scorecard/repo';

interface QuestionRow {
  personId: string;
  subject: string;
  status: 'open' | 'answered' | 'missed';
  sentAt: number;
  outcome: 'done' | 'not_done' | 'excused' | null;
}

export function customFacts(sqlite: Database.Database, query: PeriodQuery, leaders: ScoredLeader[]): CustomFact[] {
  if (query.zones.length === 0 || leaders.length === 0) return [];
  const windowOf = new Map(query.zones.map((z) => [z.zone, z]));
  const zoneOf = new Map(leaders.map((l) => [l.id, l.zone]));
  const start = Math.min(...query.zones.map((z) => z.startMs));
  const end = Math.max(...query.zones.map((z) => z.endMs));
  const rows = sqlite
    .prepare(
      `SELECT p.person_id AS personId, p.subject, p.status, p.sent_at AS sentAt, a.outcome
         FROM prompts p LEFT JOIN custom_answers a ON a.prompt_id = p.id
        WHERE p.org_id = ? AND p.kind = 'custom' AND p.sent_at >= ? AND p.sent_at < ?`,
    )
    .all(query.orgId, start, end) as QuestionRow[];
  const facts = new Map<string, CustomFact>();
  for (const row of rows) {
    const zone = zoneOf.get(row.personId);
    const window = zone === undefined ? undefined : windowOf.get(zone);
    if (!window || row.sentAt < window.startMs || row.sentAt >= window.endMs) continue;
    const promptId = Number(/^custom:(\d+):/.exec(row.subject)?.[1]);
    if (!Number.isInteger(promptId)) continue;
    const due = row.status === 'missed' || (row.status === 'answered' && row.outcome !== 'excused');
    if (!due) continue;
    const key = `${row.personId}\u0000${promptId}`;
    const fact = facts.get(key) ?? { personId: row.personId, promptId, done: 0, due: 0 };
    fact.due++;
    if (row.status === 'answered' && row.outcome === 'done') fact.done++;
    facts.set(key, fact);
  }
  return [...facts.values()];
}
