// Storage port for the scorecard: aggregate queries only. Every figure is counted in the store
// (SQL), one row per leader; the core never sees raw meeting, walk, win or prompt rows.
import type { Role, Weights } from '../people/types';
import type { LocalDate } from '../time';
import type { CustomDefinition } from './custom-lines';

/** Which leaders a query covers. */
export type LeaderScope = { kind: 'all' } | { kind: 'site'; siteId: number } | { kind: 'leader'; personId: string };

/** A leader who is scored, with the zone their days are read in (own → site → default). */
export interface ScoredLeader {
  id: string;
  displayName: string;
  handle: string | null;
  siteId: number | null;
  siteName: string | null;
  zone: string;
  joinedOn: LocalDate;
  unreachableReason: string | null;
}

/**
 * The period as seen from one time zone. Leaders are grouped by zone so these bounds are computed
 * once per zone: the same local days are different instants in Chicago and in London.
 */
export interface ZoneWindow {
  zone: string;
  /** First instant of the period's first day in this zone (inclusive). */
  startMs: number;
  /** First instant after the period's last day in this zone (exclusive). */
  endMs: number;
  /** Local date of "now" in this zone. */
  today: LocalDate;
  /** Last day counted: the period's last day, or today when the period is still running. */
  through: LocalDate;
  /** ISO week of today ('2026-W53'): unfinished, so it only counts once a walk is logged. */
  currentWeek: string;
}

export interface PeriodQuery {
  orgId: string;
  scope: LeaderScope;
  /** Zone of people and sites with none (settings.defaultTimeZone). */
  defaultZone: string;
  from: LocalDate;
  to: LocalDate;
  nowMs: number;
  /** One window per distinct leader zone in scope. */
  zones: ZoneWindow[];
  /** False when only the leaders' rows are wanted (the previous period): the totals are not counted. */
  totals?: boolean;
}

/** Counts for one leader and one period; see PRODUCT.md "Scorecard arithmetic". */
export interface LeaderFacts {
  personId: string;
  owedDays: number;
  meetingsYes: number;
  /** Occurrences on owed days not answered "cancelled" (unanswered after their day = "no"). */
  meetingsDue: number;
  walkWeeksDone: number;
  walkWeeksDue: number;
  wins: number;
  followUpsOnTime: number;
  followUpsDue: number;
  followUpsOverdue: number;
  promptsAnsweredInTime: number;
  /** Prompts sent in the period, less those still open and sent under 48 h ago. */
  promptsCounted: number;
}

/**
 * Figures where one item can concern several leaders (a follow-up raised by one and owned by
 * another, a win crediting several): site and organisation totals count each item once.
 */
export type DistinctCounts = Pick<LeaderFacts, 'wins' | 'followUpsOnTime' | 'followUpsDue' | 'followUpsOverdue'>;

export interface PeriodFacts {
  /** One row per leader in scope (zeros included). */
  leaders: LeaderFacts[];
  /** Distinct items per site of the leaders in scope (siteId null: leaders with no site); empty without totals. */
  sites: Array<DistinctCounts & { siteId: number | null }>;
  /** Distinct items over every leader in scope. */
  all: DistinctCounts;
}

export interface ResponseMedians {
  byLeader: Array<{ personId: string; medianMs: number }>;
  /** Pooled over the site's leaders' answered prompts (siteId null: leaders with no site). */
  bySite: Array<{ siteId: number | null; medianMs: number }>;
  /** Pooled over every leader in scope; null when nothing was answered. */
  overall: number | null;
}

export interface Streak {
  personId: string;
  /** Consecutive done weeks ending with the latest due week that is over (as of the period's end). */
  current: number;
  /** Longest run of done weeks up to the period's end. */
  best: number;
}

export interface UnreachablePerson {
  id: string;
  displayName: string;
  role: Role;
  reason: string;
}

/** One leader's figures for one custom prompt in a period: questions done ÷ due. */
export interface CustomFact {
  personId: string;
  promptId: number;
  done: number;
  due: number;
}

export interface ScorecardRepo {
  /** Leaders in scope with their effective zone, by display name. */
  leaders(orgId: string, scope: LeaderScope, defaultZone: string): Promise<ScoredLeader[]>;
  /** Per-leader counts for the period in `query`, and the distinct-item totals of sites and scope. */
  periodFacts(query: PeriodQuery): Promise<PeriodFacts>;
  /** Median time from sent to answered over prompts sent in the period and answered. */
  responseMedians(query: PeriodQuery): Promise<ResponseMedians>;
  /** Floor-walk streaks as of the end of the period (leaders with no walk ever are left out). */
  streaks(query: PeriodQuery): Promise<Streak[]>;
  /** People in scope the platform cannot message (scope 'leader': just that person). */
  unreachable(orgId: string, scope: LeaderScope, limit: number): Promise<UnreachablePerson[]>;
  /** Custom prompts' questions done and due, per leader in scope and prompt. */
  customFacts(query: PeriodQuery): Promise<CustomFact[]>;
  /**
   * Brings up to `maxWeeks` of the organisation's stale or missing weekly rollups up to date (the
   * scheduler's pass calls it, so that scorecards seldom count a week themselves). Returns how many.
   */
  refreshRollups?(orgId: string, defaultZone: string, nowMs: number, maxWeeks: number): Promise<number>;
  /**
   * periodFacts and customFacts of several periods of one scope at once (a trend's points): a store
   * may answer them in one pass (the SQLite store reads whole past weeks from its weekly rollups).
   */
  manyPeriods?(queries: PeriodQuery[]): Promise<Array<{ facts: PeriodFacts; custom: CustomFact[] }>>;
  /**
   * A site's or the organisation's weekly trend points without a row per leader: for each query
   * that is one whole past week the store keeps totals of (null for the others), the leaders' summed
   * counts, the scope's distinct counts, and the sum and number of the leaders' indexes (not n/a)
   * with these weights. Null when the store's indexes were not computed with these weights.
   */
  weekTotals?(queries: PeriodQuery[], basis: IndexBasis): Promise<Array<WeekTotals | null> | null>;
}

/** What a leader's index depends on besides their counts: the weights of the parts and of the custom prompts. */
export interface IndexBasis {
  weights: Weights;
  definitions: CustomDefinition[];
}

export interface WeekTotals {
  facts: Omit<LeaderFacts, 'personId'>;
  distinct: DistinctCounts;
  indexSum: number;
  indexCount: number;
}
