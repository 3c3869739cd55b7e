// The organisation's (or one site's) page for quality managers and admins: the index by site, the
// leaders who need attention, the sortable leader table and the downloads.
import type { Scorecard } from '../../core/scorecard/types';
import { indexText } from '../../core/scorecard/format';
import { needsAttention } from './attention';
import { BarChart } from './chart';
import { ChartImages } from './charts';
import { Downloads } from './downloads';
import { Layout, type Viewer } from './layout';
import { LeaderTable, type SortKey } from './leader-table';
import { PeriodForm } from './period-form';

export interface OverviewProps {
  viewer: Viewer;
  card: Scorecard;
  /** The period word chosen, e.g. 'month'. */
  chosen: string;
  sort: SortKey;
  /** For a site page: the site's id. */
  siteId?: number;
}

const leaderHref = (chosen: string) => (id: string) => `/web/leader?id=${encodeURIComponent(id)}&period=${chosen}`;

export function OverviewPage({ viewer, card, chosen, sort, siteId }: OverviewProps) {
  const base = siteId === undefined ? '/web' : '/web/site';
  const scope: Record<string, string> = siteId === undefined ? {} : { id: String(siteId) };
  const link = (key: SortKey) => `${base}?${new URLSearchParams({ ...scope, period: chosen, sort: key })}`;
  const csv = `/web/scorecard.csv?${new URLSearchParams({ ...(siteId === undefined ? { scope: 'all' } : { scope: 'site', id: String(siteId) }), period: chosen })}`;
  const headline = siteId === undefined ? card.org : card.sites[0];
  const attention = needsAttention(card.leaders);
  const title = siteId === undefined ? 'Leadership scorecard — organisation' : `Leadership scorecard — ${card.sites[0]?.name ?? 'site'}`;
  return (
    <Layout title={title} viewer={viewer}>
      <PeriodForm action={base} period={card.period} chosen={chosen} hidden={scope} />
      <p class="headline">
        Leadership index: <strong>{headline ? indexText(headline.index, headline.previousIndex, headline.trend) : 'n/a'}</strong> · {card.leaders.length}{' '}
        leaders
      </p>
      {siteId === undefined && card.sites.length > 0 && (
        <section aria-labelledby="sites">
          <h2 id="sites">Sites</h2>
          <ul class="sites">
            {card.sites.map((site) => (
              <li>
                {site.siteId === null ? site.name : <a href={`/web/site?id=${site.siteId}&period=${chosen}`}>{site.name}</a>}: index {site.index ?? 'n/a'},{' '}
                {site.leaderCount} leaders
              </li>
            ))}
          </ul>
          <BarChart title="Leadership index by site" series="site-index" bars={card.sites.map((s) => ({ label: s.name, value: s.index }))} />
        </section>
      )}
      <section aria-labelledby="charts">
        <h2 id="charts">Trend and floor walks</h2>
        <ChartImages
          scope={siteId === undefined ? { scope: 'all' } : { scope: 'site', id: String(siteId) }}
          period={chosen}
          subject={siteId === undefined ? 'the organisation' : (card.sites[0]?.name ?? 'the site')}
        />
      </section>
      <section aria-labelledby="attention">
        <h2 id="attention">Needs attention</h2>
        {attention.length === 0 ? (
          <p>Nobody: every leader is on track for this period.</p>
        ) : (
          <ul class="attention">
            {attention.map((item) => (
              <li>
                <a href={leaderHref(chosen)(item.leaderId)}>{item.name}</a>: {item.reasons.join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="leaders">
        <h2 id="leaders">Leaders</h2>
        <BarChart title="Leadership index by leader" series="leader-index" bars={card.leaders.map((l) => ({ label: l.displayName, value: l.index }))} />
        <LeaderTable leaders={card.leaders} sort={sort} link={link} leaderHref={leaderHref(chosen)} />
      </section>
      <Downloads csv={csv}>
        <p>
          Evidence pack for the management review:{' '}
          {(['pdf', 'html', 'zip'] as const).map((format, i) => (
            <>
              {i > 0 && ' · '}
              <a href={`/web/evidence?${new URLSearchParams({ format, period: chosen, ...(siteId === undefined ? {} : { site: String(siteId) }) })}`} download>
                {format === 'zip' ? 'CSV files (zip)' : format.toUpperCase()}
              </a>
            </>
          ))}
        </p>
      </Downloads>
    </Layout>
  );
}
