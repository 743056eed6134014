// A small SVG line chart: several series, min/max labels, a legend with the latest values, optional
// vertical marks (stage starts). No chart library.
import type { Series } from './training-points.js';
import { boundsOf, pathOf, thin, tickLabel } from './chart-geometry.js';

const COLORS = ['#4d8ef7', '#e8b33c', '#3fb67a', '#e0524f', '#b07cf0', '#40c4d8', '#f08a4b'];
const W = 320;
const H = 120;

interface Props {
  title: string;
  series: Series[];
  marks?: { x: number; label: string }[];
  floorZero?: boolean;
  testId: string;
}

export function LineChart({ title, series, marks = [], floorZero = false, testId }: Props) {
  const b = boundsOf(series, floorZero);
  const count = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <figure className="line-chart" data-testid={testId} data-points={count}>
      <figcaption>{title}</figcaption>
      {b ? (
        <svg viewBox={`-40 -6 ${W + 48} ${H + 22}`} role="img" aria-label={title}>
          <rect x={0} y={0} width={W} height={H} className="plot" />
          {marks.map((m) => {
            const x = ((m.x - b.x0) / (b.x1 - b.x0)) * W;
            return (
              <g key={`${m.label}-${m.x}`} className="mark">
                <line x1={x} x2={x} y1={0} y2={H} />
                <text x={x + 2} y={10}>
                  {m.label}
                </text>
              </g>
            );
          })}
          {series.map((s, i) => (
            <path
              key={s.name}
              d={pathOf(thin(s.points, W), b, W, H)}
              stroke={COLORS[i % COLORS.length]}
              data-series={s.name}
            />
          ))}
          <text x={-4} y={8} className="tick" textAnchor="end">
            {tickLabel(b.y1)}
          </text>
          <text x={-4} y={H} className="tick" textAnchor="end">
            {tickLabel(b.y0)}
          </text>
          <text x={0} y={H + 14} className="tick">
            {tickLabel(b.x0)}
          </text>
          <text x={W} y={H + 14} className="tick" textAnchor="end">
            {tickLabel(b.x1)}
          </text>
        </svg>
      ) : (
        <div className="muted small chart-empty">no data yet</div>
      )}
      <div className="legend small">
        {series.map((s, i) => (
          <span key={s.name}>
            <span className="swatch" style={{ background: COLORS[i % COLORS.length] }} /> {s.name}{' '}
            {s.points.length ? tickLabel(s.points[s.points.length - 1]!.y) : ''}
          </span>
        ))}
      </div>
    </figure>
  );
}
