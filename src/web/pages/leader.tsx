// One leader's page: the scorecard, the floor-walk notes in full, follow-ups, wins and excused time.
import type { FollowUp, FloorWalk } from '../../core/floor-walks/repo';
import type { AwayPeriod } from '../../core/people/types';
import { durationText, fraction, indexText, pct } from '../../core/scorecard/format';
import type { LeaderCard, Scorecard } from '../../core/scorecard/types';
import type { Win } from '../../core/wins/repo';
import { Layout, type Viewer } from './layout';
import { PeriodForm } from './period-form';
import { ChartImages } from './charts';
import { Downloads } from './downloads';

export interface LeaderPageProps {
  viewer: Viewer;
  card: Scorecard;
  leader: LeaderCard;
  chosen: string;
  walks: FloorWalk[];
  followUps: FollowUp[];
  wins: Win[];
  away: AwayPeriod[];
  /** Display names by person id, for follow-up owners and people named in wins. */
  names: Map<string, string>;
}

export function LeaderPage(props: LeaderPageProps) {
  const { leader: l, card, chosen } = props;
  const name = (id: string) => props.names.get(id) ?? id;
  const csv = `/web/scorecard.csv?${new URLSearchParams({ scope: 'leader', id: l.id, period: chosen })}`;
  return (
    <Layout title={`Leadership scorecard — ${l.displayName}`} viewer={props.viewer}>
      <PeriodForm action="/web/leader" period={card.period} chosen={chosen} hidden={{ id: l.id }} />
      <dl class="facts">
        <dt>Leadership index</dt>
        <dd>{indexText(l.index, l.previousIndex, l.trend)}</dd>
        <dt>Meetings opened with a quality update</dt>
        <dd>{fraction(l.parts.meetings, l.facts.meetingsYes, l.facts.meetingsDue)}</dd>
        <dt>Floor walks</dt>
        <dd>{fraction(l.parts.walks, l.facts.walkWeeksDone, l.facts.walkWeeksDue, ' weeks')}</dd>
        <dt>Wins recognised</dt>
        <dd>
          {l.facts.wins} ({pct(l.parts.wins)})
        </dd>
        <dt>Follow-ups closed on time</dt>
        <dd>
          {fraction(l.parts.followUps, l.facts.followUpsOnTime, l.facts.followUpsDue)}; {l.facts.followUpsOverdue} overdue
        </dd>
        <dt>Median response</dt>
        <dd>{durationText(l.medianResponseMs)}</dd>
        <dt>Site</dt>
        <dd>{l.siteName ?? 'No site'}</dd>
      </dl>
      <ChartImages scope={{ scope: 'leader', id: l.id }} period={chosen} subject={l.displayName} />
      <section aria-labelledby="walks">
        <h2 id="walks">Floor walks</h2>
        {props.walks.length === 0 ? (
          <p>No floor walks recorded in this period.</p>
        ) : (
          props.walks.map((w) => (
            <article class="walk">
              <h3>
                #{w.id} {w.walkDate} — {w.area}
              </h3>
              <p>
                <strong>Went well:</strong> {w.wentWell ?? '—'}
              </p>
              <p>
                <strong>Concerns:</strong> {w.concerns ?? '—'}
              </p>
              {w.tags.length > 0 && <p class="tags">Tags: {w.tags.join(', ')}</p>}
            </article>
          ))
        )}
      </section>
      <section aria-labelledby="followups">
        <h2 id="followups">Open follow-ups</h2>
        {props.followUps.length === 0 ? (
          <p>None open.</p>
        ) : (
          <ul>
            {props.followUps.map((f) => (
              <li>
                #{f.id} {f.text} — owner {name(f.ownerId)}, due {f.dueDate}, raised by {name(f.raisedBy)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="wins">
        <h2 id="wins">Wins</h2>
        {props.wins.length === 0 ? (
          <p>No wins in this period.</p>
        ) : (
          <ul>
            {props.wins.map((w) => (
              <li>
                #{w.id} {new Date(w.postedAt).toISOString().slice(0, 10)}: {w.text}
                {w.people.length > 0 && ` (recognising ${w.people.map(name).join(', ')})`} — posted by {name(w.postedBy)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="away">
        <h2 id="away">Excused time</h2>
        {props.away.length === 0 ? (
          <p>None in this period.</p>
        ) : (
          <ul>
            {props.away.map((a) => (
              <li>
                {a.fromDate} to {a.toDate}
                {a.reason ? `: ${a.reason}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Downloads csv={csv} />
    </Layout>
  );
}
