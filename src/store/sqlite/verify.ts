// `clause5 verify`: walks each organisation's audit chain (audit-chain.ts) and the live record
// tables, and reports the first entry or row that no longer matches what Clause5 wrote.
import type Database from 'better-sqlite3';
import { chainFieldsOf, contentDigest, entryHash, GENESIS, type AuditRowText } from './audit-chain';
import type { SqliteStore } from './index';
import { answerView } from './meetings';
import { checkRollups } from './rollups/rebuild';
import { RollupRefresher } from './rollups/refresh';
import { ScorecardQueries } from './scorecard-queries';
import { loadRedactions, removedByRetention, type Redactions } from './privacy/verify-redactions';

export interface VerifyProblem {
  orgId: string;
  /** 'audit entry 17' or 'floor_walk 4'. */
  where: string;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Per organisation: entries in the chain and the head hash. */
  chains: Array<{ orgId: string; entries: number; head: string }>;
  problem?: VerifyProblem;
}

interface AuditRow extends AuditRowText {
  salt: string | null;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string | null;
  hash: string | null;
}

function checkChain(sqlite: Database.Database, orgId: string, redactions: Redactions): { entries: number; head: string; problem?: VerifyProblem } {
  const rows = sqlite.prepare('SELECT * FROM audit_log WHERE org_id = ? ORDER BY id').iterate(orgId) as IterableIterator<AuditRow>;
  let head = GENESIS;
  let entries = 0;
  for (const row of rows) {
    const where = `audit entry ${row.id}`;
    const fail = (reason: string) => ({ entries, head, problem: { orgId, where, reason } });
    if (row.prev_hash !== head) return fail(`it does not follow the entry before it (an entry was removed, inserted or reordered before ${where})`);
    const contentProblem = checkContent(row, redactions);
    if (contentProblem) return fail(contentProblem);
    const fields = chainFieldsOf(row, { beforeDigest: row.before_digest, afterDigest: row.after_digest });
    if (entryHash(head, fields) !== row.hash) return fail(`its fields (who, what, when) were changed after it was written (${row.entity} ${row.entity_id})`);
    head = row.hash;
    entries++;
  }
  return { entries, head };
}

/** Why an entry's content does not match what was written (or legitimately rewritten), if it does not. */
function checkContent(row: AuditRow, redactions: Redactions): string | undefined {
  const removedBy = redactions.removed.get(`${row.entity} ${row.entity_id}`);
  if (removedBy !== undefined && row.id < removedBy) {
    // A retention run removed the record and blanked what the log kept of it.
    if (row.before === null && row.after === null) return undefined;
    return `its content should have been blanked by the retention run in audit entry ${removedBy} (${row.entity} ${row.entity_id})`;
  }
  if (row.salt === null) return 'its salt is missing, so its content cannot be checked';
  const rewritten = redactions.rewritten.get(row.id);
  const expected = rewritten ?? { before: row.before_digest, after: row.after_digest };
  if (contentDigest(row.salt, row.before) !== expected.before || contentDigest(row.salt, row.after) !== expected.after) {
    const since = rewritten ? ` since the erasure in audit entry ${rewritten.by}` : '';
    return `its content was changed after it was written${since} (${row.entity} ${row.entity_id}, ${row.action})`;
  }
  return undefined;
}

/**
 * JSON with keys sorted, so that two objects with the same content compare equal. Top-level null
 * fields are left out: a column added in a later version (who recorded it, a withdrawal) is null on
 * rows written before it, whose recorded versions do not name it.
 */
function canonical(value: unknown): string {
  const record =
    value && typeof value === 'object' ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null)) : value;
  return JSON.stringify(record, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The record kinds whose live rows must equal their last audited version. */
function liveKinds(store: SqliteStore) {
  return [
    { entity: 'floor_walk', table: 'floor_walks', load: (orgId: string, id: number) => store.walks.get(orgId, id), everyRowAudited: true },
    { entity: 'win', table: 'wins', load: (orgId: string, id: number) => store.wins.get(orgId, id), everyRowAudited: true },
    { entity: 'follow_up', table: 'follow_ups', load: (orgId: string, id: number) => store.followUps.get(orgId, id), everyRowAudited: true },
    {
      entity: 'meeting_occurrence',
      table: 'meeting_occurrences',
      load: async (orgId: string, id: number) => {
        const o = await store.meetings.getOccurrence(orgId, id);
        return o && answerView(o);
      },
      // Occurrences are created by the scheduler, unaudited; their answers are audited.
      everyRowAudited: false,
    },
    { entity: 'custom_prompt', table: 'custom_prompts', load: (orgId: string, id: number) => store.customPrompts.get(orgId, id), everyRowAudited: true },
    {
      entity: 'custom_answer',
      table: 'custom_answers',
      idColumn: 'prompt_id',
      load: (orgId: string, id: number) => store.customPrompts.answerTo(orgId, id),
      everyRowAudited: true,
    },
  ];
}

async function checkLiveRows(store: SqliteStore, orgId: string, redactions: Redactions): Promise<VerifyProblem | undefined> {
  const sqlite = store.database.sqlite;
  const history = sqlite.prepare('SELECT action, after FROM audit_log WHERE org_id = ? AND entity = ? AND entity_id = ? ORDER BY id');
  const audited = sqlite.prepare("SELECT DISTINCT entity_id FROM audit_log WHERE org_id = ? AND entity = ? AND action != 'delete'");
  for (const kind of liveKinds(store)) {
    const idColumn = 'idColumn' in kind ? kind.idColumn : 'id';
    const ids = (sqlite.prepare(`SELECT ${idColumn} AS id FROM ${kind.table} WHERE org_id = ? ORDER BY ${idColumn}`).all(orgId) as Array<{ id: number }>).map(
      (r) => r.id,
    );
    const live = new Set(ids.map(String));
    for (const id of ids) {
      const entries = history.all(orgId, kind.entity, String(id)) as Array<{ action: string; after: string | null }>;
      if (entries.length === 0) {
        if (kind.everyRowAudited)
          return { orgId, where: `${kind.entity} ${id}`, reason: 'this row is not in the audit record (it was inserted behind Clause5’s back)' };
        continue;
      }
      // The record replayed: the created version, then each change's new values in order (edits and
      // withdrawals included), so the live row must equal the latest recorded version.
      const recorded: Record<string, unknown> = {};
      for (const e of entries) if (e.after !== null) Object.assign(recorded, JSON.parse(e.after) as object);
      const now = await kind.load(orgId, id);
      if (canonical(now) !== canonical(recorded)) {
        return { orgId, where: `${kind.entity} ${id}`, reason: 'this row differs from its last recorded version (it was changed behind Clause5’s back)' };
      }
    }
    for (const { entity_id: id } of audited.all(orgId, kind.entity) as Array<{ entity_id: string }>) {
      if (!live.has(id) && !removedByRetention(redactions, kind.entity, id))
        return {
          orgId,
          where: `${kind.entity} ${id}`,
          reason: 'this row is in the audit record but no longer in the database (it was deleted behind Clause5’s back)',
        };
    }
  }
  return undefined;
}

export async function verifyRecord(store: SqliteStore, onlyOrg?: string): Promise<VerifyResult> {
  const sqlite = store.database.sqlite;
  const orgs = onlyOrg ? [onlyOrg] : (sqlite.prepare('SELECT id FROM organisations ORDER BY id').all() as Array<{ id: string }>).map((o) => o.id);
  const chains: VerifyResult['chains'] = [];
  for (const orgId of orgs) {
    const redactions = loadRedactions(sqlite, orgId);
    const chain = checkChain(sqlite, orgId, redactions);
    chains.push({ orgId, entries: chain.entries, head: chain.head });
    if (chain.problem) return { ok: false, chains, problem: chain.problem };
    // The rollups are a second copy of the scorecard's counts: each counted week must match a fresh count.
    const rollups = checkRollups(sqlite, new RollupRefresher(sqlite, new ScorecardQueries(sqlite)), orgId, Date.now());
    if (rollups) return { ok: false, chains, problem: { orgId, where: 'scorecard rollups', reason: rollups } };
    const problem = await checkLiveRows(store, orgId, redactions);
    if (problem) return { ok: false, chains, problem };
  }
  return { ok: true, chains };
}
