// The sales report for a range and the same number of days before it: one
// read of the rows for both periods (three queries), then the pure figures.
import { compareTotals, salesBuckets, salesTotals, topSellers, type TopRank } from "~/domain/sales";
import { previousRange, type Grain, type ShopDateRange } from "~/domain/shop-time";
import { salesRows } from "~/models/sales.server";

export const TOP_LIMIT = 10;

export function salesReport(range: ShopDateRange, grain: Grain, rank: TopRank, timeZone: string) {
  const previous = previousRange(range, timeZone);
  const rows = salesRows(previous.fromMs, range.toMs);
  const totals = salesTotals(rows.orders, rows.refunds, range);
  const previousTotals = salesTotals(rows.orders, rows.refunds, previous);
  return {
    totals,
    previous: { from: previous.from, to: previous.to, totals: previousTotals },
    changes: compareTotals(totals, previousTotals),
    buckets: salesBuckets(rows.orders, rows.refunds, range, grain, timeZone),
    top: topSellers(rows.orders, rows.lines, range, { rank, limit: TOP_LIMIT }),
  };
}
