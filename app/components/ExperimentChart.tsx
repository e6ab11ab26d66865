// Each arm's revenue per cart, week by week (by the week carts were assigned),
// with its 95 % interval as a band. Decoration: the table beneath is the truth.
import { weekLabel } from "~/components/AttachRateChart";
import { scaleLineChart } from "~/domain/chart";
import { formatCents } from "~/domain/money";

export interface ChartArm {
  id: number;
  label: string;
}
export interface ChartWeek {
  weekStart: number;
  armId: number;
  carts: number;
  meanCents: number;
  revenuePerCart: { low: number; high: number } | null;
}

const BOX = { width: 640, height: 240, padding: { top: 14, right: 20, bottom: 36, left: 64 } };
const COLOURS = ["#5b6170", "#b0413e", "#2f6f8f", "#7a5c12"];

export function ExperimentChart({ arms, weeks }: { arms: ChartArm[]; weeks: ChartWeek[] }) {
  const weekStarts = [...new Set(weeks.map((w) => w.weekStart))].sort((a, b) => a - b);
  const top = Math.max(100, ...weeks.map((w) => (w.revenuePerCart ? w.revenuePerCart.high : w.meanCents)));
  const yMax = Math.ceil(top / 1000) * 1000;
  const series = arms.map((arm, i) => {
    const rows = weekStarts.map((ws) => weeks.find((w) => w.weekStart === ws && w.armId === arm.id));
    const line = scaleLineChart(rows.map((r, j) => ({ key: String(weekStarts[j]), value: r && r.carts > 0 ? r.meanCents : null })), BOX, { yMax, ticks: 4 });
    const lows = scaleLineChart(rows.map((r, j) => ({ key: String(weekStarts[j]), value: r?.revenuePerCart ? Math.max(0, r.revenuePerCart.low) : null })), BOX, { yMax });
    const highs = scaleLineChart(rows.map((r, j) => ({ key: String(weekStarts[j]), value: r?.revenuePerCart ? r.revenuePerCart.high : null })), BOX, { yMax });
    const band =
      highs.points.length >= 2 && highs.points.length === lows.points.length
        ? [...highs.points.map((p) => `${p.x},${p.y}`), ...[...lows.points].reverse().map((p) => `${p.x},${p.y}`)].join(" ")
        : null;
    return { arm, colour: COLOURS[i % COLOURS.length]!, line, band };
  });
  const axis = series[0]?.line ?? scaleLineChart([], BOX, { yMax, ticks: 4 });
  const labelEvery = Math.max(1, Math.ceil(weekStarts.length / 8));
  return (
    <figure className="admin-chart">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-labelledby="experiment-chart-title experiment-chart-desc" data-testid="experiment-chart" preserveAspectRatio="xMidYMid meet">
        <title id="experiment-chart-title">Revenue per cart by week, each arm</title>
        <desc id="experiment-chart-desc">
          {`One line per arm (${arms.map((a) => a.label).join(", ")}) with its 95 % interval as a shaded band; the same figures are in the table below.`}
        </desc>
        <g className="chart-grid" aria-hidden="true">
          {axis.yTicks.map((t) => (
            <g key={t.value}>
              <line x1={axis.plot.left} x2={axis.plot.right} y1={t.y} y2={t.y} />
              <text x={axis.plot.left - 8} y={t.y} dy="0.32em" textAnchor="end">
                {formatCents(Math.round(t.value))}
              </text>
            </g>
          ))}
          {axis.slots.map((s, i) =>
            i % labelEvery === 0 ? (
              <text key={s.key} x={s.x} y={axis.plot.bottom + 22} textAnchor="middle">
                {weekLabel(Number(s.key))}
              </text>
            ) : null,
          )}
        </g>
        {series.map((s) =>
          s.band ? <polygon key={`band-${s.arm.id}`} points={s.band} fill={s.colour} fillOpacity={0.15} stroke="none" data-testid="experiment-band" aria-hidden="true" /> : null,
        )}
        {series.map((s) => (s.line.path ? <path key={`line-${s.arm.id}`} d={s.line.path} fill="none" stroke={s.colour} strokeWidth={2} aria-hidden="true" /> : null))}
      </svg>
      <figcaption className="admin-hint">
        {series.map((s) => (
          <span key={s.arm.id} className="admin-nowrap">
            <svg className="chart-swatch" width="14" height="4" aria-hidden="true">
              <rect width="14" height="4" fill={s.colour} />
            </svg>{" "}
            {s.arm.label}{" "}
          </span>
        ))}
        — revenue kept per assigned cart, by the week carts were assigned (weeks start on Monday, UTC).
      </figcaption>
    </figure>
  );
}
