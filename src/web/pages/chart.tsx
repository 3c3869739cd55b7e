// A horizontal bar chart as inline SVG (no script, allowed by the page's CSP): one bar per row,
// 0–100, "n/a" where there is no figure. Colours from the Okabe–Ito colour-blind-safe palette.
export interface Bar {
  label: string;
  value: number | null;
}

const ROW = 28;
const LABEL_WIDTH = 200;
const BAR_WIDTH = 440;

export function BarChart(props: { title: string; series: string; bars: Bar[] }) {
  const height = props.bars.length * ROW + 30;
  const width = LABEL_WIDTH + BAR_WIDTH + 60;
  return (
    <figure class="chart">
      <svg role="img" aria-label={props.title} data-series={props.series} viewBox={`0 0 ${width} ${height}`} width="100%" xmlns="http://www.w3.org/2000/svg">
        <title>{props.title}</title>
        {[0, 50, 100].map((tick) => (
          <g>
            <line x1={LABEL_WIDTH + (tick / 100) * BAR_WIDTH} x2={LABEL_WIDTH + (tick / 100) * BAR_WIDTH} y1={0} y2={height - 20} stroke="#bbb" />
            <text x={LABEL_WIDTH + (tick / 100) * BAR_WIDTH} y={height - 6} font-size="12" text-anchor="middle" fill="#333">
              {tick}
            </text>
          </g>
        ))}
        {props.bars.map((bar, i) => {
          const y = i * ROW + 4;
          return (
            <g data-label={bar.label} data-value={bar.value === null ? 'n/a' : String(bar.value)}>
              <text x={LABEL_WIDTH - 8} y={y + 16} font-size="13" text-anchor="end" fill="#111">
                {bar.label}
              </text>
              {bar.value === null ? (
                <text x={LABEL_WIDTH + 6} y={y + 16} font-size="13" fill="#555">
                  n/a
                </text>
              ) : (
                <g>
                  <rect
                    class="bar"
                    x={LABEL_WIDTH}
                    y={y}
                    width={(Math.max(0, Math.min(100, bar.value)) / 100) * BAR_WIDTH}
                    height={ROW - 8}
                    fill={bar.value >= 50 ? '#0072B2' : '#D55E00'}
                  />
                  <text x={LABEL_WIDTH + (Math.max(0, Math.min(100, bar.value)) / 100) * BAR_WIDTH + 6} y={y + 16} font-size="13" fill="#111">
                    {bar.value}
                  </text>
                </g>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
