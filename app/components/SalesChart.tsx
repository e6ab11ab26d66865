// Net sales per day, week or month as a small server-rendered SVG line chart
// (the style of AttachRateChart), with a title and a description for screen
// readers; the page shows the same figures in a table beneath it.
import { scaleLineChart } from "~/domain/chart";
import { formatCents } from "~/domain/money";
import { niceCeilingCents } from "~/domain/sales";

export interface SalesChartPoint {
  key: string;
  label: string;
  netCents: number;
  orders: number;
}

const BOX = { width: 640, height: 220, padding: { top: 14, right: 20, bottom: 36, left: 64 } };

function axisMoney(cents: number): string {
  const dollars = cents / 100;
  return dollars >= 1000 ? `$${Math.round(dollars / 100) / 10}k` : `$${Math.round(dollars)}`;
}

export function SalesChart({ points, grainLabel }: { points: SalesChartPoint[]; grainLabel: string }) {
  const yMax = niceCeilingCents(Math.max(0, ...points.map((p) => p.netCents)));
  const chart = scaleLineChart(
    points.map((p) => ({ key: p.key, value: p.netCents })),
    BOX,
    { yMax, ticks: 4 },
  );
  const labelEvery = Math.max(1, Math.ceil(points.length / 7));
  const best = points.reduce<SalesChartPoint | null>((b, p) => (b === null || p.netCents > b.netCents ? p : b), null);
  const total = points.reduce((sum, p) => sum + p.netCents, 0);
  const summary =
    points.length === 0 || best === null || best.orders === 0
      ? "No sales in this range."
      : `Net sales by ${grainLabel}, ${formatCents(total)} in all; the best ${grainLabel} was ${best.label} with ${formatCents(best.netCents)}.`;
  const byKey = new Map(points.map((p) => [p.key, p]));

  return (
    <figure className="admin-chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-labelledby="sales-chart-title sales-chart-desc"
        data-testid="sales-chart"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="sales-chart-title">Net sales by {grainLabel}</title>
        <desc id="sales-chart-desc">{summary}</desc>
        <g className="chart-grid" aria-hidden="true">
          {chart.yTicks.map((t) => (
            <g key={t.value}>
              <line x1={chart.plot.left} x2={chart.plot.right} y1={t.y} y2={t.y} />
              <text x={chart.plot.left - 8} y={t.y} dy="0.32em" textAnchor="end">
                {axisMoney(t.value)}
              </text>
            </g>
          ))}
          {chart.slots.map((s, i) =>
            i % labelEvery === 0 ? (
              <text key={s.key} x={s.x} y={chart.plot.bottom + 22} textAnchor="middle">
                {byKey.get(s.key)!.label.replace(/^Week of /, "")}
              </text>
            ) : null,
          )}
        </g>
        {chart.path ? <path className="chart-line" d={chart.path} fill="none" /> : null}
        {chart.points.map((p) => (
          <circle key={p.key} className="chart-point" cx={p.x} cy={p.y} r={points.length > 40 ? 2 : 4} data-testid="sales-chart-point">
            <title>{`${byKey.get(p.key)!.label}: ${formatCents(p.value)} net from ${byKey.get(p.key)!.orders} orders`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="admin-hint">Net sales (after bundle discounts and refunds, before shipping and tax) by {grainLabel}, in the shop's time zone.</figcaption>
    </figure>
  );
}
