// The sales report: paid orders, refunds and order lines in, totals per day,
// week or month, top products and colours, and the change from the previous
// period out. Pure: plain rows in (already read for the range), no database.
//
// The figures (see docs/decisions/0010-sales-report.md):
//   gross sales  = goods at their regular price (order subtotals)
//   discounts    = bundle savings
//   refunds      = money given back (succeeded refunds), counted on the day it went back
//   net sales    = gross − discounts − refunds
//   shipping, tax as charged; total sales = net sales + shipping + tax
//   orders       = paid orders (by the day they were paid); AOV = net sales / orders
import { bucketKey, bucketKeys, bucketLabel, shopDay, type Grain, type ShopDateRange } from "./shop-time";

export interface SaleOrder {
  id: number;
  paidAt: number;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
}

export interface SaleRefund {
  orderId: number;
  amountCents: number;
  createdAt: number;
}

export interface SaleLine {
  orderId: number;
  productId: number | null;
  productName: string;
  colourName: string;
  sku: string;
  quantity: number;
  restockedQuantity: number;
  lineTotalCents: number;
}

export interface SalesTotals {
  orders: number;
  grossCents: number;
  discountCents: number;
  refundCents: number;
  netCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  /** Net sales per order, whole cents (0 without orders). */
  averageOrderCents: number;
}

export interface SalesBucket extends SalesTotals {
  key: string;
  label: string;
}

const inRange = (ms: number, range: Pick<ShopDateRange, "fromMs" | "toMs">) => ms >= range.fromMs && ms < range.toMs;

function emptyTotals(): SalesTotals {
  return { orders: 0, grossCents: 0, discountCents: 0, refundCents: 0, netCents: 0, shippingCents: 0, taxCents: 0, totalCents: 0, averageOrderCents: 0 };
}

function finish(t: SalesTotals): SalesTotals {
  t.netCents = t.grossCents - t.discountCents - t.refundCents;
  t.totalCents = t.netCents + t.shippingCents + t.taxCents;
  t.averageOrderCents = t.orders === 0 ? 0 : Math.round(t.netCents / t.orders);
  return t;
}

function addOrder(t: SalesTotals, o: SaleOrder) {
  t.orders += 1;
  t.grossCents += o.subtotalCents;
  t.discountCents += o.discountCents;
  t.shippingCents += o.shippingCents;
  t.taxCents += o.taxCents;
}

/** Totals over a range: orders paid in it, refunds made in it. */
export function salesTotals(
  orders: readonly SaleOrder[],
  refunds: readonly SaleRefund[],
  range: Pick<ShopDateRange, "fromMs" | "toMs">,
): SalesTotals {
  const t = emptyTotals();
  for (const o of orders) if (inRange(o.paidAt, range)) addOrder(t, o);
  for (const r of refunds) if (inRange(r.createdAt, range)) t.refundCents += r.amountCents;
  return finish(t);
}

/** One row per day, week (from Monday) or month of the range, in the shop's zone, empty ones included. */
export function salesBuckets(
  orders: readonly SaleOrder[],
  refunds: readonly SaleRefund[],
  range: ShopDateRange,
  grain: Grain,
  timeZone: string,
): SalesBucket[] {
  const buckets = new Map<string, SalesTotals>(bucketKeys(range.from, range.to, grain).map((k) => [k, emptyTotals()]));
  const bucketOf = (ms: number) => buckets.get(bucketKey(shopDay(ms, timeZone), grain));
  for (const o of orders) if (inRange(o.paidAt, range)) addOrder(bucketOf(o.paidAt)!, o);
  for (const r of refunds) if (inRange(r.createdAt, range)) bucketOf(r.createdAt)!.refundCents += r.amountCents;
  return [...buckets].map(([key, t]) => ({ key, label: bucketLabel(key, grain), ...finish(t) }));
}

export interface TopRow {
  key: string;
  productName: string;
  /** Null for a product row (all its colours). */
  colourName: string | null;
  sku: string | null;
  units: number;
  revenueCents: number;
}

export type TopRank = "revenue" | "units";

/** A line's units and revenue net of units put back by a refund (revenue pro rata). */
export function lineNet(line: Pick<SaleLine, "quantity" | "restockedQuantity" | "lineTotalCents">): { units: number; revenueCents: number } {
  const units = Math.max(0, line.quantity - line.restockedQuantity);
  if (line.quantity <= 0) return { units: 0, revenueCents: 0 };
  return { units, revenueCents: units === line.quantity ? line.lineTotalCents : Math.round((line.lineTotalCents * units) / line.quantity) };
}

/**
 * The best sellers among the lines of `orders` (those paid in the range), by
 * product and by colour (SKU), net of returned units, ranked by revenue or units.
 */
export function topSellers(
  orders: readonly SaleOrder[],
  lines: readonly SaleLine[],
  range: Pick<ShopDateRange, "fromMs" | "toMs">,
  options: { rank: TopRank; limit: number },
): { products: TopRow[]; colours: TopRow[] } {
  const counted = new Set(orders.filter((o) => inRange(o.paidAt, range)).map((o) => o.id));
  const products = new Map<string, TopRow>();
  const colours = new Map<string, TopRow>();
  for (const line of lines) {
    if (!counted.has(line.orderId)) continue;
    const { units, revenueCents } = lineNet(line);
    const productKey = line.productId === null ? `name:${line.productName}` : `id:${line.productId}`;
    const p = products.get(productKey) ?? { key: productKey, productName: line.productName, colourName: null, sku: null, units: 0, revenueCents: 0 };
    p.units += units;
    p.revenueCents += revenueCents;
    products.set(productKey, p);
    const c = colours.get(line.sku) ?? { key: line.sku, productName: line.productName, colourName: line.colourName, sku: line.sku, units: 0, revenueCents: 0 };
    c.units += units;
    c.revenueCents += revenueCents;
    colours.set(line.sku, c);
  }
  const order = (a: TopRow, b: TopRow) =>
    options.rank === "units"
      ? b.units - a.units || b.revenueCents - a.revenueCents || a.key.localeCompare(b.key)
      : b.revenueCents - a.revenueCents || b.units - a.units || a.key.localeCompare(b.key);
  const top = (rows: Iterable<TopRow>) => [...rows].filter((r) => r.units > 0 || r.revenueCents > 0).sort(order).slice(0, options.limit);
  return { products: top(products.values()), colours: top(colours.values()) };
}

export interface Change {
  current: number;
  previous: number;
  delta: number;
  /** Relative change (0.25 = +25 %); null when the previous figure was 0. */
  ratio: number | null;
}

export const COMPARED: readonly (keyof SalesTotals)[] = [
  "grossCents",
  "discountCents",
  "refundCents",
  "netCents",
  "shippingCents",
  "taxCents",
  "totalCents",
  "orders",
  "averageOrderCents",
];

/** Each figure against the previous period's. */
export function compareTotals(current: SalesTotals, previous: SalesTotals): Record<keyof SalesTotals, Change> {
  const out = {} as Record<keyof SalesTotals, Change>;
  for (const k of COMPARED) {
    const c = current[k];
    const p = previous[k];
    out[k] = { current: c, previous: p, delta: c - p, ratio: p === 0 ? null : (c - p) / Math.abs(p) };
  }
  return out;
}

/** "+25.0 %", "−3.1 %", "new" (from nothing), "±0 %". */
export function formatChange(change: Change): string {
  if (change.ratio === null) return change.current === 0 ? "±0 %" : "new";
  if (change.delta === 0) return "±0 %";
  const pct = (Math.round(Math.abs(change.ratio) * 1000) / 10).toFixed(1);
  return `${change.delta > 0 ? "+" : "−"}${pct} %`;
}

/** A sensible grain for a range of `days`: days up to a month, weeks up to ~4 months, then months. */
export function defaultGrain(days: number): Grain {
  if (days <= 31) return "day";
  if (days <= 120) return "week";
  return "month";
}

/** A round top for a money axis (cents): 1, 2 or 5 × a power of ten dollars, at least $10. */
export function niceCeilingCents(maxCents: number): number {
  let step = 1000;
  while (true) {
    for (const m of [1, 2, 5]) if (m * step >= maxCents) return m * step;
    step *= 10;
  }
}
