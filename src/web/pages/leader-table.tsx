// The leaders of a scorecard as a table that sorts by any column through links (no script): the
// header link carries the sort in the URL, so a sorted view can be shared and printed.
import { fraction, pct, trendText, durationText, NA } from '../../core/scorecard/format';
import type { LeaderCard } from '../../core/scorecard/types';

export const SORT_KEYS = ['name', 'site', 'index', 'trend', 'meetings', 'walks', 'wins', 'followUps'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function parseSort(text: string | null): SortKey {
  return (SORT_KEYS as readonly string[]).includes(text ?? '') ? (text as SortKey) : 'index';
}

function sortValue(leader: LeaderCard, key: SortKey): string | number {
  const part = (r: { num: number; den: number } | null) => (r ? r.num / r.den : -1);
  switch (key) {
    case 'name':
      return leader.displayName.toLowerCase();
    case 'site':
      return (leader.siteName ?? '').toLowerCase();
    case 'index':
      return leader.index ?? -1;
    case 'trend':
      return leader.trend ?? -1000;
    case 'meetings':
      return part(leader.parts.meetings);
    case 'walks':
      return part(leader.parts.walks);
    case 'wins':
      return part(leader.parts.wins);
    case 'followUps':
      return part(leader.parts.followUps);
  }
}

/** Text columns sort A→Z, figures lowest first: the leaders who need attention come to the top. */
export function sortLeaders(leaders: LeaderCard[], key: SortKey): LeaderCard[] {
  return [...leaders].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x < y) return -1;
    if (x > y) return 1;
    return a.displayName.localeCompare(b.displayName);
  });
}

const HEADINGS: Array<[SortKey, string]> = [
  ['name', 'Leader'],
  ['site', 'Site'],
  ['index', 'Index'],
  ['trend', 'Trend'],
  ['meetings', 'Meetings'],
  ['walks', 'Floor walks'],
  ['wins', 'Wins'],
  ['followUps', 'Follow-ups'],
];

export function LeaderTable(props: { leaders: LeaderCard[]; sort: SortKey; link: (sort: SortKey) => string; leaderHref: (id: string) => string }) {
  const rows = sortLeaders(props.leaders, props.sort);
  return (
    <div class="table-wrap">
      <table class="leaders">
        <caption>Leaders, sorted by {HEADINGS.find(([key]) => key === props.sort)?.[1].toLowerCase()}</caption>
        <thead>
          <tr>
            {HEADINGS.map(([key, label]) => (
              <th scope="col" aria-sort={key === props.sort ? 'ascending' : undefined}>
                <a href={props.link(key)}>{label}</a>
              </th>
            ))}
            <th scope="col">Response</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr>
              <th scope="row">
                <a href={props.leaderHref(l.id)}>{l.displayName}</a>
              </th>
              <td>{l.siteName ?? 'No site'}</td>
              <td class="num">{l.index ?? NA}</td>
              <td>{trendText(l.trend)}</td>
              <td>{fraction(l.parts.meetings, l.facts.meetingsYes, l.facts.meetingsDue)}</td>
              <td>{fraction(l.parts.walks, l.facts.walkWeeksDone, l.facts.walkWeeksDue)}</td>
              <td>{pct(l.parts.wins)}</td>
              <td>{fraction(l.parts.followUps, l.facts.followUpsOnTime, l.facts.followUpsDue)}</td>
              <td>{durationText(l.medianResponseMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
