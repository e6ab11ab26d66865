// The weekly attach rate as a small server-rendered SVG line chart, with a
// title and description for screen readers and the same figures in a table
// beside it. Weeks without a tote order are gaps, not zeros.
import { scaleLineChart } from "~/domain/chart";
import { formatRate } from "~/domain/dashboard";

export interface WeekPoint {
  weekStart: number;
  rate: number;
  orders: number;
  attached: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const BOX = { width: 640, height: 220, padding: { top: 14, right: 20, bottom: 36, left: 52 } };

/** "Mar 2" for a week's Monday (UTC). */
export function weekLabel(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

function pointText(w: WeekPoint): string {
  return w.orders === 0
    ? `Week of ${weekLabel(w.weekStart)}: no paid tote orders`
    : `Week of ${weekLabel(w.weekStart)}: ${formatRate(w.rate)} (${w.attached} of ${w.orders} tote orders with a micro bag)`;
}

export function AttachRateChart({ weeks }: { weeks: WeekPoint[] }) {
  const chart = scaleLineChart(
    weeks.map((w) => ({ key: String(w.weekStart), value: w.orders > 0 ? w.rate : null })),
    BOX,
    { yMax: 1, ticks: 4 },
  );
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  const withOrders = weeks.filter((w) => w.orders > 0);
  const summary =
    withOrders.length === 0
      ? "No paid tote orders in these weeks, so there is no attach rate to draw."
      : `${withOrders.length} of ${weeks.length} weeks had paid tote orders. ` +
        `Attach rate from ${formatRate(Math.min(...withOrders.map((w) => w.rate)))} to ${formatRate(Math.max(...withOrders.map((w) => w.rate)))}; ` +
        `latest week with orders: ${pointText(withOrders[withOrders.length - 1]!)}.`;

  return (
    <figure className="admin-chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-labelledby="attach-chart-title attach-chart-desc"
        data-testid="attach-chart"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="attach-chart-title">Attach rate by week</title>
        <desc id="attach-chart-desc">{summary}</desc>
        <g className="chart-grid" aria-hidden="true">
          {chart.yTicks.map((t) => (
            <g key={t.value}>
              <line x1={chart.plot.left} x2={chart.plot.right} y1={t.y} y2={t.y} />
              <text x={chart.plot.left - 8} y={t.y} dy="0.32em" textAnchor="end">
                {Math.round(t.value * 100)} %
              </text>
            </g>
          ))}
          {chart.slots.map((s, i) =>
            i % labelEvery === 0 ? (
              <text key={s.key} x={s.x} y={chart.plot.bottom + 22} textAnchor="middle">
                {weekLabel(Number(s.key))}
              </text>
            ) : null,
          )}
        </g>
        {chart.path ? <path className="chart-line" d={chart.path} fill="none" /> : null}
        {chart.points.map((p) => {
          const week = weeks.find((w) => String(w.weekStart) === p.key)!;
          return (
            <circle key={p.key} className="chart-point" cx={p.x} cy={p.y} r={4} data-testid="chart-point" data-week={p.key}>
              <title>{pointText(week)}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption className="admin-hint">Share of paid tote orders that also had a micro bag, week by week (weeks start on Monday, UTC).</figcaption>
    </figure>
  );
}
