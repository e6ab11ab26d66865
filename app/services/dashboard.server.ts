// The back-office dashboard's figures for a date range: suggestions shown and
// taken (overall, per offer, per placement), attach rate (overall and weekly),
// order value with and without a micro bag, add-on revenue, the holdout
// comparison, and stock: low SKUs and bundles each micro bag can still serve.
// Five queries whatever the volume: events are counted in SQL, the range's paid
// orders and their lines are read in two, offers in one; the catalog is cached.
import { bundleCapacity, lowStockVariants, overallAddRate, placementRows, type DateRange } from "~/domain/dashboard";
import {
  addonRevenueCents,
  addRates,
  attachRate,
  attachRateByWeek,
  averageOrderValue,
  holdoutComparison,
} from "~/domain/upsell-metrics";
import { getCatalog } from "~/models/catalog.server";
import { listOfferRows } from "~/models/offers.server";
import { listOrderRecords } from "~/models/orders.server";
import { getHoldoutPercent } from "~/models/settings.server";
import { countSuggestionEvents } from "~/models/suggestions.server";

const PLACEMENT_LABELS: Record<string, string> = {
  product_page: "Tote page",
  cart: "Cart",
  micro_page: "Micro bag page",
  after_payment: "After payment",
};

export function dashboardFigures(range: DateRange) {
  const tallies = countSuggestionEvents(range.fromMs, range.toMs);
  const orders = listOrderRecords(range.fromMs, range.toMs);
  const offerNames = new Map(listOfferRows().map((o) => [o.id, o.name]));
  const catalog = getCatalog();

  const overall = overallAddRate(tallies);
  const attach = attachRate(orders);
  const aov = averageOrderValue(orders);
  const holdout = holdoutComparison(orders);
  const weeks = attachRateByWeek(orders, range.fromMs, range.toMs);

  return {
    suggestions: {
      overall: { impressions: overall.impressions, adds: overall.adds, addRate: overall.addRate },
      byPlacement: placementRows(tallies).map((r) => ({ ...r, label: PLACEMENT_LABELS[r.key] ?? r.key })),
      byOffer: addRates(tallies, "offer").map((r) => ({
        ...r,
        label: r.key === null ? "No offer (regular price)" : (offerNames.get(r.key) ?? `Offer #${r.key} (deleted)`),
      })),
    },
    orders: {
      paidOrders: orders.length,
      attach,
      withAddon: aov.withAddon,
      withoutAddon: aov.withoutAddon,
      addonRevenueCents: addonRevenueCents(orders),
    },
    holdout: {
      percentNow: getHoldoutPercent(),
      shown: holdout.shown,
      heldOut: holdout.holdout,
      differenceCents: holdout.differenceCents,
      /** Whether there is anything to compare: held-out orders in the range. */
      exists: holdout.holdout.count > 0,
    },
    weeks,
    stock: {
      low: lowStockVariants(catalog.products),
      bundles: bundleCapacity(catalog.products),
    },
  };
}

export type DashboardFigures = ReturnType<typeof dashboardFigures>;
