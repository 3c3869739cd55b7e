// The scorecard's arithmetic, exact so that a hand check always agrees: parts are fractions, the
// index is computed with integer (bigint) arithmetic and rounded half up (72.5 → 73).
import { DEFAULT_WEIGHTS, type Weights } from '../people/types';
import type { LeaderFacts } from './repo';

/** A fraction; a figure with nothing due is null ("n/a"), never 0 %. */
export interface Ratio {
  num: number;
  den: number;
}

/** The five index parts as fractions between 0 and 1, in weight order. */
export interface Parts {
  meetings: Ratio | null;
  walks: Ratio | null;
  wins: Ratio | null;
  followUps: Ratio | null;
  response: Ratio | null;
}

export const PART_NAMES = ['meetings', 'walks', 'wins', 'followUps', 'response'] as const;

export function ratio(num: number, den: number): Ratio | null {
  return den > 0 ? { num, den } : null;
}

/** min(1, wins ÷ due weeks): one recognition a week is full marks. */
export function winsPart(wins: number, dueWeeks: number): Ratio | null {
  if (dueWeeks <= 0) return null;
  return wins >= dueWeeks ? { num: 1, den: 1 } : { num: wins, den: dueWeeks };
}

export function partsOf(f: Omit<LeaderFacts, 'personId'>): Parts {
  return {
    meetings: ratio(f.meetingsYes, f.meetingsDue),
    walks: ratio(f.walkWeeksDone, f.walkWeeksDue),
    wins: winsPart(f.wins, f.walkWeeksDue),
    followUps: ratio(f.followUpsOnTime, f.followUpsDue),
    response: ratio(f.promptsAnsweredInTime, f.promptsCounted),
  };
}

/** num ÷ den rounded half up, for num ≥ 0 and den > 0. */
export function roundHalfUp(num: bigint | number, den: bigint | number): number {
  const n = BigInt(num);
  const d = BigInt(den);
  return Number((2n * n + d) / (2n * d));
}

/** A ratio as a whole percentage, rounded half up. */
export function percent(r: Ratio): number {
  return roundHalfUp(100 * r.num, r.den);
}

/** The org's weights when they are usable (five non-negative numbers, some positive), else 30/30/15/15/10. */
export function effectiveWeights(weights: unknown): Weights {
  if (!Array.isArray(weights) || weights.length !== 5) return [...DEFAULT_WEIGHTS];
  if (!weights.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0)) return [...DEFAULT_WEIGHTS];
  if ((weights as number[]).reduce((a, b) => a + b, 0) <= 0) return [...DEFAULT_WEIGHTS];
  return [...(weights as Weights)];
}

/** A fraction and its weight in the index: one of the five parts, or a weighted custom prompt. */
export interface IndexTerm {
  part: Ratio | null;
  weight: number;
}

/** The five parts with the organisation's weights, then any weighted extra terms (custom prompts). */
export function indexTerms(parts: Parts, weights: Weights, extra: IndexTerm[] = []): IndexTerm[] {
  return [...PART_NAMES.map((name, i) => ({ part: parts[name], weight: weights[i]! })), ...extra];
}

/**
 * 0–100: the weighted mean of the parts that are not n/a, with their weights rescaled to sum to
 * one, rounded half up. Null when every weighted part is n/a. Exact: in plain numbers while every
 * intermediate is a safe integer (a leader's figures), else in BigInt (an organisation's sums).
 * `extra` adds weighted custom prompts next to the five parts.
 */
export function indexOf(parts: Parts, weights: Weights, extra: IndexTerm[] = []): number | null {
  const terms = indexTerms(parts, weights, extra);
  // Decimal weights (12.5) become whole thousandths so the sum stays exact.
  const scale = terms.every((t) => Number.isInteger(t.weight)) ? 1 : 1000;
  const fast = indexInNumbers(terms, scale);
  return fast === TOO_BIG ? termsInBigInts(terms, scale) : fast;
}

const TOO_BIG = Symbol('too big for exact number arithmetic');

function indexInNumbers(terms: IndexTerm[], scale: number): number | null | typeof TOO_BIG {
  let num = 0; // Σ w·n/d as num/den
  let den = 1;
  let weightSum = 0;
  for (const { part, weight } of terms) {
    const w = Math.round(weight * scale);
    if (!part || w === 0) continue;
    // A product above 2^53 rounds to at least 2^53, so the checks catch every inexact step.
    const term = w * part.num * den;
    num = num * part.den + term;
    den *= part.den;
    weightSum += w;
    if (!Number.isSafeInteger(term) || !Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return TOO_BIG;
  }
  if (weightSum === 0) return null;
  // roundHalfUp(100·num, den·weightSum) = ⌊(200·num + den·weightSum) / (2·den·weightSum)⌋
  const a = 200 * num + den * weightSum;
  const b = 2 * den * weightSum;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return TOO_BIG;
  return (a - (a % b)) / b;
}

/** The same in BigInt, for any size. */
export function indexInBigInts(parts: Parts, weights: Weights, extra: IndexTerm[] = []): number | null {
  const terms = indexTerms(parts, weights, extra);
  return termsInBigInts(terms, terms.every((t) => Number.isInteger(t.weight)) ? 1 : 1000);
}

function termsInBigInts(terms: IndexTerm[], scale: number): number | null {
  let num = 0n;
  let den = 1n;
  let weightSum = 0n;
  for (const { part, weight } of terms) {
    const w = BigInt(Math.round(weight * scale));
    if (!part || w === 0n) continue;
    const d = BigInt(part.den);
    num = num * d + w * BigInt(part.num) * den;
    den *= d;
    weightSum += w;
  }
  if (weightSum === 0n) return null;
  return roundHalfUp(100n * num, den * weightSum);
}

/** Mean of the indexes that are not n/a, rounded half up (the site and organisation index). */
export function meanIndex(indexes: Array<number | null>): number | null {
  const known = indexes.filter((i): i is number => i !== null);
  if (known.length === 0) return null;
  return roundHalfUp(
    known.reduce((a, b) => a + b, 0),
    known.length,
  );
}

export function trendOf(index: number | null, previous: number | null): number | null {
  return index === null || previous === null ? null : index - previous;
}

/** Sums numerators and denominators over leaders (site and organisation totals of items that concern one leader each). */
export function sumFacts(rows: Array<Omit<LeaderFacts, 'personId'>>): Omit<LeaderFacts, 'personId'> {
  const total: Omit<LeaderFacts, 'personId'> = {
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
  for (const row of rows) {
    for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += row[key];
  }
  return total;
}
