// What both engines' scorecard statements return, put together the same way: rows at three levels
// (per leader; per site, siteKey 0 = no site; the whole scope) merged into the core's PeriodFacts,
// and a leader's streak read from their due weeks.
import type { DistinctCounts, LeaderFacts, PeriodFacts } from '../../core/scorecard/repo';

export const emptyFacts = (): Omit<LeaderFacts, 'personId'> => ({
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
});

export const emptyDistinct = (): DistinctCounts => ({ wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 });

/**
 * A row of a facts statement. The calendar and prompts statements count per leader only (a meeting
 * occurrence, walk week or prompt concerns one leader, so a site's sum counts each once); the wins
 * and follow-ups statements also return distinct counts per site and for the whole scope ('all').
 */
export type LevelRow = Partial<LeaderFacts> & { level?: 'leader' | 'site' | 'all'; personId?: string; siteKey?: number | null };

/** Merges the facts statements' rows (the calendar statement's first: it lists every leader in scope). */
export function mergeLevelRows(parts: LevelRow[][]): PeriodFacts {
  const all = emptyDistinct();
  const byLeader = new Map<string, LeaderFacts>();
  const bySite = new Map<number, DistinctCounts & { siteId: number | null }>();
  for (const rows of parts) {
    for (const { level, personId, siteKey, ...counts } of rows) {
      if (level === 'all') {
        Object.assign(all, counts);
      } else if (level === 'site') {
        let site = bySite.get(siteKey!);
        if (!site) bySite.set(siteKey!, (site = { siteId: siteKey === 0 ? null : siteKey!, ...emptyDistinct() }));
        Object.assign(site, counts);
      } else {
        let facts = byLeader.get(personId!);
        if (!facts) byLeader.set(personId!, (facts = { personId: personId!, ...emptyFacts() }));
        Object.assign(facts, counts);
      }
    }
  }
  return { leaders: [...byLeader.values()], sites: [...bySite.values()], all };
}

/**
 * Current and best streak from a leader's due weeks in order ('1' walked, '0' missed): the run of
 * '1's at the end, and the longest run.
 */
export function streakOf(weeks: string): { current: number; best: number } {
  const runs = weeks.split('0');
  return { current: runs[runs.length - 1]!.length, best: Math.max(...runs.map((r) => r.length)) };
}
