// The edge days of a period (before its first whole week: the head; after its last: the tail) when
// they lie in a sealed week: counted once by the raw statements, for the whole organisation, and
// kept as one row of scorecard_rollup_edges (key "head|tail from to", week: their Monday). A sealed
// week's days no longer change with time alone, and a head or tail is one of only twelve runs of
// days per week (Monday..d or d..Sunday), so the same rows serve every period cut there (a month, a
// quarter, the previous period of either).
//
// Kept true like the week rows: counting a week deletes its edges, and folding a trigger's mark
// deletes the edges of the weeks it names and of the week on either side (an edge also reads the
// wins of the two days across its boundary with the whole weeks: WINS_SHARED_SQL). Counted inline
// in one IMMEDIATE transaction, so no write can fall between the reads and the row.
import type Database from 'better-sqlite3';
import type { CustomFact, PeriodFacts, PeriodQuery, ScoredLeader } from '../../../core/scorecard/repo';
import { weekStart } from '../../../core/time';
import { customFacts } from '../scorecard-custom';
import { queryParams } from '../scorecard-params';
import type { ScorecardQueries } from '../scorecard-queries';
import { type LevelRow, mergeLevelRows } from '../../shared/scorecard-rows';
import { type EdgePart, segmentQuery, sharedWindow, zonesOf } from '../../rollups-shared/plan';
import { sharedAcross } from './refresh';

export type { EdgePart };

/** The raw statements of an edge's period figures (rawPeriodFacts with `edge` set). */
export const EDGE_STATEMENTS = ['calendar', 'winsNear', 'followUpsEdge', 'prompts'] as const;

/** What a period needs of its edge days, for every leader of the organisation. */
export interface EdgeFacts {
  facts: PeriodFacts;
  custom: CustomFact[];
  /** Response times of the prompts answered (personId, ms), pooled into the medians. */
  responses: Array<[string, number]>;
  /** A tail's floor-walk weeks per leader with a first walk (STREAKS_SQL's rows from its Monday); none for a head. */
  streaks: Array<[string, string]>;
  /** Wins counted both in the edge and across its boundary in the whole weeks: per site key, '' for the organisation. */
  shared: Array<[string, number]>;
}

/** Whether an edge's days lie in a sealed week (the caller passes days of one week). */
export const edgeIsSealed = (from: string, lastSealed: string) => weekStart(from) <= lastSealed;

/** Parsed edges kept in memory (each a few hundred kilobytes of JSON for 500 leaders). */
const PARSED_KEPT = 48;

export class EdgeRows {
  private readonly token: Database.Statement;
  private readonly body: Database.Statement;
  private readonly insert: Database.Statement;
  /** By organisation, Monday and key: the row's token (new for every row written) and its figures. */
  private readonly parsed = new Map<string, { token: string; facts: EdgeFacts }>();

  constructor(
    private readonly client: Database.Database,
    private readonly queries: ScorecardQueries,
  ) {
    const row = 'FROM scorecard_rollup_edges WHERE org_id = ? AND week = ? AND key = ? AND zone = ?';
    this.token = client.prepare(`SELECT token ${row}`).pluck();
    this.body = client.prepare(`SELECT facts ${row}`).pluck();
    this.insert = client.prepare('INSERT OR REPLACE INTO scorecard_rollup_edges (org_id, week, key, zone, token, facts) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /**
   * The organisation's figures for the edge `part` of days [from, to] (in one sealed week), from its
   * row, or counted now and kept. `orgQuery`: the period in organisation scope with every zone.
   */
  read(orgQuery: PeriodQuery, leaders: ScoredLeader[], part: EdgePart, from: string, to: string): EdgeFacts {
    const args = [orgQuery.orgId, weekStart(from), edgeKey(part, from, to), orgQuery.defaultZone] as const;
    const name = args.join('\u0000');
    const stored = (): EdgeFacts | undefined => {
      const token = this.token.get(...args) as string | undefined;
      if (token === undefined) return undefined;
      const cached = this.parsed.get(name);
      if (cached?.token === token) return cached.facts;
      return this.keep(name, token, JSON.parse(this.body.get(...args) as string) as EdgeFacts);
    };
    return (
      stored() ??
      this.client
        .transaction(() => {
          const again = stored();
          if (again) return again;
          const facts = this.count(orgQuery, leaders, part, from, to);
          const token = `${Date.now()}-${Math.random()}`;
          this.insert.run(...args, token, JSON.stringify(facts));
          return this.keep(name, token, facts);
        })
        .immediate()
    );
  }

  private keep(name: string, token: string, facts: EdgeFacts): EdgeFacts {
    this.parsed.delete(name);
    this.parsed.set(name, { token, facts });
    if (this.parsed.size > PARSED_KEPT) this.parsed.delete(this.parsed.keys().next().value!);
    return facts;
  }

  /** The edge counted from the event tables (also what `verify` compares a stored row with). */
  count(orgQuery: PeriodQuery, leaders: ScoredLeader[], part: EdgePart, from: string, to: string): EdgeFacts {
    const q = segmentQuery(orgQuery, from, to);
    const params = { ...queryParams(q), closedIn: part === 'tail' ? 1 : 0 };
    const facts = mergeLevelRows(EDGE_STATEMENTS.map((name) => this.queries.run(name, params) as LevelRow[]));
    const responses = this.queries.run('responses', params).map((r) => [String(r.personId), Number(r.ms)] as [string, number]);
    const [boundary, left, right] = sharedWindow(part, from, to);
    const shared = [...sharedAcross(this.queries, orgQuery, boundary, left, right)];
    const streaks =
      part === 'tail' ? this.queries.run('streaks', queryParams(q, from)).map((r) => [String(r.personId), String(r.weeks ?? '')] as [string, string]) : [];
    return { facts, custom: customFacts(this.client, q, leaders), responses, streaks, shared };
  }

  /**
   * The first stored edge of the organisation that differs from a fresh count (for `verify`; call
   * after folding the marks), or null.
   */
  firstDifferent(orgId: string, nowMs: number, leadersOf: (defaultZone: string) => ScoredLeader[]): string | null {
    const rows = this.client.prepare('SELECT key, zone, facts FROM scorecard_rollup_edges WHERE org_id = ? ORDER BY week, key').all(orgId) as Array<{
      key: string;
      zone: string;
      facts: string;
    }>;
    for (const row of rows) {
      const [part, from, to] = row.key.split(' ') as [EdgePart, string, string];
      const leaders = leadersOf(row.zone);
      const orgQuery: PeriodQuery = { orgId, scope: { kind: 'all' }, defaultZone: row.zone, from, to, nowMs, totals: true, zones: zonesOf(leaders) };
      if (JSON.stringify(this.count(orgQuery, leaders, part, from, to)) !== row.facts) return `${from}..${to}`;
    }
    return null;
  }
}

const edgeKey = (part: EdgePart, from: string, to: string) => `${part} ${from} ${to}`;
