// The back-office dashboard's own rules: the date range it reports on, the
// overall add rate, which SKUs run low and how many more bundles each micro
// bag's stock can serve. Pure: plain data in, plain data out. The upsell
// figures themselves come from ./upsell-metrics.
import { z } from "zod";
import type { FieldErrors } from "../web/forms";
import type { CatalogProduct } from "./catalog";
import { charmFits } from "./fit";
import { addDays, daysBetween, parseDay, shopDateRange, shopDay } from "./shop-time";
import { addRates, type AddRateRow, type EventTally } from "./upsell-metrics";

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;

/** Epoch ms to "YYYY-MM-DD" (UTC). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" (a real date) to its midnight UTC in epoch ms, or null. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms;
}

export interface DateRange {
  /** As shown in the form, inclusive days. */
  from: string;
  to: string;
  /** Epoch ms: [fromMs, toMs), toMs being the midnight after `to`. */
  fromMs: number;
  toMs: number;
  days: number;
}

/** The last 30 days, today included: shop days in `timeZone` (SHOP_TIMEZONE; UTC by default). */
export function defaultDateRange(now: number, timeZone = "UTC"): DateRange {
  const to = shopDay(now, timeZone);
  return shopDateRange(addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to, timeZone);
}

const dayField = z.string().max(40).optional();
const rangeFieldsSchema = z.strictObject({ from: dayField, to: dayField });

export type DateRangeResult =
  | { ok: true; range: DateRange }
  | { ok: false; message: string; fieldErrors: FieldErrors; values: { from: string; to: string } };

/**
 * The dashboard's `from` and `to` (inclusive shop days in `timeZone`: a day
 * runs from the shop's midnight to the next, 23 or 25 hours on a change of
 * clocks). A missing one takes its default: `to` today, `from` 29 days before `to`.
 */
export function parseDateRange(fields: Record<string, string>, now: number, timeZone = "UTC"): DateRangeResult {
  const values = { from: (fields.from ?? "").slice(0, 40), to: (fields.to ?? "").slice(0, 40) };
  const fail = (fieldErrors: FieldErrors): DateRangeResult => ({
    ok: false,
    message: fieldErrors._form ?? Object.values(fieldErrors)[0]!,
    fieldErrors,
    values,
  });
  const parsed = rangeFieldsSchema.safeParse(fields);
  if (!parsed.success) return fail({ _form: "Choose the dates with the form." });

  const errors: FieldErrors = {};
  const fromText = (parsed.data.from ?? "").trim();
  const toText = (parsed.data.to ?? "").trim();
  const toDay = toText === "" ? shopDay(now, timeZone) : parseDay(toText) ? toText : null;
  if (toDay === null) errors.to = "Enter the last day as a date, like 2026-03-31.";
  const fromDay = fromText === "" ? (toDay === null ? null : addDays(toDay, -(DEFAULT_RANGE_DAYS - 1))) : parseDay(fromText) ? fromText : null;
  if (fromDay === null && fromText !== "") errors.from = "Enter the first day as a date, like 2026-03-01.";
  if (fromDay !== null && toDay !== null) {
    if (fromDay > toDay) errors.to = "The last day can't be before the first day.";
    else if (daysBetween(fromDay, toDay) + 1 > MAX_RANGE_DAYS) errors.to = `Choose at most ${MAX_RANGE_DAYS} days.`;
  }
  if (Object.keys(errors).length > 0 || fromDay === null || toDay === null) return fail(errors);
  return { ok: true, range: shopDateRange(fromDay, toDay, timeZone) };
}

/** Impressions, adds and add rate over every placement and offer. */
export function overallAddRate(events: readonly EventTally[]): AddRateRow<string> {
  const [row] = addRates(
    events.map((e) => ({ ...e, placement: "all" })),
    "placement",
  );
  return row ?? { key: "all", impressions: 0, adds: 0, addRate: 0 };
}

/** A rate (0–1) as a percentage with one decimal: "42.9 %". */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return "0.0 %";
  return `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}

/**
 * Per placement, with the product page and the cart always listed (at zero
 * when nothing was shown there), then any other placement that had events.
 */
export function placementRows(events: readonly EventTally[]): AddRateRow<string>[] {
  const rows = addRates(events, "placement");
  const always = ["product_page", "cart"];
  const missing = always.filter((p) => !rows.some((r) => r.key === p)).map((key) => ({ key, impressions: 0, adds: 0, addRate: 0 }));
  const order = (k: string) => (always.indexOf(k) === -1 ? always.length : always.indexOf(k));
  return [...rows, ...missing].sort((a, b) => order(a.key) - order(b.key));
}

// ---------------------------------------------------------------- stock

export interface LowStockRow {
  sku: string;
  productName: string;
  colourName: string;
  kind: string;
  available: number;
  threshold: number;
}

/** Variants whose sellable stock is at or under their low-stock threshold, emptiest first. */
export function lowStockVariants(products: readonly CatalogProduct[]): LowStockRow[] {
  const rows: LowStockRow[] = [];
  for (const p of products) {
    for (const v of p.variants) {
      if (v.available > v.lowStockThreshold) continue;
      rows.push({ sku: v.sku, productName: p.name, colourName: v.colourName, kind: p.kind, available: v.available, threshold: v.lowStockThreshold });
    }
  }
  return rows.sort((a, b) => a.available - b.available || a.sku.localeCompare(b.sku));
}

export interface BundleCapacityRow {
  productId: number;
  name: string;
  /** Units of this micro bag that can still be sold, all colours. */
  microAvailable: number;
  /** Units of the totes this micro bag clips onto that can still be sold. */
  totesAvailable: number;
  /** How many more tote + micro bag bundles the stock can make. */
  bundles: number;
}

/**
 * For each micro bag: its sellable units, the sellable units of the totes it
 * fits (charmFits), and so how many more bundles of one tote and one micro bag
 * the shop can sell. Scarcest first.
 */
export function bundleCapacity(products: readonly CatalogProduct[]): BundleCapacityRow[] {
  const totes = products.filter((p) => p.kind === "tote");
  return products
    .filter((p) => p.kind === "micro")
    .map((micro) => {
      const totesAvailable = totes.filter((t) => charmFits(micro, t).fits).reduce((sum, t) => sum + t.available, 0);
      return {
        productId: micro.id,
        name: micro.name,
        microAvailable: micro.available,
        totesAvailable,
        bundles: Math.min(micro.available, totesAvailable),
      };
    })
    .sort((a, b) => a.bundles - b.bundles || a.name.localeCompare(b.name));
}
