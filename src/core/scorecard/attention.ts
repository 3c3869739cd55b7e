// What the Monday digest points at. "Needs attention": leaders with two or more missed floor walks
// in a row, follow-ups overdue more than a week, three or more prompts in a row unanswered, a
// meeting whose after-meeting check was never answered, or whom the bot cannot message at all. "Top movers": the biggest index changes
// against the week before. Per-leader lines: for digest recipients' DMs only, never a channel.
import type { CoreDeps } from '../deps';
import { addDays, daysBetween, weekRange, type LocalDate } from '../time';
import type { LeaderCard } from './types';
import { missedWalkRuns } from './walk-runs';

/** An open prompt younger than this can still be answered in time: not yet unanswered. */
const ANSWER_WINDOW_MS = 48 * 3_600_000;
export const MISSED_WALKS_IN_A_ROW = 2;
export const OVERDUE_MORE_THAN_DAYS = 7;
export const UNANSWERED_IN_A_ROW = 3;
/** A meeting checked only once is too new to call "never confirmed". */
export const UNCONFIRMED_MIN_CHECKS = 2;
/** How far back runs of missed walks and unanswered prompts are looked for. */
const LOOKBACK_WEEKS = 8;
const MOVERS_EACH_WAY = 3;

export interface AttentionLine {
  personId: string;
  name: string;
  siteName: string | null;
  reasons: string[];
  /** Sort key: longest run of missed walks first among leaders with as many reasons. */
  missedWeeks: number;
}

export interface Mover {
  name: string;
  siteName: string | null;
  index: number;
  previousIndex: number;
  trend: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The leaders of `leaders` (last week's scorecard rows) that need attention, as of the end of
 * `week` for walks and meetings and as of `today` (the digest's local date) for follow-ups and prompts.
 */
export async function needsAttention(deps: CoreDeps, orgId: string, week: string, leaders: LeaderCard[], today: LocalDate): Promise<AttentionLine[]> {
  if (leaders.length === 0) return [];
  const nowMs = deps.clock.now();
  const weekEnd = weekRange(week).to;
  const [walkRuns, followUps, prompts, meetings] = await Promise.all([
    missedWalkRuns(deps, orgId, { kind: 'all' }, week, LOOKBACK_WEEKS),
    deps.store.attention.overdueFollowUps(orgId, addDays(today, -OVERDUE_MORE_THAN_DAYS)),
    deps.store.attention.unansweredRuns(orgId, {
      sinceMs: nowMs - LOOKBACK_WEEKS * 7 * 86_400_000,
      nowMs,
      settleMs: ANSWER_WINDOW_MS,
      minRun: UNANSWERED_IN_A_ROW,
    }),
    deps.store.attention.unconfirmedMeetings(orgId, weekEnd, UNCONFIRMED_MIN_CHECKS),
  ]);
  const lines = new Map<string, AttentionLine>();
  const byId = new Map(leaders.map((l) => [l.id, l]));
  const add = (personId: string, reason: string, missedWeeks = 0) => {
    const leader = byId.get(personId);
    if (!leader) return; // a member who owns a follow-up, a former leader: not on the scorecard
    const line = lines.get(personId) ?? { personId, name: leader.displayName, siteName: leader.siteName, reasons: [], missedWeeks: 0 };
    line.reasons.push(reason);
    line.missedWeeks = Math.max(line.missedWeeks, missedWeeks);
    lines.set(personId, line);
  };
  for (const l of leaders) if (l.unreachableReason) add(l.id, `Clause5 cannot message them (${l.unreachableReason})`);
  for (const [id, run] of walkRuns) {
    if (run.weeks >= MISSED_WALKS_IN_A_ROW) add(id, `no floor walk ${run.weeks}${run.atLeast ? '+' : ''} weeks running`, run.weeks);
  }
  for (const f of followUps) {
    add(f.personId, `${plural(f.count, 'follow-up')} overdue over a week (oldest due ${f.oldestDue}, ${daysBetween(f.oldestDue, today)} days ago)`);
  }
  for (const p of prompts) add(p.personId, `last ${p.run} prompts unanswered`);
  for (const m of meetings) add(m.personId, `meeting “${m.title}” never confirmed (${plural(m.checks, 'check')} since ${m.firstDate})`);
  return [...lines.values()].sort((a, b) => b.reasons.length - a.reasons.length || b.missedWeeks - a.missedWeeks || a.name.localeCompare(b.name));
}

/** The biggest index changes against the week before: up to three each way, largest first. */
export function topMovers(leaders: LeaderCard[]): { up: Mover[]; down: Mover[] } {
  const movers = leaders
    .filter((l) => l.trend !== null && l.trend !== 0)
    .map((l): Mover => ({ name: l.displayName, siteName: l.siteName, index: l.index!, previousIndex: l.previousIndex!, trend: l.trend! }));
  const byName = (a: Mover, b: Mover) => a.name.localeCompare(b.name);
  return {
    up: movers
      .filter((m) => m.trend > 0)
      .sort((a, b) => b.trend - a.trend || byName(a, b))
      .slice(0, MOVERS_EACH_WAY),
    down: movers
      .filter((m) => m.trend < 0)
      .sort((a, b) => a.trend - b.trend || byName(a, b))
      .slice(0, MOVERS_EACH_WAY),
  };
}
