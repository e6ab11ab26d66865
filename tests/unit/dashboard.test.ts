import { describe, expect, it } from "vitest";
import type { CatalogProduct, CatalogVariant } from "~/domain/catalog";
import {
  bundleCapacity,
  defaultDateRange,
  lowStockVariants,
  overallAddRate,
  parseDateRange,
  parseIsoDay,
} from "~/domain/dashboard";
import type { SuggestionEventRecord } from "~/domain/upsell-metrics";

const NOW = Date.UTC(2026, 2, 15, 13, 30); // 2026-03-15 13:30 UTC

describe("date range", () => {
  it("defaults to the last 30 days, today included", () => {
    expect(defaultDateRange(NOW)).toEqual({
      from: "2026-02-14",
      to: "2026-03-15",
      fromMs: Date.UTC(2026, 1, 14),
      toMs: Date.UTC(2026, 2, 16),
      days: 30,
    });
    expect(parseDateRange({}, NOW)).toEqual({ ok: true, range: defaultDateRange(NOW) });
  });

  it("reads from and to as whole UTC days, to inclusive", () => {
    expect(parseDateRange({ from: "2026-01-01", to: "2026-01-31" }, NOW)).toEqual({
      ok: true,
      range: { from: "2026-01-01", to: "2026-01-31", fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 1, 1), days: 31 },
    });
    expect(parseDateRange({ from: "2026-01-05", to: "2026-01-05" }, NOW)).toMatchObject({ ok: true, range: { days: 1 } });
    // Only `to`: the 30 days up to it.
    expect(parseDateRange({ to: "2026-01-30" }, NOW)).toMatchObject({ ok: true, range: { from: "2026-01-01", to: "2026-01-30" } });
    // Only `from`: up to today.
    expect(parseDateRange({ from: "2026-03-01", to: "" }, NOW)).toMatchObject({ ok: true, range: { from: "2026-03-01", to: "2026-03-15", days: 15 } });
  });

  it("gives field messages for dates it cannot use", () => {
    expect(parseDateRange({ from: "2026-02-30", to: "2026-03-01" }, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { from: "Enter the first day as a date, like 2026-03-01." },
      values: { from: "2026-02-30", to: "2026-03-01" },
    });
    expect(parseDateRange({ to: "yesterday" }, NOW)).toMatchObject({ ok: false, fieldErrors: { to: "Enter the last day as a date, like 2026-03-31." } });
    expect(parseDateRange({ from: "2026-03-10", to: "2026-03-01" }, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { to: "The last day can't be before the first day." },
    });
    expect(parseDateRange({ from: "2024-01-01", to: "2026-01-01" }, NOW)).toMatchObject({ ok: false, fieldErrors: { to: "Choose at most 366 days." } });
    expect(parseDateRange({ from: "2025-01-01", to: "2026-01-01" }, NOW)).toMatchObject({ ok: true, range: { days: 366 } });
  });

  it("parseIsoDay accepts only real dates", () => {
    expect(parseIsoDay("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDay("2025-02-29")).toBeNull();
    expect(parseIsoDay("2025-1-2")).toBeNull();
    expect(parseIsoDay("2025-13-01")).toBeNull();
  });
});

describe("overallAddRate", () => {
  const event = (type: "impression" | "add", placement: string, offerId: number | null): SuggestionEventRecord => ({
    type,
    placement,
    offerId,
    toteProductId: 1,
    microProductId: 2,
    cartId: "c",
    createdAt: NOW,
  });

  it("adds up every placement and offer", () => {
    const events = [
      event("impression", "product_page", 1),
      event("impression", "cart", null),
      event("impression", "cart", 2),
      event("impression", "micro_page", 1),
      event("add", "cart", 2),
    ];
    expect(overallAddRate(events)).toEqual({ key: "all", impressions: 4, adds: 1, addRate: 0.25 });
    expect(overallAddRate([])).toEqual({ key: "all", impressions: 0, adds: 0, addRate: 0 });
  });
});

describe("stock", () => {
  let nextId = 1;
  function variant(sku: string, available: number, lowStockThreshold = 3): CatalogVariant {
    return {
      id: nextId++,
      productId: 0,
      sku,
      colourName: sku.split("-").pop()!,
      colourHex: "#000000",
      hardware: "gold",
      priceCents: 1000,
      compareAtCents: null,
      stockOnHand: available,
      stockHeld: 0,
      available,
      lowStockThreshold,
      imageUrl: "/x.svg",
      position: 0,
    };
  }
  function product(id: number, name: string, kind: CatalogProduct["kind"], variants: CatalogVariant[], fit: Partial<CatalogProduct> = {}): CatalogProduct {
    return {
      id,
      slug: name.toLowerCase().replace(/ /g, "-"),
      name,
      kind,
      status: "active",
      description: "",
      material: "Canvas",
      widthCm: 10,
      heightCm: 10,
      depthCm: 5,
      sizeClass: "micro" as CatalogProduct["sizeClass"],
      occasions: [],
      tags: [],
      isKids: false,
      isLimited: false,
      attachment: null,
      handleWidthCm: null,
      hasStrapRing: false,
      artStyle: "x",
      featuredRank: 1,
      createdAt: 0,
      variants: variants.map((v) => ({ ...v, productId: id })),
      minPriceCents: 1000,
      available: variants.reduce((s, v) => s + v.available, 0),
      ...fit,
    };
  }

  const wideTote = product(1, "Wide Tote", "tote", [variant("TOT-W-BLACK", 10), variant("TOT-W-TAN", 2)], { handleWidthCm: 3.5 });
  const ringTote = product(2, "Ring Tote", "tote", [variant("TOT-R-RED", 4, 5)], { handleWidthCm: 3.5, hasStrapRing: true });
  const clasp = product(10, "Clasp Micro", "micro", [variant("MIC-C-GOLD", 7), variant("MIC-C-PINK", 0, 2)], { attachment: "lobster_clasp" });
  const chain = product(11, "Chain Micro", "micro", [variant("MIC-H-SILVER", 30, 3)], { attachment: "chain_loop" });
  const loose = product(12, "Loose Micro", "micro", [variant("MIC-L-BLUE", 5)], { attachment: null });

  it("lists SKUs at or under their threshold, emptiest first", () => {
    expect(lowStockVariants([wideTote, ringTote, clasp, chain, loose])).toEqual([
      { sku: "MIC-C-PINK", productName: "Clasp Micro", colourName: "PINK", kind: "micro", available: 0, threshold: 2 },
      { sku: "TOT-W-TAN", productName: "Wide Tote", colourName: "TAN", kind: "tote", available: 2, threshold: 3 },
      { sku: "TOT-R-RED", productName: "Ring Tote", colourName: "RED", kind: "tote", available: 4, threshold: 5 },
    ]);
  });

  it("counts bundles per micro bag: its units against the units of the totes it fits", () => {
    // Clasp: only the ring tote (4); chain loop: both totes (16); no attachment: none.
    expect(bundleCapacity([wideTote, ringTote, clasp, chain, loose])).toEqual([
      { productId: 12, name: "Loose Micro", microAvailable: 5, totesAvailable: 0, bundles: 0 },
      { productId: 10, name: "Clasp Micro", microAvailable: 7, totesAvailable: 4, bundles: 4 },
      { productId: 11, name: "Chain Micro", microAvailable: 30, totesAvailable: 16, bundles: 16 },
    ]);
  });
});

describe("figures as shown", () => {
  it("formats rates with one decimal", async () => {
    const { formatRate } = await import("~/domain/dashboard");
    expect([0, 1 / 3, 2 / 3, 0.5, 1, Number.NaN].map(formatRate)).toEqual(["0.0 %", "33.3 %", "66.7 %", "50.0 %", "100.0 %", "0.0 %"]);
  });

  it("lists the tote page and the cart always, from counted events as from single ones", async () => {
    const { placementRows } = await import("~/domain/dashboard");
    expect(placementRows([])).toEqual([
      { key: "product_page", impressions: 0, adds: 0, addRate: 0 },
      { key: "cart", impressions: 0, adds: 0, addRate: 0 },
    ]);
    const counted = [
      { type: "impression" as const, placement: "cart", offerId: 1, count: 40 },
      { type: "add" as const, placement: "cart", offerId: 1, count: 10 },
      { type: "impression" as const, placement: "micro_page", offerId: null, count: 5 },
      { type: "impression" as const, placement: "cart", offerId: 2 },
    ];
    expect(placementRows(counted)).toEqual([
      { key: "product_page", impressions: 0, adds: 0, addRate: 0 },
      { key: "cart", impressions: 41, adds: 10, addRate: 10 / 41 },
      { key: "micro_page", impressions: 5, adds: 0, addRate: 0 },
    ]);
    expect(overallAddRate(counted)).toEqual({ key: "all", impressions: 46, adds: 10, addRate: 10 / 46 });
  });
});
