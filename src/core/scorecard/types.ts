// The scorecard as the core hands it to renderers (chat message, CSV, JSON, table).
import type { Weights } from '../people/types';
import type { Parts, Ratio } from './arithmetic';
import type { Period } from './period';
import type { LeaderFacts, UnreachablePerson } from './repo';
import type { LocalDate } from '../time';

export type ScorecardTarget = { kind: 'leader'; personId: string } | { kind: 'site'; siteId: number } | { kind: 'all' };

export interface ScorecardRequest {
  orgId: string;
  target: ScorecardTarget;
  period: Period;
}

export type Facts = Omit<LeaderFacts, 'personId'>;

/** A custom prompt's line: its questions done ÷ due in the period (part of the index when weighted). */
export interface CustomLine {
  promptId: number;
  question: string;
  clauses: string[];
  /** Share of the index next to the five parts' weights; null: shown, not in the index. */
  weight: number | null;
  done: number;
  due: number;
  part: Ratio | null;
}

/** Figures shared by a leader's row and a site or organisation total. */
export interface Figures {
  facts: Facts;
  /** The five parts as fractions (null = n/a). */
  parts: Parts;
  /** One line per custom prompt asked in scope (weighted ones count in the index). */
  custom: CustomLine[];
  /** Median sent → answered over answered prompts sent in the period; null when none. */
  medianResponseMs: number | null;
  /** 0–100, null when every part is n/a. */
  index: number | null;
  previousIndex: number | null;
  /** index − previousIndex; null when either is n/a. */
  trend: number | null;
}

export interface LeaderCard extends Figures {
  id: string;
  displayName: string;
  handle: string | null;
  siteId: number | null;
  siteName: string | null;
  zone: string;
  /** First day the leader was owed anything (a period ending before it owes nothing). */
  joinedOn: LocalDate;
  unreachableReason: string | null;
  streak: number;
  bestStreak: number;
}

/**
 * A site's or the organisation's figures: facts count each item once (a follow-up raised by one
 * leader and owned by another, or a win crediting several, counts once; not a sum over leaders, not
 * a mean of percentages); the index is the mean of the leaders' indexes.
 */
export interface GroupCard extends Figures {
  level: 'site' | 'org';
  siteId: number | null;
  name: string;
  leaderCount: number;
}

export interface Scorecard {
  orgId: string;
  target: ScorecardTarget;
  /** 'Maria Lopez', 'site Plant 1', 'all leaders of Acme'. */
  subject: string;
  period: Period;
  previous: Period;
  /** The instant the figures were computed at (epoch ms). */
  asOf: number;
  weights: Weights;
  leaders: LeaderCard[];
  sites: GroupCard[];
  org: GroupCard | null;
  /** People in scope whom the platform cannot message (at most 50). */
  unreachable: UnreachablePerson[];
}
