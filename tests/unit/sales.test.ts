import { describe, expect, it } from "vitest";
import { compareTotals, formatChange, lineNet, salesBuckets, salesTotals, topSellers, type SaleLine, type SaleOrder, type SaleRefund } from "~/domain/sales";
import { shopDateRange } from "~/domain/shop-time";

const day = (d: number, h = 12) => Date.UTC(2026, 2, d, h);
const order = (id: number, paidAt: number, subtotal: number, discount = 0, shipping = 0, tax = 0): SaleOrder => ({
  id,
  paidAt,
  subtotalCents: subtotal,
  discountCents: discount,
  shippingCents: shipping,
  taxCents: tax,
});

const orders = [order(1, day(2), 10_000, 1_000, 800), order(2, day(3), 5_000, 0, 0, 400), order(3, day(9), 2_000), order(4, day(20), 99_999)];
const refunds: SaleRefund[] = [
  { orderId: 1, amountCents: 2_000, createdAt: day(4) },
  { orderId: 9, amountCents: 500, createdAt: day(1) }, // an older order refunded in the range
  { orderId: 4, amountCents: 1, createdAt: day(21) }, // outside
];

describe("sales figures", () => {
  const range = shopDateRange("2026-03-01", "2026-03-10", "UTC");

  it("totals orders paid and refunds made in the range, net of refunds", () => {
    expect(salesTotals(orders, refunds, range)).toEqual({
      orders: 3,
      grossCents: 17_000,
      discountCents: 1_000,
      refundCents: 2_500,
      netCents: 13_500,
      shippingCents: 800,
      taxCents: 400,
      totalCents: 14_700,
      averageOrderCents: 4_500,
    });
  });

  it("buckets by day and week in the shop's zone, empty buckets included", () => {
    const byDay = salesBuckets(orders, refunds, range, "day", "UTC");
    expect(byDay).toHaveLength(10);
    expect(byDay[0]).toMatchObject({ key: "2026-03-01", orders: 0, refundCents: 500, netCents: -500 });
    expect(byDay[1]).toMatchObject({ key: "2026-03-02", orders: 1, netCents: 9_000 });
    const byWeek = salesBuckets(orders, refunds, range, "week", "UTC");
    expect(byWeek.map((b) => [b.key, b.orders, b.netCents])).toEqual([
      ["2026-02-23", 0, -500],
      ["2026-03-02", 2, 12_000],
      ["2026-03-09", 1, 2_000],
    ]);
    // 02:00 UTC on the 3rd is still the 2nd in New York.
    const ny = shopDateRange("2026-03-01", "2026-03-10", "America/New_York");
    const early = salesBuckets([order(5, Date.UTC(2026, 2, 3, 2), 100)], [], ny, "day", "America/New_York");
    expect(early.find((b) => b.orders === 1)!.key).toBe("2026-03-02");
  });

  it("ranks products and colours by revenue or units, less units put back", () => {
    const line = (orderId: number, productId: number, sku: string, quantity: number, total: number, restocked = 0): SaleLine => ({
      orderId,
      productId,
      productName: `P${productId}`,
      colourName: sku,
      sku,
      quantity,
      restockedQuantity: restocked,
      lineTotalCents: total,
    });
    const lines = [line(1, 1, "A", 2, 8_000, 1), line(1, 2, "B", 1, 2_000), line(2, 2, "C", 3, 5_000), line(4, 3, "D", 9, 99_999)];
    const byRevenue = topSellers(orders, lines, range, { rank: "revenue", limit: 10 });
    expect(byRevenue.products.map((p) => [p.productName, p.units, p.revenueCents])).toEqual([
      ["P2", 4, 7_000],
      ["P1", 1, 4_000],
    ]);
    expect(byRevenue.colours.map((c) => c.sku)).toEqual(["C", "A", "B"]);
    expect(topSellers(orders, lines, range, { rank: "units", limit: 1 }).colours.map((c) => c.sku)).toEqual(["C"]);
    expect(lineNet({ quantity: 3, restockedQuantity: 1, lineTotalCents: 1_000 })).toEqual({ units: 2, revenueCents: 667 });
  });

  it("compares with the previous period", () => {
    const now = salesTotals(orders, refunds, range);
    const before = salesTotals([order(7, day(1) - 5 * 86_400_000, 6_750)], [], shopDateRange("2026-02-19", "2026-02-28", "UTC"));
    const change = compareTotals(now, before);
    expect(change.netCents).toEqual({ current: 13_500, previous: 6_750, delta: 6_750, ratio: 1 });
    expect(formatChange(change.netCents)).toBe("+100.0 %");
    expect(formatChange(change.taxCents)).toBe("new");
    expect(formatChange({ current: 0, previous: 0, delta: 0, ratio: null })).toBe("±0 %");
    expect(formatChange({ current: 90, previous: 100, delta: -10, ratio: -0.1 })).toBe("−10.0 %");
  });
});
