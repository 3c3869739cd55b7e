// The scorecard's aggregates on SQLite: named statements (scorecard-queries.ts), each returning at
// most one row per leader (or per site), never raw event rows. On a database file the heavy
// statements run in worker threads with their own read-only connections (scorecard-pool.ts), so a
// scorecard of a whole organisation or a site never blocks the event loop. One leader's statements
// (a few milliseconds), an in-memory database, or a process where workers cannot start run inline
// on the main connection.
import type Database from 'better-sqlite3';
import type {
  CustomFact,
  IndexBasis,
  LeaderScope,
  PeriodFacts,
  PeriodQuery,
  ResponseMedians,
  ScorecardRepo,
  ScoredLeader,
  Streak,
  UnreachablePerson,
  WeekTotals,
} from '../../core/scorecard/repo';
import type { Db } from './db';
import { customFacts } from './scorecard-custom';
import { LeaderListCache } from './scorecard-leaders';
import { RollupReader, type RawScorecard } from './rollups/read';
import { RollupRefresher } from './rollups/refresh';
import { isSealedWeek, lastSealedMonday } from '../rollups-shared/plan';
import { weekStart } from '../../core/time';
import { weekTotals } from './rollups/trend';
import { sealedWeeks } from './rollups/weeks';
import type { MedianLevels } from './scorecard-median';
import { ScorecardWorkerPool, WorkerUnavailable } from './scorecard-pool';
import { queryParams, scopeParams } from './scorecard-params';
import { pick, ScorecardQueries, STATEMENTS, type Params, type Row, type StatementName } from './scorecard-queries';
import { emptyDistinct, type LevelRow, mergeLevelRows, streakOf } from '../shared/scorecard-rows';

export { streakOf } from '../shared/scorecard-rows';

export interface ScorecardRepoOptions {
  /** Run the heavy statements in worker threads (default: yes for a database file). */
  workers?: boolean;
  /** The pool to use (default: the process-wide one). */
  pool?: ScorecardWorkerPool;
  /**
   * What reads whole past weeks from the weekly rollups (src/store/sqlite/rollups): 'all' — every
   * scorecard of a site or the organisation; 'trend' — only the weekly trend's points; false (the
   * default) — every figure from the event tables, the reference the rollups must equal (the
   * property test, `db copy`'s comparison). 'all' is the default: the rollups equal the raw path on
   * random histories and the whole suite runs on them. What is still slow: a period ending in the last
   * ten days runs the raw statements for its days after the last sealed week on its first read after
   * a write (their results are then kept until the next one, rollups/live.ts); stale weeks, edge days
   * and the running totals are counted on the main thread (docs/benchmarks.md "Weekly scorecard rollups").
   */
  rollups?: 'all' | 'trend' | false;
}

let storeCount = 0;

export class SqliteScorecardRepo implements ScorecardRepo {
  /** The raw connection: these statements use named parameters, json_each and window functions. */
  private readonly client: Database.Database;
  private readonly inline: ScorecardQueries;
  private pool: ScorecardWorkerPool | undefined;
  /** Names this store's connection in the workers. */
  private readonly key: string;
  private readonly rollups: RollupReader | undefined;
  private readonly rollupPeriods: boolean;
  /** Counts weeks into the rollups (also for `rollups rebuild`). */
  readonly refresher: RollupRefresher;
  private readonly leaderLists: LeaderListCache;

  constructor(
    db: Db,
    // biome-ignore lint/correctness/noUnusedPrivateClassMembers: kept for symmetry with the other repos; the scorecard reads "now" from each query
    private readonly now: () => number,
    options: ScorecardRepoOptions = {},
  ) {
    this.client = (db as unknown as { $client: Database.Database }).$client;
    this.inline = new ScorecardQueries(this.client);
    const onFile = !this.client.memory && this.client.name !== '';
    if (options.workers ?? onFile) this.pool = options.pool ?? ScorecardWorkerPool.shared();
    this.key = `${this.client.name}#${++storeCount}`;
    this.refresher = new RollupRefresher(this.client, this.inline);
    this.leaderLists = new LeaderListCache(this.client);
    // The rollups' raw statements keep their results until a write (rollups/live.ts).
    const kept = (name: StatementName, params: Params, q: Pick<PeriodQuery, 'orgId' | 'scope'>) => this.runKept(name, params, q);
    const raw: RawScorecard = {
      periodFacts: (q, edge) => this.rawPeriodFacts(q, edge, kept),
      responses: (q) => kept('responses', queryParams(q), q),
      streakRows: async (q, histFrom) => (await kept('streaks', queryParams(q, histFrom), q)) as Array<{ personId: string; weeks: string | null }>,
      customFacts: (q) => this.rawCustomFacts(q),
      winsShared: (params, q) => kept('winsShared', params, q),
    };
    const mode = options.rollups ?? 'all';
    if (mode !== false) this.rollups = new RollupReader(this.client, this.refresher, raw);
    this.rollupPeriods = mode === 'all';
  }

  /** The rollups serve groups of leaders; one leader's raw statements take a few milliseconds. */
  private rollupsFor(query: PeriodQuery, forTrend = false): RollupReader | undefined {
    if (!forTrend && !this.rollupPeriods) return undefined;
    return query.scope.kind === 'leader' || query.zones.length === 0 ? undefined : this.rollups;
  }

  async leaders(orgId: string, scope: LeaderScope, defaultZone: string): Promise<ScoredLeader[]> {
    const params = { ...scopeParams(orgId, scope), defaultZone };
    return this.leaderLists.get(JSON.stringify(params), () => this.inline.run('leaders', params) as unknown as ScoredLeader[]);
  }

  async periodFacts(query: PeriodQuery): Promise<PeriodFacts> {
    const rollups = this.rollupsFor(query);
    if (rollups) return rollups.periodFacts(query, await this.leaders(query.orgId, query.scope, query.defaultZone));
    return this.rawPeriodFacts(query);
  }

  /**
   * `edge`: a few days (a short period, or before or after whole weeks: the rollups' edges), whose
   * wins are found from the days' wins; an edge's follow-ups are those due in it (the tail's
   * overdue: the change since the last week's snapshot, rollups/edge-sql.ts).
   */
  private async rawPeriodFacts(
    query: PeriodQuery,
    edge?: 'head' | 'tail' | 'near',
    run = (name: StatementName, params: Params, q: PeriodQuery) => this.run(name, params, q.scope),
  ): Promise<PeriodFacts> {
    if (query.zones.length === 0) return { leaders: [], sites: [], all: emptyDistinct() };
    const params = { ...queryParams(query), closedIn: edge === 'tail' ? 1 : 0 };
    // Independent statements: with workers they run side by side.
    const names = ['calendar', edge ? 'winsNear' : 'wins', edge === 'head' || edge === 'tail' ? 'followUpsEdge' : 'followUps', 'prompts'] as const;
    const parts = await Promise.all(names.map((name) => run(name, params, query)));
    return mergeLevelRows(parts as LevelRow[][]);
  }

  async responseMedians(query: PeriodQuery): Promise<ResponseMedians> {
    const rollups = this.rollupsFor(query);
    const fromRollups = rollups && (await rollups.responseMedians(query, await this.leaders(query.orgId, query.scope, query.defaultZone)));
    if (fromRollups) return fromRollups;
    const result: ResponseMedians = { byLeader: [], bySite: [], overall: null };
    if (query.zones.length === 0) return result;
    const [row] = await this.run('medians', queryParams(query), query.scope);
    if (!row?.medians) return result;
    const levels = JSON.parse(String(row.medians)) as MedianLevels;
    const idOf = JSON.parse(String(row.leaders)) as Record<string, string>;
    result.byLeader = levels.byLeader.map(([key, ms]) => ({ personId: idOf[key]!, medianMs: Math.round(ms) }));
    result.bySite = levels.bySite.map(([site, ms]) => ({ siteId: site === 0 ? null : site, medianMs: Math.round(ms) }));
    result.overall = levels.overall === null ? null : Math.round(levels.overall);
    return result;
  }

  async streaks(query: PeriodQuery): Promise<Streak[]> {
    if (query.zones.length === 0) return [];
    const rollups = this.rollupsFor(query);
    const fromRollups = rollups && (await rollups.streaks(query, await this.leaders(query.orgId, query.scope, query.defaultZone)));
    if (fromRollups) return fromRollups;
    const rows = (await this.run('streaks', queryParams(query), query.scope)) as Array<{ personId: string; weeks: string | null }>;
    // A leader with no due week yet has no streak row.
    return rows.flatMap((row) => (row.weeks ? [{ personId: row.personId, ...streakOf(row.weeks) }] : []));
  }

  async manyPeriods(queries: PeriodQuery[]): Promise<Array<{ facts: PeriodFacts; custom: CustomFact[] }>> {
    const out: Array<{ facts: PeriodFacts; custom: CustomFact[] } | undefined> = new Array(queries.length);
    const weekly = queries.map((q, i) => ({ q, i })).filter(({ q }) => this.rollupsFor(q, true) && isSealedWeek(q));
    if (weekly.length > 0) {
      const q0 = weekly[0]!.q;
      const leaders = await this.leaders(q0.orgId, q0.scope, q0.defaultZone);
      const facts = await sealedWeeks(
        this.client,
        this.refresher,
        weekly.map((w) => w.q),
        leaders,
      );
      weekly.forEach((w, k) => {
        out[w.i] = facts[k];
      });
    }
    for (let i = 0; i < queries.length; i++) {
      if (!out[i]) out[i] = { facts: await this.periodFacts(queries[i]!), custom: await this.customFacts(queries[i]!) };
    }
    return out as Array<{ facts: PeriodFacts; custom: CustomFact[] }>;
  }

  async weekTotals(queries: PeriodQuery[], basis: IndexBasis): Promise<Array<WeekTotals | null> | null> {
    const weekly = queries.map((q, i) => ({ q, i })).filter(({ q }) => this.rollupsFor(q, true) && isSealedWeek(q));
    const out: Array<WeekTotals | null> = queries.map(() => null);
    if (weekly.length === 0) return out;
    const totals = weekTotals(
      this.client,
      this.refresher,
      weekly.map((w) => w.q),
      basis,
    );
    if (!totals) return null;
    weekly.forEach((w, k) => {
      out[w.i] = totals[k]!;
    });
    return out;
  }

  async refreshRollups(orgId: string, defaultZone: string, nowMs: number, maxWeeks: number): Promise<number> {
    // The triggers' marks are folded on every pass, rollups read or not, so they never pile up.
    this.refresher.fold();
    if (!this.rollups) return 0;
    const first = this.client.prepare("SELECT MIN(joined_on) FROM people WHERE org_id = ? AND role = 'leader'").pluck().get(orgId) as string | null;
    if (!first) return 0;
    return this.refresher.refreshYielding(orgId, defaultZone, nowMs, weekStart(first), lastSealedMonday(nowMs), maxWeeks);
  }

  async unreachable(orgId: string, scope: LeaderScope, limit: number): Promise<UnreachablePerson[]> {
    return this.inline.run('unreachable', { ...scopeParams(orgId, scope), limit }) as unknown as UnreachablePerson[];
  }

  async customFacts(query: PeriodQuery): Promise<CustomFact[]> {
    const rollups = this.rollupsFor(query);
    const fromRollups = rollups && (await rollups.customFacts(query, await this.leaders(query.orgId, query.scope, query.defaultZone)));
    return fromRollups ?? this.rawCustomFacts(query);
  }

  private async rawCustomFacts(query: PeriodQuery): Promise<CustomFact[]> {
    const leaders = await this.leaders(query.orgId, query.scope, query.defaultZone);
    return customFacts(this.client, query, leaders);
  }

  /** Lets the workers close their connection to this store's file (call when the store closes). */
  close(): void {
    this.pool?.forget(this.key);
  }

  /** EXPLAIN QUERY PLAN of every aggregate, for the index regression test. */
  explain(query: PeriodQuery): Record<string, string[]> {
    const params = queryParams(query);
    const named: Record<string, StatementName> = {
      CALENDAR_FACTS_SQL: 'calendar',
      WINS_SQL: 'wins',
      FOLLOW_UPS_SQL: 'followUps',
      PROMPTS_SQL: 'prompts',
      MEDIANS_SQL: 'medians',
      STREAKS_SQL: 'streaks',
    };
    return Object.fromEntries(Object.entries(named).map(([label, name]) => [label, this.inline.plan(name, params)]));
  }

  /**
   * `run`, the result kept until a write changes the organisation's figures (rollups/live.ts); a
   * statement that reads @now is run every time.
   */
  private runKept(name: StatementName, params: Params, q: Pick<PeriodQuery, 'orgId' | 'scope'>): Promise<Row[]> {
    if (STATEMENTS[name].includes('@now')) return this.run(name, params, q.scope);
    this.refresher.fold();
    return this.refresher.live.remember(q.orgId, name, JSON.stringify(pick(STATEMENTS[name], params)), () => this.run(name, params, q.scope));
  }

  /** In a worker, except for one leader: a few milliseconds inline cost less than the hop. */
  private async run(name: StatementName, params: Params, scope: LeaderScope): Promise<Row[]> {
    if (this.pool && scope.kind !== 'leader') {
      try {
        return await this.pool.run(this.key, this.client.name, name, params);
      } catch (error) {
        if (!(error instanceof WorkerUnavailable)) throw error;
        this.pool = undefined; // workers cannot start here: inline from now on
      }
    }
    return this.inline.run(name, params);
  }
}
