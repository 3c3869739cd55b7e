// The words of `clause5 scorecard`: who (a leader, a site, everyone) and which period.
import { UsageError } from './args';

export interface ScorecardArgs {
  target?: string;
  period?: string;
}

const PERIOD_WORD = /^(week|month|quarter|year|last-?\w+|this-?\w+|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2}|\d{4}-Q[1-4])$/i;

/** Splits the positional words into a target ('@maria', 'site Plant 1', 'all') and a period. */
export function parseScorecardArgs(words: string[]): ScorecardArgs {
  const rest = [...words];
  let target: string | undefined;
  const first = rest[0];
  if (first?.startsWith('@')) target = rest.shift();
  else if (first?.toLowerCase() === 'all') target = rest.shift()!.toLowerCase();
  else if (first?.toLowerCase() === 'site') {
    rest.shift();
    const name: string[] = [];
    while (rest.length && !(name.length > 0 && PERIOD_WORD.test(rest[0]!))) name.push(rest.shift()!);
    if (name.length === 0) throw new UsageError('scorecard: “site” needs the site name, e.g. scorecard site "Plant 1" month.');
    target = `site ${name.join(' ')}`;
  }
  if (rest.length > 1)
    throw new UsageError(`scorecard: I don't understand “${rest.join(' ')}”. Give at most one period, e.g. month or 2026-01-01..2026-03-31.`);
  return { target, period: rest[0] };
}

/** Takes a trailing "chart [trend|grid|sites]" off the words; the kind is checked later. */
export function splitChartWords(words: string[]): { words: string[]; chart?: string } {
  const at = words.findIndex((w) => w.toLowerCase() === 'chart');
  if (at < 0) return { words };
  const rest = words.slice(at + 1);
  if (rest.length > 1) throw new UsageError(`scorecard: put “chart” last, optionally followed by trend, grid or sites (not “${rest.join(' ')}”).`);
  return { words: words.slice(0, at), chart: rest[0] ?? 'trend' };
}
