import { describe, expect, it } from "vitest";
import {
  addonRevenueCents,
  addRates,
  attachRate,
  attachRateByWeek,
  averageOrderValue,
  holdoutComparison,
  weekStartUtc,
  type OrderLineRecord,
  type OrderRecord,
  type SuggestionEventRecord,
} from "~/domain/upsell-metrics";

const DAY = 86_400_000;
const W1 = Date.UTC(2026, 0, 5); // a Monday
const W2 = W1 + 7 * DAY;
const W3 = W2 + 7 * DAY;

const toteLine = (lineTotalCents: number): OrderLineRecord => ({
  productKind: "tote",
  productId: 1,
  quantity: 1,
  lineTotalCents,
  discountCents: 0,
  offerId: null,
});
const microLine = (lineTotalCents: number, quantity = 1, discountCents = 0): OrderLineRecord => ({
  productKind: "micro",
  productId: 10,
  quantity,
  lineTotalCents,
  discountCents,
  offerId: discountCents > 0 ? 1 : null,
});

function order(id: number, status: string, createdAt: number, lines: OrderLineRecord[], cartId: string | null, inHoldout = false): OrderRecord {
  return { id, status, createdAt, lines, cartId, inHoldout, totalCents: lines.reduce((s, l) => s + l.lineTotalCents, 0) };
}

// A small history. Counted (paid / partially refunded) tote orders: 1, 2, 3, 7, 8, 9, 10;
// with a micro bag: 1, 3, 8, 10.
const ORDERS: OrderRecord[] = [
  order(1, "paid", W1 + DAY, [toteLine(12000), microLine(3825, 1, 675)], "c1"), // 15825
  order(2, "paid", W1 + 2 * DAY, [toteLine(18500)], "c2"), // 18500
  order(3, "partially_refunded", W2, [toteLine(12000), microLine(9350, 2, 1650)], "c3", true), // 21350
  order(4, "refunded", W2 + DAY, [toteLine(12000), microLine(3825)], "c4"),
  order(5, "pending", W2 + DAY, [toteLine(12000), microLine(3825)], "c5"),
  order(6, "paid", W2 + 3 * DAY, [microLine(4500)], "c6"), // 4500, no tote
  order(7, "paid", W3 + 7 * DAY - 1, [toteLine(9500)], null), // 9500, last ms of week 3
  order(8, "paid", W1 - 1, [toteLine(12100), microLine(3900)], "c8"), // 16000, the Sunday before
  order(9, "paid", W2 + 2 * DAY, [toteLine(12000)], "c9", true), // 12000
  order(10, "paid", W2 + DAY, [toteLine(16500), microLine(3315, 1, 585)], "c10"), // 19815
  order(11, "payment_failed", W1, [toteLine(12000)], "c11"),
];

describe("order figures", () => {
  it("attach rate: paid tote orders that also have a micro bag", () => {
    expect(attachRate(ORDERS)).toEqual({ numerator: 4, denominator: 7, rate: 4 / 7 });
    expect(attachRate([])).toEqual({ numerator: 0, denominator: 0, rate: 0 });
  });

  it("average order value with and without an add-on, in whole cents", () => {
    expect(averageOrderValue(ORDERS)).toEqual({
      withAddon: { count: 4, averageCents: 18248 }, // (15825 + 21350 + 16000 + 19815) / 4 = 18247.5
      withoutAddon: { count: 3, averageCents: 13333 }, // (18500 + 9500 + 12000) / 3 = 13333.33
    });
    expect(averageOrderValue([])).toEqual({ withAddon: { count: 0, averageCents: 0 }, withoutAddon: { count: 0, averageCents: 0 } });
  });

  it("add-on revenue: micro-bag line totals in paid orders with a tote", () => {
    expect(addonRevenueCents(ORDERS)).toBe(3825 + 9350 + 3900 + 3315);
  });

  it("holdout comparison: orders of carts shown suggestions against held-out carts", () => {
    expect(holdoutComparison(ORDERS)).toEqual({
      shown: { count: 5, averageCents: 14928 }, // (15825 + 18500 + 4500 + 16000 + 19815) / 5
      holdout: { count: 2, averageCents: 16675 }, // (21350 + 12000) / 2
      differenceCents: 14928 - 16675,
    });
    const onlyShown = holdoutComparison(ORDERS.filter((o) => !o.inHoldout));
    expect(onlyShown.holdout).toEqual({ count: 0, averageCents: 0 });
    expect(onlyShown.differenceCents).toBe(0);
  });

  it("attach rate by week, Monday to Monday UTC, empty weeks included", () => {
    expect(attachRateByWeek(ORDERS, W1, W3 + 7 * DAY)).toEqual([
      { weekStart: W1, orders: 2, attached: 1, rate: 0.5 },
      { weekStart: W2, orders: 3, attached: 2, rate: 2 / 3 },
      { weekStart: W3, orders: 1, attached: 0, rate: 0 },
    ]);
    // A period starting mid-week still gets that whole week's row, but only orders in the period.
    expect(attachRateByWeek(ORDERS, W1 + 2 * DAY, W2)).toEqual([{ weekStart: W1, orders: 1, attached: 0, rate: 0 }]);
    // The end is exclusive; an empty period has no rows.
    expect(attachRateByWeek(ORDERS, W3, W3 + 7 * DAY - 1)).toEqual([{ weekStart: W3, orders: 0, attached: 0, rate: 0 }]);
    expect(attachRateByWeek(ORDERS, W2, W2)).toEqual([]);
    const quiet = attachRateByWeek([], W1, W3 + DAY);
    expect(quiet.map((r) => r.weekStart)).toEqual([W1, W2, W3]);
  });

  it("finds the Monday of a week", () => {
    expect(weekStartUtc(W1)).toBe(W1);
    expect(weekStartUtc(W1 + 7 * DAY - 1)).toBe(W1);
    expect(weekStartUtc(W1 - 1)).toBe(W1 - 7 * DAY);
    expect(weekStartUtc(0)).toBe(-3 * DAY); // 1 Jan 1970 was a Thursday
    expect(new Date(weekStartUtc(Date.UTC(2026, 10, 15, 13))).toISOString()).toBe("2026-11-09T00:00:00.000Z");
  });
});

describe("addRates", () => {
  const event = (type: "impression" | "add", placement: string, offerId: number | null): SuggestionEventRecord => ({
    type,
    placement,
    offerId,
    toteProductId: 1,
    microProductId: 10,
    cartId: "c",
    createdAt: W1,
  });
  const EVENTS = [
    event("impression", "product_page", 1),
    event("impression", "product_page", 1),
    event("impression", "product_page", 1),
    event("impression", "product_page", null),
    event("add", "product_page", 1),
    event("impression", "cart", 1),
    event("impression", "cart", null),
    event("add", "cart", 1),
    event("add", "cart", null),
    event("add", "micro_page", null), // an add with no impression recorded
    event("impression", "cart", 2),
  ];

  it("per placement", () => {
    expect(addRates(EVENTS, "placement")).toEqual([
      { key: "product_page", impressions: 4, adds: 1, addRate: 0.25 },
      { key: "cart", impressions: 3, adds: 2, addRate: 2 / 3 },
      { key: "micro_page", impressions: 0, adds: 1, addRate: 0 },
    ]);
  });

  it("per offer, no offer last, rates capped at 1", () => {
    expect(addRates(EVENTS, "offer")).toEqual([
      { key: 1, impressions: 4, adds: 2, addRate: 0.5 },
      { key: 2, impressions: 1, adds: 0, addRate: 0 },
      { key: null, impressions: 2, adds: 2, addRate: 1 },
    ]);
    expect(addRates([event("impression", "cart", 3), event("add", "cart", 3), event("add", "cart", 3)], "offer")).toEqual([
      { key: 3, impressions: 1, adds: 2, addRate: 1 },
    ]);
    expect(addRates([], "placement")).toEqual([]);
  });
});
