// Missed floor walks in a row, counted the scorecard's way: a due week with no walk is missed, a
// week with a walk is done, a week with nothing owed (away, shutdown, not yet joined) is skipped —
// neither a break nor a miss, as for streaks. Read from one weekly scorecard per week, newest first.
import type { CoreDeps } from '../deps';
import { addDays, isoWeekKey, weekRange } from '../time';
import { buildScorecard } from './build';
import type { Period } from './period';
import type { LeaderScope } from './repo';
import type { ScorecardTarget } from './types';

export interface MissedRun {
  /** Missed due weeks in a row ending with the last week asked about. */
  weeks: number;
  /** The lookback ran out before the run ended: it may be longer. */
  atLeast: boolean;
  /** The missed weeks, newest first. */
  weekKeys: string[];
}

export function weekPeriod(weekKey: string): Period {
  const { from, to } = weekRange(weekKey);
  return { from, to, label: `week ${weekKey}`, days: 7 };
}

function scopeOf(target: ScorecardTarget): LeaderScope {
  if (target.kind === 'leader') return { kind: 'leader', personId: target.personId };
  if (target.kind === 'site') return { kind: 'site', siteId: target.siteId };
  return { kind: 'all' };
}

/**
 * Each leader in `target` with at least one missed week ending with `lastWeek`, looking back at
 * most `maxWeeks` weeks. Stops early once every leader's run has ended.
 */
export async function missedWalkRuns(
  deps: CoreDeps,
  orgId: string,
  target: ScorecardTarget,
  lastWeek: string,
  maxWeeks: number,
): Promise<Map<string, MissedRun>> {
  const leaders = await deps.store.scorecard.leaders(orgId, scopeOf(target), deps.settings.defaultTimeZone);
  const open = new Map(leaders.map((l) => [l.id, { joinedOn: l.joinedOn, run: { weeks: 0, atLeast: false, weekKeys: [] as string[] } }]));
  const runs = new Map<string, MissedRun>();
  let week = lastWeek;
  for (let i = 0; i < maxWeeks && open.size > 0; i++, week = isoWeekKey(addDays(weekRange(week).from, -7))) {
    const card = await buildScorecard(deps, { orgId, target, period: weekPeriod(week) });
    for (const leader of card.leaders) {
      const state = open.get(leader.id);
      if (!state) continue;
      const { walkWeeksDone, walkWeeksDue } = leader.facts;
      const ended = walkWeeksDone > 0 || weekRange(week).to < state.joinedOn;
      if (ended) {
        open.delete(leader.id);
        continue;
      }
      if (walkWeeksDue > 0) {
        state.run.weeks++;
        state.run.weekKeys.push(week);
        runs.set(leader.id, state.run);
      }
    }
  }
  for (const [id, state] of open) if (runs.has(id)) state.run.atLeast = true;
  return runs;
}
