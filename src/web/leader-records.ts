// What a leader's page lists besides the figures: walks, open follow-ups, wins and excused time in
// the period, and the names of the people they mention.
import type { CoreDeps } from '../core/deps';
import type { Period } from '../core/scorecard/period';
import { instantRange, isoWeekKey } from '../core/time';

const LIST_LIMIT = 200;

export async function loadLeaderRecords(deps: CoreDeps, orgId: string, personId: string, period: Period, zone: string) {
  const { store } = deps;
  const { start, end } = instantRange(period.from, period.to, zone);
  const [walks, followUps, allWins, away, people] = await Promise.all([
    store.walks.list(orgId, personId, isoWeekKey(period.from), isoWeekKey(period.to), LIST_LIMIT),
    store.followUps.listOpenFor(orgId, personId, LIST_LIMIT),
    store.wins.between(orgId, start, end, { limit: 1000 }),
    store.away.list(orgId, personId, period.from, period.to),
    store.people.list(orgId),
  ]);
  const wins = allWins.filter((w) => w.postedBy === personId || w.people.includes(personId)).slice(0, LIST_LIMIT);
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  // A withdrawn walk no longer counts; its history is in chat (history floorwalk <id>).
  const counted = walks.filter((w) => w.withdrawnAt === null && w.walkDate >= period.from && w.walkDate <= period.to);
  return { walks: counted, followUps, wins, away, names };
}
