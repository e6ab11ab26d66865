// The upsell figures, as pure functions over plain records (the models layer
// loads them). Conventions:
// - Only orders that were paid count: status "paid" or "partially_refunded".
// - An order "has a tote" / "has a micro bag" when a line of that kind has a
//   positive quantity. An add-on order is a counted order with both.
// - Money is the order's totalCents (what was charged, before any refund);
//   averages are rounded to whole cents.
// - Rates are 0–1, and 0 when there is nothing to divide by.

export interface SuggestionEventRecord {
  type: "impression" | "add";
  placement: string;
  offerId: number | null;
  toteProductId: number | null;
  microProductId: number;
  cartId: string | null;
  createdAt: number;
}

/**
 * One event, or (with `count`) that many events alike, as the database counts
 * them grouped by type, placement and offer.
 */
export type EventTally = Pick<SuggestionEventRecord, "type" | "placement" | "offerId"> & { count?: number };

export interface OrderLineRecord {
  productKind: string;
  productId: number | null;
  quantity: number;
  lineTotalCents: number;
  discountCents: number;
  offerId: number | null;
}

export interface OrderRecord {
  id: number;
  status: string;
  createdAt: number;
  totalCents: number;
  cartId: string | null;
  /** Whether the order's cart was in the holdout (shown no suggestions). */
  inHoldout: boolean;
  lines: OrderLineRecord[];
}

export const COUNTED_STATUSES: readonly string[] = ["paid", "partially_refunded"];

export interface Average {
  count: number;
  averageCents: number;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, 0 when the denominator is 0. */
  rate: number;
}

export function isCountedOrder(order: Pick<OrderRecord, "status">): boolean {
  return COUNTED_STATUSES.includes(order.status);
}

function hasKind(order: OrderRecord, kind: string): boolean {
  return order.lines.some((l) => l.productKind === kind && l.quantity > 0);
}

export const hasTote = (order: OrderRecord) => hasKind(order, "tote");
export const hasMicro = (order: OrderRecord) => hasKind(order, "micro");

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

function average(values: number[]): Average {
  const total = values.reduce((s, v) => s + v, 0);
  return { count: values.length, averageCents: values.length > 0 ? Math.round(total / values.length) : 0 };
}

// ---------------------------------------------------------------- suggestions

export interface AddRateRow<K> {
  /** The placement, or the offer id (null: suggestions shown without an offer). */
  key: K;
  impressions: number;
  adds: number;
  /** adds / impressions, capped at 1; 0 without impressions. */
  addRate: number;
}

const PLACEMENT_ORDER = ["product_page", "cart", "micro_page"];

/**
 * Impressions, adds and add rate per placement or per offer. Placements come
 * in the order product page, cart, micro page (then any other, A–Z); offers by
 * id, with "no offer" (null) last.
 */
export function addRates(events: readonly EventTally[], by: "placement"): AddRateRow<string>[];
export function addRates(events: readonly EventTally[], by: "offer"): AddRateRow<number | null>[];
export function addRates(events: readonly EventTally[], by: "placement" | "offer"): AddRateRow<string>[] | AddRateRow<number | null>[] {
  const rows = new Map<string | number | null, { impressions: number; adds: number }>();
  for (const e of events) {
    const key = by === "placement" ? e.placement : e.offerId;
    const row = rows.get(key) ?? { impressions: 0, adds: 0 };
    const n = e.count ?? 1;
    if (e.type === "impression") row.impressions += n;
    else if (e.type === "add") row.adds += n;
    rows.set(key, row);
  }
  const out = [...rows].map(([key, r]) => ({ key, ...r, addRate: Math.min(1, ratio(r.adds, r.impressions)) }));
  if (by === "placement") {
    const rank = (k: string) => {
      const i = PLACEMENT_ORDER.indexOf(k);
      return i === -1 ? PLACEMENT_ORDER.length : i;
    };
    return (out as AddRateRow<string>[]).sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  }
  return (out as AddRateRow<number | null>[]).sort((a, b) =>
    a.key === null ? (b.key === null ? 0 : 1) : b.key === null ? -1 : a.key - b.key,
  );
}

// ---------------------------------------------------------------- orders

/** Of the paid orders with a tote, the share that also have a micro bag. */
export function attachRate(orders: readonly OrderRecord[]): Rate {
  const toteOrders = orders.filter((o) => isCountedOrder(o) && hasTote(o));
  const numerator = toteOrders.filter(hasMicro).length;
  return { numerator, denominator: toteOrders.length, rate: ratio(numerator, toteOrders.length) };
}

/** Average value of paid tote orders with a micro-bag add-on, and of those without. */
export function averageOrderValue(orders: readonly OrderRecord[]): { withAddon: Average; withoutAddon: Average } {
  const toteOrders = orders.filter((o) => isCountedOrder(o) && hasTote(o));
  return {
    withAddon: average(toteOrders.filter(hasMicro).map((o) => o.totalCents)),
    withoutAddon: average(toteOrders.filter((o) => !hasMicro(o)).map((o) => o.totalCents)),
  };
}

/** Revenue from micro bags bought together with a tote (line totals, after bundle discounts), in paid orders. */
export function addonRevenueCents(orders: readonly OrderRecord[]): number {
  let total = 0;
  for (const o of orders) {
    if (!isCountedOrder(o) || !hasTote(o)) continue;
    for (const l of o.lines) if (l.productKind === "micro" && l.quantity > 0) total += l.lineTotalCents;
  }
  return total;
}

/**
 * Average paid order value of carts shown suggestions against carts held out.
 * Orders without a cart id cannot be assigned and are left out.
 * differenceCents = shown − holdout (0 when either side has no orders).
 */
export function holdoutComparison(orders: readonly OrderRecord[]): {
  shown: Average;
  holdout: Average;
  differenceCents: number;
} {
  const counted = orders.filter((o) => isCountedOrder(o) && o.cartId !== null);
  const shown = average(counted.filter((o) => !o.inHoldout).map((o) => o.totalCents));
  const holdout = average(counted.filter((o) => o.inHoldout).map((o) => o.totalCents));
  const differenceCents = shown.count > 0 && holdout.count > 0 ? shown.averageCents - holdout.averageCents : 0;
  return { shown, holdout, differenceCents };
}

const DAY = 24 * 60 * 60 * 1000;

/** Monday 00:00 UTC of the week holding `ms`. */
export function weekStartUtc(ms: number): number {
  const day = Math.floor(ms / DAY);
  // 1 January 1970 was a Thursday: day 0 is 3 days after a Monday.
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - sinceMonday) * DAY;
}

export interface WeeklyAttachRate {
  /** Monday 00:00 UTC, epoch ms. */
  weekStart: number;
  rate: number;
  /** Paid orders with a tote that week. */
  orders: number;
  /** Of those, with a micro bag too. */
  attached: number;
}

/**
 * The attach rate week by week, for orders created in [from, to): one row per
 * week (Monday to Monday, UTC) that overlaps the period, empty weeks included.
 */
export function attachRateByWeek(orders: readonly OrderRecord[], from: number, to: number): WeeklyAttachRate[] {
  if (!(to > from)) return [];
  const rows = new Map<number, WeeklyAttachRate>();
  for (let week = weekStartUtc(from); week < to; week += 7 * DAY) {
    rows.set(week, { weekStart: week, rate: 0, orders: 0, attached: 0 });
  }
  for (const o of orders) {
    if (o.createdAt < from || o.createdAt >= to || !isCountedOrder(o) || !hasTote(o)) continue;
    const row = rows.get(weekStartUtc(o.createdAt))!;
    row.orders++;
    if (hasMicro(o)) row.attached++;
  }
  return [...rows.values()].map((r) => ({ ...r, rate: ratio(r.attached, r.orders) }));
}
