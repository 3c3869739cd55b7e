// The scorecard's aggregates on PostgreSQL (or PGlite): the same ScorecardRepo as SQLite's, with
// PostgreSQL's own SQL (scorecard-sql*.ts). Each statement returns at most one row per leader or
// site. The server runs the independent statements of a period side by side on pooled connections,
// so no worker threads are needed here. With `rollups: 'all'` (and a transaction to count weeks
// in) a site's or the organisation's period reads its whole sealed weeks from the weekly rollups
// (rollups/read.ts); one leader's, and the streaks, always run the raw statements.
import type {
  CustomFact,
  LeaderScope,
  PeriodFacts,
  PeriodQuery,
  ResponseMedians,
  ScorecardRepo,
  ScoredLeader,
  Streak,
  UnreachablePerson,
} from '../../core/scorecard/repo';
import { emptyDistinct, type LevelRow, mergeLevelRows, streakOf } from '../shared/scorecard-rows';
import { bind, type Params, queryParams, scopeParams } from './scorecard-bind';
import { LEADERS_SQL, UNREACHABLE_SQL } from './scorecard-sql';
import { CALENDAR_FACTS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL, WINS_SQL } from './scorecard-sql-facts';
import { CUSTOM_SQL, MEDIANS_SQL, STREAKS_SQL } from './scorecard-sql-history';
import { PgRollupReader } from './rollups/read';
import { PgRollupRefresher, type Transaction } from './rollups/refresh';
import { lastSealedMonday } from '../rollups-shared/plan';
import { weekStart } from '../../core/time';

/** A plain query on the engine's client (node-postgres pool or PGlite), rows as objects. */
export type PgQuery = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

type Row = Record<string, unknown>;

export interface PgScorecardOptions {
  /**
   * 'all': whole sealed weeks of a site's or the organisation's periods from the weekly rollups
   * (needs `transaction`); false (the default): every figure from the event tables, the reference
   * the rollups must equal (the property test, `db copy`'s comparison).
   */
  rollups?: 'all' | false;
  /** Runs statements in one transaction on one connection (the rollups' writes). */
  transaction?: Transaction;
  /**
   * Stale or missing weeks a read counts itself (default 8, about 2 s a week for 500 leaders);
   * a period with more runs the raw statements meanwhile, and the scheduler's passes count them.
   */
  inlineWeeks?: number;
}

export class PgScorecardRepo implements ScorecardRepo {
  /** Counts weeks into the rollups (also for `rollups rebuild`); absent on the raw path. */
  readonly refresher: PgRollupRefresher | undefined;
  private readonly rollups: PgRollupReader | undefined;

  constructor(
    private readonly query: PgQuery,
    options: PgScorecardOptions = {},
  ) {
    if (options.transaction) this.refresher = new PgRollupRefresher(query, options.transaction);
    if (this.refresher && options.rollups === 'all')
      this.rollups = new PgRollupReader(query, this.refresher, (q) => this.rawPeriodFacts(q), options.inlineWeeks ?? 8);
  }

  /** The rollups serve groups of leaders; one leader's raw statements are cheap. */
  private async rollupsFor(query: PeriodQuery): Promise<{ reader: PgRollupReader; leaders: ScoredLeader[] } | undefined> {
    if (!this.rollups || query.scope.kind === 'leader' || query.zones.length === 0) return undefined;
    return { reader: this.rollups, leaders: await this.leaders(query.orgId, query.scope, query.defaultZone) };
  }

  async leaders(orgId: string, scope: LeaderScope, defaultZone: string): Promise<ScoredLeader[]> {
    return (await this.run(LEADERS_SQL, { ...scopeParams(orgId, scope), defaultZone })) as unknown as ScoredLeader[];
  }

  async periodFacts(query: PeriodQuery): Promise<PeriodFacts> {
    const rollups = await this.rollupsFor(query);
    return (rollups && (await rollups.reader.periodFacts(query, rollups.leaders))) ?? this.rawPeriodFacts(query);
  }

  private async rawPeriodFacts(query: PeriodQuery): Promise<PeriodFacts> {
    if (query.zones.length === 0) return { leaders: [], sites: [], all: emptyDistinct() };
    const params = queryParams(query);
    const parts = await Promise.all([CALENDAR_FACTS_SQL, WINS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL].map((sql) => this.run(sql, params)));
    return mergeLevelRows(parts as LevelRow[][]);
  }

  async responseMedians(query: PeriodQuery): Promise<ResponseMedians> {
    const rollups = await this.rollupsFor(query);
    const fromRollups = rollups && (await rollups.reader.responseMedians(query, rollups.leaders));
    if (fromRollups) return fromRollups;
    const result: ResponseMedians = { byLeader: [], bySite: [], overall: null };
    if (query.zones.length === 0) return result;
    const rows = (await this.run(MEDIANS_SQL, queryParams(query))) as Array<LevelRow & { medianMs: number | null }>;
    for (const row of rows) {
      if (row.medianMs === null) continue;
      const ms = Math.round(row.medianMs);
      if (row.level === 'all') result.overall = ms;
      else if (row.level === 'site') result.bySite.push({ siteId: row.siteKey === 0 ? null : row.siteKey!, medianMs: ms });
      else result.byLeader.push({ personId: row.personId!, medianMs: ms });
    }
    return result;
  }

  async streaks(query: PeriodQuery): Promise<Streak[]> {
    if (query.zones.length === 0) return [];
    const rows = (await this.run(STREAKS_SQL, queryParams(query))) as Array<{ personId: string; weeks: string | null }>;
    // A leader with no due week yet has no streak row.
    return rows.flatMap((row) => (row.weeks ? [{ personId: row.personId, ...streakOf(row.weeks) }] : []));
  }

  async unreachable(orgId: string, scope: LeaderScope, limit: number): Promise<UnreachablePerson[]> {
    return (await this.run(UNREACHABLE_SQL, { ...scopeParams(orgId, scope), limit })) as unknown as UnreachablePerson[];
  }

  async customFacts(query: PeriodQuery): Promise<CustomFact[]> {
    if (query.zones.length === 0) return [];
    const rollups = await this.rollupsFor(query);
    const fromRollups = rollups && (await rollups.reader.customFacts(query, rollups.leaders));
    if (fromRollups) return fromRollups;
    return (await this.run(CUSTOM_SQL, queryParams(query))) as unknown as CustomFact[];
  }

  async refreshRollups(orgId: string, defaultZone: string, nowMs: number, maxWeeks: number): Promise<number> {
    if (!this.refresher) return 0;
    // The triggers' marks are folded on every pass, rollups read or not, so they never pile up.
    if (!this.rollups) return this.refresher.fold().then(() => 0);
    const [row] = await this.query<{ first: string | null }>("SELECT MIN(joined_on) AS first FROM people WHERE org_id = $1 AND role = 'leader'", [orgId]);
    if (!row?.first) return 0;
    return this.refresher.refresh(orgId, defaultZone, nowMs, weekStart(row.first), lastSealedMonday(nowMs), maxWeeks);
  }

  private run(sql: string, params: Params): Promise<Row[]> {
    const { text, values } = bind(sql, params);
    return this.query<Row>(text, values);
  }
}
