// The scorecard's aggregates on PostgreSQL (or PGlite): the same ScorecardRepo as SQLite's, with
// PostgreSQL's own SQL (scorecard-sql*.ts). Each statement returns at most one row per leader or
// site. The server runs the independent statements of a period side by side on pooled connections,
// so no worker threads are needed here.
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
import { bind, type Params } from './scorecard-bind';
import { LEADERS_SQL, UNREACHABLE_SQL } from './scorecard-sql';
import { CALENDAR_FACTS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL, WINS_SQL } from './scorecard-sql-facts';
import { CUSTOM_SQL, MEDIANS_SQL, STREAKS_SQL } from './scorecard-sql-history';

/** A plain query on the engine's client (node-postgres pool or PGlite), rows as objects. */
export type PgQuery = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

type Row = Record<string, unknown>;

function scopeParams(orgId: string, scope: LeaderScope): Params {
  return {
    org: orgId,
    site: scope.kind === 'site' ? scope.siteId : null,
    person: scope.kind === 'leader' ? scope.personId : null,
  };
}

function queryParams(q: PeriodQuery): Params {
  return {
    ...scopeParams(q.orgId, q.scope),
    defaultZone: q.defaultZone,
    zones: JSON.stringify(q.zones),
    from: q.from,
    to: q.to,
    now: q.nowMs,
    totals: q.totals !== false,
  };
}

export class PgScorecardRepo implements ScorecardRepo {
  constructor(private readonly query: PgQuery) {}

  async leaders(orgId: string, scope: LeaderScope, defaultZone: string): Promise<ScoredLeader[]> {
    return (await this.run(LEADERS_SQL, { ...scopeParams(orgId, scope), defaultZone })) as unknown as ScoredLeader[];
  }

  async periodFacts(query: PeriodQuery): Promise<PeriodFacts> {
    if (query.zones.length === 0) return { leaders: [], sites: [], all: emptyDistinct() };
    const params = queryParams(query);
    const parts = await Promise.all([CALENDAR_FACTS_SQL, WINS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL].map((sql) => this.run(sql, params)));
    return mergeLevelRows(parts as LevelRow[][]);
  }

  async responseMedians(query: PeriodQuery): Promise<ResponseMedians> {
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
    return (await this.run(CUSTOM_SQL, queryParams(query))) as unknown as CustomFact[];
  }

  private run(sql: string, params: Params): Promise<Row[]> {
    const { text, values } = bind(sql, params);
    return this.query<Row>(text, values);
  }
}
