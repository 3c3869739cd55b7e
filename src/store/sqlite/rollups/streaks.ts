// Floor-walk streaks from the leaders' histories (history.ts): one row per leader holds every counted
// week's character, so "as of the period's end" is a walk over that string, from the Monday of the
// leader's first walk (where STREAKS_SQL starts) to the last sealed week, then the raw tail's
// characters — instead of one rollup row per leader and week.
import type { Streak } from '../../../core/scorecard/repo';
import { type LeaderHistory, weekNumber } from './history';

/**
 * Current and best runs of '1's over the history's weeks [firstWeek, lastWeek] (week numbers) and
 * then the tail; null when there is no week at all (STREAKS_SQL returns no characters).
 */
export function historyStreak(personId: string, h: LeaderHistory | undefined, firstWeek: number, lastWeek: number, tail: string): Streak | null {
  let current = 0;
  let best = 0;
  let weeks = 0;
  const step = (c: string) => {
    if (c === '1') {
      weeks++;
      current++;
      if (current > best) best = current;
    } else if (c === '0') {
      weeks++;
      current = 0;
    }
  };
  if (h?.streak) {
    const start = weekNumber(h.streakFrom);
    const through = Math.min(h.streak.length, lastWeek - start + 1);
    for (let i = Math.max(0, firstWeek - start); i < through; i++) step(h.streak[i]!);
  }
  for (const c of tail) step(c);
  return weeks > 0 ? { personId, current, best } : null;
}
