// The back-office dashboard: how the micro-bag upsell is doing over a date
// range (a GET form, the last 30 days by default), and which stock needs
// attention. Figures come from dashboardFigures: a handful of queries in all.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AdminNotices, fieldAria } from "~/components/AdminField";
import { AttachRateChart, weekLabel } from "~/components/AttachRateChart";
import { Money } from "~/components/Money";
import { defaultDateRange, formatRate, parseDateRange } from "~/domain/dashboard";
import { formatPercent } from "~/domain/offer-admin";
import { ExperimentResults } from "~/components/ExperimentResults";
import { dashboardFigures } from "~/services/dashboard.server";
import { experimentReport } from "~/services/experiments.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { shopTimeZone } from "~/utils/shop-time.server";

export const meta: MetaFunction = () => adminMeta("Dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, "dashboard.view");
  const now = Date.now();
  const fields: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) fields[key] = value;
  // The experiment shown is chosen apart from the dates (an experiment has its own period).
  const { experiment: experimentParam, ...rangeFields } = fields;
  const experimentId = experimentParam && /^\d{1,9}$/.test(experimentParam) ? Number(experimentParam) : null;
  const experiment = experimentReport(experimentId, now);
  const timeZone = shopTimeZone();
  const parsed = parseDateRange(rangeFields, now, timeZone);
  if (!parsed.ok) {
    const defaults = defaultDateRange(now, timeZone);
    return json(
      { name: staff.name, experiment, timeZone, ok: false as const, message: parsed.message, errors: parsed.fieldErrors, from: parsed.values.from || defaults.from, to: parsed.values.to || defaults.to },
      { status: 400, headers: ADMIN_HEADERS },
    );
  }
  const { range } = parsed;
  return json({ name: staff.name, experiment, timeZone, ok: true as const, from: range.from, to: range.to, days: range.days, figures: dashboardFigures(range) }, { headers: ADMIN_HEADERS });
}

function Stat({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="admin-stat" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function RateTable({ caption, rows, head }: { caption: string; head: string; rows: { key: string | number | null; label: string; impressions: number; adds: number; addRate: number }[] }) {
  return (
    <div className="admin-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="admin-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="num">
              Shown
            </th>
            <th scope="col" className="num">
              Added
            </th>
            <th scope="col" className="num">
              Add rate
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="admin-muted">
                No suggestions shown in these days.
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={String(r.key)} data-testid="rate-row" data-key={String(r.key)}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.impressions}</td>
                <td className="num">{r.adds}</td>
                <td className="num">{formatRate(r.addRate)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const chosenExperiment = useSearchParams()[0].get("experiment");
  const errors: Record<string, string> = data.ok ? {} : data.errors;
  return (
    <>
      <h1>Dashboard</h1>
      <p className="admin-lede">Welcome back, {data.name}.</p>

      <Form method="get" className="admin-filter" aria-label="Date range">
        {/* Changing the dates keeps the experiment being read. */}
        {chosenExperiment && /^\d{1,9}$/.test(chosenExperiment) ? <input type="hidden" name="experiment" value={chosenExperiment} /> : null}
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={data.from} required {...fieldAria("from", errors.from)} />
          {errors.from ? (
            <p className="field-error" id="from-error">
              {errors.from}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="to">To (included)</label>
          <input id="to" name="to" type="date" defaultValue={data.to} required {...fieldAria("to", errors.to)} />
          {errors.to ? (
            <p className="field-error" id="to-error">
              {errors.to}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button small secondary">
          Show
        </button>
        <Link to="/admin" className="admin-muted">
          Last 30 days
        </Link>
      </Form>

      {!data.ok ? (
        <AdminNotices error={`${data.message} Fix the dates to see the figures.`} />
      ) : (
        <DashboardBody figures={data.figures} from={data.from} to={data.to} days={data.days} timeZone={data.timeZone} />
      )}
      <ExperimentResults data={data.experiment} timeZone={data.timeZone} />
    </>
  );
}

type Figures = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ok: true }>["figures"];

function DashboardBody({ figures, from, to, days, timeZone }: { figures: Figures; from: string; to: string; days: number; timeZone: string }) {
  const { suggestions, orders, holdout, weeks, stock } = figures;
  return (
    <>
      <p className="admin-muted" role="status">
        {from} to {to} ({days} {days === 1 ? "day" : "days"}, {timeZone} time) · {orders.paidOrders} paid {orders.paidOrders === 1 ? "order" : "orders"}
      </p>

      <section aria-labelledby="upsell-title">
        <h2 id="upsell-title">Micro-bag upsell</h2>
        <dl className="admin-stats">
          <Stat label="Suggestions shown" testId="stat-impressions">
            {suggestions.overall.impressions}
          </Stat>
          <Stat label="Added to cart" testId="stat-adds">
            {suggestions.overall.adds}
          </Stat>
          <Stat label="Add rate" testId="stat-add-rate">
            {formatRate(suggestions.overall.addRate)}
          </Stat>
          <Stat label="Attach rate" testId="stat-attach-rate">
            {formatRate(orders.attach.rate)}
            <span className="admin-hint admin-block">
              {orders.attach.numerator} of {orders.attach.denominator} tote orders had a micro bag
            </span>
          </Stat>
          <Stat label="Order value with a micro bag" testId="stat-aov-with">
            <Money cents={orders.withAddon.averageCents} />
            <span className="admin-hint admin-block">average of {orders.withAddon.count} tote orders</span>
          </Stat>
          <Stat label="Order value without" testId="stat-aov-without">
            <Money cents={orders.withoutAddon.averageCents} />
            <span className="admin-hint admin-block">average of {orders.withoutAddon.count} tote orders</span>
          </Stat>
          <Stat label="Revenue from add-ons" testId="stat-addon-revenue">
            <Money cents={orders.addonRevenueCents} />
            <span className="admin-hint admin-block">micro bags bought with a tote, after bundle discounts</span>
          </Stat>
        </dl>

        <div className="admin-columns">
          <RateTable caption="By placement" head="Where" rows={suggestions.byPlacement} />
          <RateTable caption="By offer" head="Offer" rows={suggestions.byOffer} />
        </div>
      </section>

      <section aria-labelledby="holdout-title" className="admin-panel">
        <h2 id="holdout-title">Holdout comparison</h2>
        {holdout.exists ? (
          <>
            <p data-testid="holdout-difference">
              Carts shown suggestions spent{" "}
              <strong>
                <Money cents={Math.abs(holdout.differenceCents)} /> {holdout.differenceCents >= 0 ? "more" : "less"}
              </strong>{" "}
              per order than held-out carts.
            </p>
            <dl className="admin-stats">
              <Stat label="Shown suggestions" testId="stat-holdout-shown">
                <Money cents={holdout.shown.averageCents} />
                <span className="admin-hint admin-block">average of {holdout.shown.count} orders</span>
              </Stat>
              <Stat label="Held out" testId="stat-holdout-held">
                <Money cents={holdout.heldOut.averageCents} />
                <span className="admin-hint admin-block">average of {holdout.heldOut.count} orders</span>
              </Stat>
            </dl>
            {holdout.heldOut.count < 30 || holdout.shown.count < 30 ? (
              <p className="admin-hint">Small samples: a difference this size can be chance. Wait for more orders before deciding.</p>
            ) : null}
          </>
        ) : (
          <p className="admin-muted">
            No orders from held-out carts in these days.{" "}
            {holdout.percentNow > 0
              ? `${formatPercent(holdout.percentNow)} % of carts are held out now.`
              : "The holdout is off: set a share on the offers page to measure what suggestions add."}{" "}
            <Link to="/admin/offers">Holdout setting</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="weekly-title">
        <h2 id="weekly-title">Attach rate by week</h2>
        <AttachRateChart weeks={weeks} />
        <div className="admin-table-wrap" role="region" aria-label="Attach rate by week, as a table" tabIndex={0}>
          <table className="admin-table" data-testid="weekly-table">
            <caption>Attach rate by week (the chart's figures)</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col" className="num">
                  Tote orders
                </th>
                <th scope="col" className="num">
                  With a micro bag
                </th>
                <th scope="col" className="num">
                  Attach rate
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.weekStart}>
                  <th scope="row">{weekLabel(w.weekStart)}</th>
                  <td className="num">{w.orders}</td>
                  <td className="num">{w.attached}</td>
                  <td className="num">{w.orders > 0 ? formatRate(w.rate) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="stock-title">
        <h2 id="stock-title">Stock</h2>
        <div className="admin-columns">
          <div className="admin-table-wrap" role="region" aria-label="Low stock" tabIndex={0}>
            <table className="admin-table" data-testid="low-stock">
              <caption>Low stock (at or under the threshold)</caption>
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Bag</th>
                  <th scope="col" className="num">
                    Available
                  </th>
                  <th scope="col" className="num">
                    Low at
                  </th>
                </tr>
              </thead>
              <tbody>
                {stock.low.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="admin-muted">
                      Nothing is running low.
                    </td>
                  </tr>
                ) : (
                  stock.low.map((r) => (
                    <tr key={r.sku} data-testid="low-stock-row" data-sku={r.sku}>
                      <th scope="row">
                        <code>{r.sku}</code>
                      </th>
                      <td>
                        {r.productName} <span className="admin-muted">({r.colourName})</span>
                      </td>
                      <td className="num">{r.available}</td>
                      <td className="num">{r.threshold}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <div className="admin-table-wrap" role="region" aria-label="Bundles each micro bag can serve" tabIndex={0}>
            <table className="admin-table" data-testid="bundle-capacity">
              <caption>Bundles each micro bag can still serve</caption>
              <thead>
                <tr>
                  <th scope="col">Micro bag</th>
                  <th scope="col" className="num">
                    Micro bags
                  </th>
                  <th scope="col" className="num">
                    Fitting totes
                  </th>
                  <th scope="col" className="num">
                    Bundles
                  </th>
                </tr>
              </thead>
              <tbody>
                {stock.bundles.map((b) => (
                  <tr key={b.productId} data-testid="bundle-row" data-product-id={b.productId} className={b.bundles <= 3 ? "is-low" : undefined}>
                    <th scope="row">{b.name}</th>
                    <td className="num">{b.microAvailable}</td>
                    <td className="num">{b.totesAvailable}</td>
                    <td className="num">{b.bundles}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
    </>
  );
}
