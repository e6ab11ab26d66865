// The dashboard's experiment section: each arm's figures net of refunds, each
// arm against the control with 95 % intervals and a verdict in plain words,
// attributed against incremental revenue, and the weekly chart with its table.
import { Form } from "@remix-run/react";
import { weekLabel } from "~/components/AttachRateChart";
import { ExperimentChart } from "~/components/ExperimentChart";
import { Money } from "~/components/Money";
import { formatRate } from "~/domain/dashboard";
import { formatCents } from "~/domain/money";
import { formatShopMinute } from "~/domain/shop-time";

type Interval = { estimate: number; low: number; high: number } | null;

const cents = (n: number) => {
  const r = Math.round(n);
  return r < 0 ? `−${formatCents(-r)}` : formatCents(r);
};
const points = (n: number) => `${(Math.round(n * 1000) / 10).toFixed(1)} pts`;

function Diff({ interval, as }: { interval: Interval; as: "money" | "rate" }) {
  if (!interval) return <span className="admin-muted">—</span>;
  const f = as === "money" ? cents : points;
  return (
    <>
      {as === "money" && interval.estimate > 0 ? "+" : ""}
      {f(interval.estimate)}
      <span className="admin-hint admin-block">
        95 %: {f(interval.low)} to {f(interval.high)}
      </span>
    </>
  );
}

export interface ExperimentResultsData {
  experiment: { id: number; name: string; startsAt: number; endsAt: number | null; running: boolean; arms: { id: number; label: string; description: string; share: number }[] } | null;
  choices: { id: number; name: string }[];
  figures?: {
    armId: number;
    label: string;
    description: string;
    isControl: boolean;
    cartsAssigned: number;
    orders: number;
    conversion: { rate: number; successes: number; trials: number };
    averageOrder: { n: number; mean: number };
    attach: { rate: number; successes: number; trials: number };
    microRevenueCents: number;
    revenueCents: number;
    revenuePerCart: { n: number; mean: number };
  }[];
  comparisons?: {
    armId: number;
    label: string;
    revenuePerCart: Interval;
    conversion: Interval;
    averageOrder: Interval;
    attach: Interval;
    verdict: { kind: string; text: string };
    cartsStillNeeded: number | null;
  }[];
  liftForSampleSize?: number;
  attribution?: {
    treatedCarts: number;
    attributed: Interval;
    attributedCents: number;
    attributedByPlacement: { placement: string; cents: number }[];
    incremental: Interval;
    explanation: string;
  };
  weeks?: { weekStart: number; armId: number; carts: number; meanCents: number; revenuePerCart: Interval }[];
}

const PLACEMENTS: Record<string, string> = { product_page: "Tote page", cart: "Cart", micro_page: "Micro bag page" };
export function ExperimentResults({ data, timeZone = "UTC" }: { data: ExperimentResultsData; timeZone?: string }) {
  // Shown in the shop's zone, with its short name ("2026-03-01 09:00 EST").
  const day = (ms: number) => formatShopMinute(ms, timeZone);
  const { experiment, figures = [], comparisons = [], attribution, weeks = [] } = data;
  return (
    <section aria-labelledby="experiment-title" className="admin-panel admin-wide-panel" data-testid="experiment-results">
      <h2 id="experiment-title">Experiment{experiment ? `: ${experiment.name}` : "s"}</h2>
      {data.choices.length > 1 ? (
        <Form method="get" className="admin-filter" aria-label="Choose an experiment">
          <div className="field">
            <label htmlFor="experiment">Experiment</label>
            <select id="experiment" name="experiment" defaultValue={experiment?.id}>
              {data.choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button small secondary">
            Show
          </button>
        </Form>
      ) : null}
      {!experiment ? (
        <p className="admin-muted">No experiment has started yet. Create one on the offers page.</p>
      ) : (
        <>
          <p className="admin-muted">
            {experiment.running ? "Running" : "Ended"} · from {day(experiment.startsAt)} {experiment.endsAt ? `to ${day(experiment.endsAt)}` : "until stopped"}. Figures are net of refunds: a
            refunded item no longer counts as bought, and money is what the shop kept (goods, before shipping and tax).
          </p>
          <ul className="admin-verdicts" data-testid="experiment-verdicts">
            {comparisons.map((c) => (
              <li key={c.armId} data-testid="experiment-verdict" data-kind={c.verdict.kind}>
                <strong>{c.verdict.text}</strong>
              </li>
            ))}
          </ul>
          <div className="admin-table-wrap" role="region" aria-label="Figures per arm" tabIndex={0}>
            <table className="admin-table" data-testid="experiment-table">
              <caption>Figures per arm (net of refunds)</caption>
              <thead>
                <tr>
                  <th scope="col">Arm</th>
                  <th scope="col" className="num">Carts</th>
                  <th scope="col" className="num">Orders</th>
                  <th scope="col" className="num">Conversion</th>
                  <th scope="col" className="num">Order value</th>
                  <th scope="col" className="num">Attach rate</th>
                  <th scope="col" className="num">Micro-bag revenue</th>
                  <th scope="col" className="num">Revenue per cart</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((f) => (
                  <tr key={f.armId} data-testid="experiment-arm-row" data-arm={f.label}>
                    <th scope="row">
                      {f.label}
                      {f.isControl ? " (control)" : ""}
                      <span className="admin-hint admin-block">{f.description}</span>
                    </th>
                    <td className="num">{f.cartsAssigned}</td>
                    <td className="num">{f.orders}</td>
                    <td className="num">{formatRate(f.conversion.rate)}</td>
                    <td className="num">{f.averageOrder.n > 0 ? <Money cents={Math.round(f.averageOrder.mean)} /> : "—"}</td>
                    <td className="num">{f.attach.trials > 0 ? formatRate(f.attach.rate) : "—"}</td>
                    <td className="num">
                      <Money cents={f.microRevenueCents} />
                    </td>
                    <td className="num" data-testid="revenue-per-cart">
                      {cents(f.revenuePerCart.mean)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {comparisons.length > 0 ? (
            <div className="admin-table-wrap" role="region" aria-label="Against the control" tabIndex={0}>
              <table className="admin-table" data-testid="experiment-comparison">
                <caption>Against the control: difference and 95 % interval</caption>
                <thead>
                  <tr>
                    <th scope="col">Arm</th>
                    <th scope="col" className="num">Revenue per cart</th>
                    <th scope="col" className="num">Conversion</th>
                    <th scope="col" className="num">Order value</th>
                    <th scope="col" className="num">Attach rate</th>
                    <th scope="col" className="num">Carts still needed</th>
                  </tr>
                </thead>
                <tbody>
                  {comparisons.map((c) => (
                    <tr key={c.armId} data-testid="experiment-comparison-row" data-arm={c.label}>
                      <th scope="row">{c.label}</th>
                      <td className="num" data-testid="revenue-difference">
                        <Diff interval={c.revenuePerCart} as="money" />
                      </td>
                      <td className="num">
                        <Diff interval={c.conversion} as="rate" />
                      </td>
                      <td className="num">
                        <Diff interval={c.averageOrder} as="money" />
                      </td>
                      <td className="num">
                        <Diff interval={c.attach} as="rate" />
                      </td>
                      <td className="num">{c.cartsStillNeeded === null ? "—" : c.cartsStillNeeded.toLocaleString("en-US")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="admin-hint">
                Carts still needed: per arm, to detect a {Math.round((data.liftForSampleSize ?? 0.05) * 100)} % lift in revenue per cart with 80 % power (two-sided, 5 %). Order
                value compares only carts that bought, so read it with care; revenue per cart is the fair comparison.
              </p>
            </div>
          ) : null}
          {attribution ? (
            <div data-testid="attribution">
              <h3>Attributed and incremental revenue</h3>
              <dl className="admin-stats">
                <div className="admin-stat" data-testid="stat-attributed">
                  <dt>Attributed (suggested micro bags bought)</dt>
                  <dd>
                    <Money cents={attribution.attributedCents} />
                    {attribution.attributed ? (
                      <span className="admin-hint admin-block">
                        95 %: {cents(attribution.attributed.low)} to {cents(attribution.attributed.high)}
                      </span>
                    ) : null}
                    {attribution.attributedByPlacement.map((p) => (
                      <span key={p.placement} className="admin-hint admin-block" data-testid="attributed-placement" data-placement={p.placement}>
                        {PLACEMENTS[p.placement] ?? p.placement.replace(/_/g, " ")}: {cents(p.cents)}
                      </span>
                    ))}
                  </dd>
                </div>
                <div className="admin-stat" data-testid="stat-incremental">
                  <dt>Incremental (beyond the holdout)</dt>
                  <dd>
                    {attribution.incremental ? (
                      <>
                        {cents(attribution.incremental.estimate)}
                        <span className="admin-hint admin-block">
                          95 %: {cents(attribution.incremental.low)} to {cents(attribution.incremental.high)}, over {attribution.treatedCarts} carts shown suggestions
                        </span>
                      </>
                    ) : (
                      <span className="admin-muted">Needs a holdout arm with at least two carts.</span>
                    )}
                  </dd>
                </div>
              </dl>
              <p data-testid="attribution-explanation">{attribution.explanation}</p>
            </div>
          ) : null}
          <h3>Revenue per cart by week</h3>
          <ExperimentChart arms={experiment.arms} weeks={weeks} />
          <div className="admin-table-wrap" role="region" aria-label="Revenue per cart by week, as a table" tabIndex={0}>
            <table className="admin-table" data-testid="experiment-weekly-table">
              <caption>Revenue per cart by week (the chart's figures)</caption>
              <thead>
                <tr>
                  <th scope="col">Week of</th>
                  <th scope="col">Arm</th>
                  <th scope="col" className="num">Carts</th>
                  <th scope="col" className="num">Revenue per cart</th>
                  <th scope="col" className="num">95 % interval</th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => (
                  <tr key={`${w.weekStart}-${w.armId}`}>
                    <th scope="row">{weekLabel(w.weekStart)}</th>
                    <td>{experiment.arms.find((a) => a.id === w.armId)?.label}</td>
                    <td className="num">{w.carts}</td>
                    <td className="num">{w.carts > 0 ? cents(w.meanCents) : "—"}</td>
                    <td className="num">{w.revenuePerCart ? `${cents(w.revenuePerCart.low)} to ${cents(w.revenuePerCart.high)}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
