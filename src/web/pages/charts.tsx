// The chat's trend and walk-grid charts on a page, as images served by /web/chart.svg.
export function ChartImages(props: { scope: Record<string, string>; period: string; subject: string }) {
  const src = (kind: string) => `/web/chart.svg?${new URLSearchParams({ kind, ...props.scope, period: props.period })}`;
  return (
    <div class="charts">
      <figure class="chart">
        <img src={src('trend')} alt={`Leadership index and its parts by week or month, ${props.subject}`} width="900" data-kind="trend" />
        <figcaption>Trend: the index and its parts; the period before as a faint line.</figcaption>
      </figure>
      <figure class="chart">
        <img src={src('grid')} alt={`Floor walks by week: done, missed, excused or not due, ${props.subject}`} width="900" data-kind="grid" />
        <figcaption>Floor walks by week: done, missed, excused, not due.</figcaption>
      </figure>
    </div>
  );
}
