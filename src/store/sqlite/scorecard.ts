// The scorecard's aggregates on SQLite: prepared statements over the SQL in scorecard-sql.ts.
// Each returns at most one row per leader (or per site), never raw event rows.
import type Database from 'better-sqlite3';
import type {
  LeaderFacts,
  LeaderScope,
  PeriodQuery,
  ResponseMedians,
  ScorecardRepo,
  ScoredLeader,
  Streak,
  UnreachablePerson,
} from '../../core/scorecard/repo';
import type { Db } from './db';
import {
  CALENDAR_FACTS_SQL,
  FOLLOW_UPS_SQL,
  LEADERS_SQL,
  MEDIANS_SQL,
  PROMPTS_SQL,
  STREAKS_SQL,
  UNREACHABLE_SQL,
  WINS_SQL,
} from './scorecard-sql';

type Params = Record<string, string | number | null>;

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
  };
}

const EMPTY_FACTS: Omit<LeaderFacts, 'personId'> = {
  owedDays: 0,
  meetingsYes: 0,
  meetingsDue: 0,
  walkWeeksDone: 0,
  walkWeeksDue: 0,
  wins: 0,
  followUpsOnTime: 0,
  followUpsDue: 0,
  followUpsOverdue: 0,
  promptsAnsweredInTime: 0,
  promptsCounted: 0,
};

export class SqliteScorecardRepo implements ScorecardRepo {
  private readonly statements = new Map<string, Database.Statement>();
  /** The raw connection: these statements use named parameters, json_each and window functions. */
  private readonly client: Database.Database;

  constructor(
    db: Db,
    // Kept for symmetry with the other repos; the scorecard reads "now" from each query.
    private readonly now: () => number,
  ) {
    this.client = (db as unknown as { $client: Database.Database }).$client;
  }

  async leaders(orgId: string, scope: LeaderScope, defaultZone: string): Promise<ScoredLeader[]> {
    return this.all<ScoredLeader>(LEADERS_SQL, { ...scopeParams(orgId, scope), defaultZone });
  }

  async periodFacts(query: PeriodQuery): Promise<LeaderFacts[]> {
    if (query.zones.length === 0) return [];
    const params = queryParams(query);
    const byLeader = new Map<string, LeaderFacts>();
    const merge = (rows: Array<Partial<LeaderFacts> & { personId: string }>) => {
      for (const row of rows) {
        const current = byLeader.get(row.personId) ?? { personId: row.personId, ...EMPTY_FACTS };
        byLeader.set(row.personId, { ...current, ...row });
      }
    };
    // The calendar statement returns every leader in scope, so it seeds the map.
    merge(this.all(CALENDAR_FACTS_SQL, params));
    merge(this.all(WINS_SQL, params));
    merge(this.all(FOLLOW_UPS_SQL, params));
    merge(this.all(PROMPTS_SQL, params));
    return [...byLeader.values()];
  }

  async responseMedians(query: PeriodQuery): Promise<ResponseMedians> {
    const result: ResponseMedians = { byLeader: [], bySite: [], overall: null };
    if (query.zones.length === 0) return result;
    const rows = this.all<{ level: string; key: string; medianMs: number }>(MEDIANS_SQL, queryParams(query));
    for (const row of rows) {
      const medianMs = Math.round(row.medianMs);
      if (row.level === 'leader') result.byLeader.push({ personId: row.key, medianMs });
      else if (row.level === 'site') result.bySite.push({ siteId: row.key === '' ? null : Number(row.key), medianMs });
      else result.overall = medianMs;
    }
    return result;
  }

  async streaks(query: PeriodQuery): Promise<Streak[]> {
    if (query.zones.length === 0) return [];
    return this.all<Streak>(STREAKS_SQL, queryParams(query));
  }

  async unreachable(orgId: string, scope: LeaderScope, limit: number): Promise<UnreachablePerson[]> {
    return this.all<UnreachablePerson>(UNREACHABLE_SQL, { ...scopeParams(orgId, scope), limit });
  }

  /** EXPLAIN QUERY PLAN of every aggregate, for the index regression test. */
  explain(query: PeriodQuery): Record<string, string[]> {
    const params = queryParams(query);
    const plans: Record<string, string[]> = {};
    const named = { CALENDAR_FACTS_SQL, WINS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL, MEDIANS_SQL, STREAKS_SQL };
    for (const [name, text] of Object.entries(named)) {
      const rows = this.client.prepare(`EXPLAIN QUERY PLAN ${text}`).all(pick(text, params)) as Array<{ detail: string }>;
      plans[name] = rows.map((r) => r.detail);
    }
    return plans;
  }

  private all<T>(text: string, params: Params): T[] {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.client.prepare(text);
      this.statements.set(text, statement);
    }
    return statement.all(pick(text, params)) as T[];
  }
}

/** better-sqlite3 rejects named parameters a statement does not use, so pass only those it names. */
function pick(text: string, params: Params): Params {
  const used: Params = {};
  for (const [key, value] of Object.entries(params)) if (text.includes(`@${key}`)) used[key] = value;
  return used;
}
