// `clause5 verify`, engine-neutral: walks each organisation's audit chain (shared/audit-hash.ts) and
// the live record tables, and reports the first entry or row that no longer matches what Clause5
// wrote. Each engine supplies a VerifyReader (its plain SQL); the live records are loaded through
// the Store's own repositories, so they compare as the models the audit log recorded.
import type { Store } from '../../core/ports';
import { contentDigest, entryHash, GENESIS } from './audit-hash';
import { answerView } from './meeting-answer';
import { ERASURE_ENTITY, type ErasureContent, RETENTION_ENTITY, type RetentionContent } from './privacy';

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

/** An audit_log row as both engines' plain SQL returns it (snake_case columns). */
export interface VerifyAuditRow {
  id: number;
  org_id: string;
  actor_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  at: number;
  salt: string | null;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** What verify reads, per engine. */
export interface VerifyReader {
  /**
   * An engine's own second copies of the record to check against it (SQLite: the weekly scorecard
   * rollups); says where and why the first one differs.
   */
  copiesProblem?(orgId: string): Promise<{ where: string; reason: string } | undefined>;
  orgIds(): Promise<string[]>;
  /** The organisation's audit entries, oldest first (streamed: a log may be long). */
  auditRows(orgId: string): AsyncIterable<VerifyAuditRow> | Iterable<VerifyAuditRow>;
  /** Its retention and erasure entries with content, oldest first. */
  redactionEntries(orgId: string): Promise<Array<{ id: number; entity: string; after: string }>>;
  /** The ids of a record table's rows, ascending. */
  liveIds(table: string, idColumn: string, orgId: string): Promise<number[]>;
  /** One record's audit entries, oldest first. */
  history(orgId: string, entity: string, entityId: string): Promise<Array<{ action: string; after: string | null }>>;
  /** The ids of records of a kind the audit log created or changed. */
  auditedIds(orgId: string, entity: string): Promise<string[]>;
}

/** What `verify` must accept as legitimately changed or gone (removed by retention, rewritten by an erasure). */
export interface Redactions {
  /** 'entity id' of a removed record → id of the retention entry that removed it. */
  removed: Map<string, number>;
  /** Audit entry id → the digests of its content after the (latest) erasure rewrote it. */
  rewritten: Map<number, { before: string | null; after: string | null; by: number }>;
}

export function redactionsOf(rows: Array<{ id: number; entity: string; after: string }>): Redactions {
  const result: Redactions = { removed: new Map(), rewritten: new Map() };
  for (const row of rows) {
    let content: unknown;
    try {
      content = JSON.parse(row.after);
    } catch {
      continue; // an edited entry: the chain check reports it
    }
    if (row.entity === RETENTION_ENTITY) {
      for (const [entity, ids] of Object.entries((content as RetentionContent).removed ?? {})) {
        for (const id of ids) result.removed.set(`${entity} ${id}`, row.id);
      }
    } else if (row.entity === ERASURE_ENTITY) {
      for (const [id, before, after] of (content as ErasureContent).entries ?? []) result.rewritten.set(id, { before, after, by: row.id });
    }
  }
  return result;
}

async function checkChain(reader: VerifyReader, orgId: string, redactions: Redactions): Promise<{ entries: number; head: string; problem?: VerifyProblem }> {
  let head = GENESIS;
  let entries = 0;
  // Takes the next entry: the problem it shows, if any, else it becomes the head.
  const next = (row: VerifyAuditRow): VerifyProblem | undefined => {
    const where = `audit entry ${row.id}`;
    if (row.prev_hash !== head)
      return { orgId, where, reason: `it does not follow the entry before it (an entry was removed, inserted or reordered before ${where})` };
    const contentProblem = checkContent(row, redactions);
    if (contentProblem) return { orgId, where, reason: contentProblem };
    const fields = {
      orgId: row.org_id,
      actorId: row.actor_id,
      entity: row.entity,
      entityId: row.entity_id,
      action: row.action,
      at: row.at,
      beforeDigest: row.before_digest,
      afterDigest: row.after_digest,
    };
    if (entryHash(head, fields) !== row.hash)
      return { orgId, where, reason: `its fields (who, what, when) were changed after it was written (${row.entity} ${row.entity_id})` };
    head = row.hash;
    entries++;
    return undefined;
  };
  const rows = reader.auditRows(orgId);
  // A synchronous cursor (SQLite's) is read without yielding, so nothing else uses the connection meanwhile.
  if (Symbol.iterator in rows) {
    for (const row of rows) {
      const problem = next(row);
      if (problem) return { entries, head, problem };
    }
  } else {
    for await (const row of rows) {
      const problem = next(row);
      if (problem) return { entries, head, problem };
    }
  }
  return { entries, head };
}

/** Why an entry's content does not match what was written (or legitimately rewritten), if it does not. */
function checkContent(row: VerifyAuditRow, redactions: Redactions): string | undefined {
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

type RecordStore = Pick<Store, 'walks' | 'wins' | 'followUps' | 'meetings' | 'customPrompts'>;

/** The record kinds whose live rows must equal their last audited version. */
function liveKinds(store: RecordStore) {
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

async function checkLiveRows(reader: VerifyReader, store: RecordStore, orgId: string, redactions: Redactions): Promise<VerifyProblem | undefined> {
  for (const kind of liveKinds(store)) {
    const ids = await reader.liveIds(kind.table, (kind as { idColumn?: string }).idColumn ?? 'id', orgId);
    const live = new Set(ids.map(String));
    for (const id of ids) {
      const entries = await reader.history(orgId, kind.entity, String(id));
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
    for (const id of await reader.auditedIds(orgId, kind.entity)) {
      if (!live.has(id) && !redactions.removed.has(`${kind.entity} ${id}`))
        return {
          orgId,
          where: `${kind.entity} ${id}`,
          reason: 'this row is in the audit record but no longer in the database (it was deleted behind Clause5’s back)',
        };
    }
  }
  return undefined;
}

export async function verifyWith(reader: VerifyReader, store: RecordStore, onlyOrg?: string): Promise<VerifyResult> {
  const orgs = onlyOrg ? [onlyOrg] : await reader.orgIds();
  const chains: VerifyResult['chains'] = [];
  for (const orgId of orgs) {
    const redactions = redactionsOf(await reader.redactionEntries(orgId));
    const chain = await checkChain(reader, orgId, redactions);
    chains.push({ orgId, entries: chain.entries, head: chain.head });
    if (chain.problem) return { ok: false, chains, problem: chain.problem };
    const copies = await reader.copiesProblem?.(orgId);
    if (copies) return { ok: false, chains, problem: { orgId, ...copies } };
    const problem = await checkLiveRows(reader, store, orgId, redactions);
    if (problem) return { ok: false, chains, problem };
  }
  return { ok: true, chains };
}
