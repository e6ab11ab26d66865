// Sales: gross sales, bundle discounts, refunds, net sales, shipping, tax,
// orders and average order value over a range of days (shop time zone; the
// last 30 by default), by day, week or month as a chart with its table, the
// best-selling products and colours, and the change from the period before.
// All figures net of refunds. A GET form: works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNotices, fieldAria } from "~/components/AdminField";
import { DateRangeFields } from "~/components/DateRangeFields";
import { Money } from "~/components/Money";
import { SalesChart } from "~/components/SalesChart";
import { defaultGrain, formatChange, type Change, type SalesTotals, type TopRank, type TopRow } from "~/domain/sales";
import { GRAINS, parseShopDateRange, zoneName, type Grain } from "~/domain/shop-time";
import { salesReport } from "~/services/sales-report.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { shopTimeZone } from "~/utils/shop-time.server";

export const meta: MetaFunction = () => adminMeta("Sales");

const DEFAULT_DAYS = 30;
const GRAIN_LABELS: Record<Grain, string> = { day: "day", week: "week", month: "month" };

const querySchema = z.strictObject({
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  grain: z.enum(["", ...GRAINS], { error: "Choose days, weeks or months." }).optional(),
  rank: z.enum(["", "revenue", "units"], { error: "Rank the best sellers by revenue or units." }).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "sales.view");
  const timeZone = shopTimeZone();
  const now = Date.now();
  const fields: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (key in fields) return invalid({ _form: "Use the form to choose the dates." }, fields);
    fields[key] = value;
  }
  const parsed = querySchema.safeParse(fields);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.code === "unrecognized_keys" ? "_form" : String(issue.path[0] ?? "_form");
      errors[key] ??= issue.code === "unrecognized_keys" ? "Use the form to choose the dates." : issue.message;
    }
    return invalid(errors, fields);
  }
  const dates = parseShopDateRange(parsed.data, now, timeZone, { defaultDays: DEFAULT_DAYS });
  if (!dates.ok) return invalid(dates.fieldErrors, fields);
  const range = dates.range!;
  const grain = (parsed.data.grain || defaultGrain(range.days)) as Grain;
  const rank = (parsed.data.rank || "revenue") as TopRank;
  const report = salesReport(range, grain, rank, timeZone);
  return json(
    {
      ok: true as const,
      from: range.from,
      to: range.to,
      days: range.days,
      grain,
      rank,
      zone: zoneName(range.fromMs, timeZone),
      errors: {} as Record<string, string>,
      ...report,
      changes: Object.fromEntries(Object.entries(report.changes).map(([k, c]) => [k, { ...c, text: formatChange(c) }])) as Record<keyof SalesTotals, Change & { text: string }>,
    },
    { headers: ADMIN_HEADERS },
  );
}

function invalid(errors: Record<string, string>, fields: Record<string, string>) {
  return json(
    {
      ok: false as const,
      message: errors._form ?? Object.values(errors)[0] ?? "Use the form to choose the dates.",
      errors,
      from: (fields.from ?? "").slice(0, 40),
      to: (fields.to ?? "").slice(0, 40),
      grain: "",
      rank: "revenue",
    },
    { status: 400, headers: ADMIN_HEADERS },
  );
}

type Report = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ok: true }>;

const STATS: { key: keyof SalesTotals; label: string; money: boolean; hint?: string }[] = [
  { key: "grossCents", label: "Gross sales", money: true, hint: "goods at their regular price" },
  { key: "discountCents", label: "Discounts", money: true, hint: "bundle savings" },
  { key: "refundCents", label: "Refunds", money: true, hint: "money given back in these days" },
  { key: "netCents", label: "Net sales", money: true, hint: "gross − discounts − refunds" },
  { key: "shippingCents", label: "Shipping", money: true },
  { key: "taxCents", label: "Tax", money: true },
  { key: "totalCents", label: "Total sales", money: true, hint: "net sales + shipping + tax" },
  { key: "orders", label: "Orders", money: false, hint: "paid in these days" },
  { key: "averageOrderCents", label: "Average order value", money: true, hint: "net sales per order" },
];

export default function SalesPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Sales</h1>
      <Form method="get" className="admin-filter" aria-label="Sales range">
        <DateRangeFields from={data.from} to={data.to} errors={data.errors} />
        <div className="field">
          <label htmlFor="grain">By</label>
          <select id="grain" name="grain" defaultValue={data.grain} {...fieldAria("grain", data.errors.grain)}>
            <option value="">Best fit</option>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="rank">Best sellers by</label>
          <select id="rank" name="rank" defaultValue={data.rank} {...fieldAria("rank", data.errors.rank)}>
            <option value="revenue">Revenue</option>
            <option value="units">Units</option>
          </select>
        </div>
        <button type="submit" className="button small secondary">
          Show
        </button>
        <Link to="/admin/sales" className="admin-muted">
          Last 30 days
        </Link>
      </Form>
      {data.ok ? <SalesBody data={data} /> : <AdminNotices error={`${data.message} Fix the form to see the figures.`} />}
    </>
  );
}

function ChangeNote({ change, money }: { change: Change & { text: string }; money: boolean }) {
  return (
    <span className="admin-hint admin-block" data-testid="stat-change">
      {change.text} vs {money ? <Money cents={change.previous} /> : change.previous}
    </span>
  );
}

function SalesBody({ data }: { data: Report }) {
  const { totals, changes, buckets, top, previous } = data;
  const grainLabel = GRAIN_LABELS[data.grain as Grain];
  return (
    <>
      <p className="admin-muted" role="status" data-testid="sales-range">
        {data.from} to {data.to} ({data.days} {data.days === 1 ? "day" : "days"}, {data.zone}) · {totals.orders} {totals.orders === 1 ? "order" : "orders"} · compared with{" "}
        {previous.from} to {previous.to}
      </p>
      <dl className="admin-stats">
        {STATS.map((s) => (
          <div className="admin-stat" key={s.key} data-testid={`sales-${s.key}`}>
            <dt>{s.label}</dt>
            <dd>
              {s.money ? <Money cents={totals[s.key]} /> : totals[s.key]}
              {s.hint ? <span className="admin-hint admin-block">{s.hint}</span> : null}
              <ChangeNote change={changes[s.key]} money={s.money} />
            </dd>
          </div>
        ))}
      </dl>

      <section>
        <h2 id="over-time-title">Sales by {grainLabel}</h2>
        <SalesChart points={buckets.map((b) => ({ key: b.key, label: b.label, netCents: b.netCents, orders: b.orders }))} grainLabel={grainLabel} />
        <div className="admin-table-wrap" role="region" aria-label={`Sales by ${grainLabel}`} tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">Sales by {grainLabel}</caption>
            <thead>
              <tr>
                <th scope="col">{grainLabel[0]!.toUpperCase() + grainLabel.slice(1)}</th>
                <th scope="col" className="num">Orders</th>
                <th scope="col" className="num">Net sales</th>
                <th scope="col" className="num">Gross</th>
                <th scope="col" className="num">Discounts</th>
                <th scope="col" className="num">Refunds</th>
                <th scope="col" className="num">Shipping</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.key} data-testid="sales-bucket" data-key={b.key}>
                  <th scope="row">{b.label}</th>
                  <td className="num">{b.orders}</td>
                  <td className="num">
                    <Money cents={b.netCents} />
                  </td>
                  <td className="num">
                    <Money cents={b.grossCents} />
                  </td>
                  <td className="num">
                    <Money cents={b.discountCents} />
                  </td>
                  <td className="num">
                    <Money cents={b.refundCents} />
                  </td>
                  <td className="num">
                    <Money cents={b.shippingCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="admin-columns">
        <TopTable title="Top products" rows={top.products} rank={data.rank} testId="top-product" />
        <TopTable title="Top colours" rows={top.colours} rank={data.rank} testId="top-colour" />
      </div>
    </>
  );
}

function TopTable({ title, rows, rank, testId }: { title: string; rows: TopRow[]; rank: string; testId: string }) {
  const id = `${testId}-title`;
  return (
    <section>
      <h2 id={id}>{title}</h2>
      <p className="admin-hint">By {rank === "units" ? "units sold" : "revenue"}, after bundle discounts, less units refunded and put back.</p>
      {rows.length === 0 ? (
        <p className="admin-muted">Nothing sold in these days.</p>
      ) : (
        <div className="admin-table-wrap" role="region" aria-label={title} tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{testId === "top-colour" ? "Colour" : "Product"}</th>
                <th scope="col" className="num">Units</th>
                <th scope="col" className="num">Revenue</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid={testId} data-key={r.key}>
                  <th scope="row">
                    {r.productName}
                    {r.colourName ? <span className="admin-muted"> · {r.colourName}</span> : null}
                    {r.sku ? <span className="admin-muted admin-block">{r.sku}</span> : null}
                  </th>
                  <td className="num">{r.units}</td>
                  <td className="num">
                    <Money cents={r.revenueCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
