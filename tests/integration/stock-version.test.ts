// Stock has its own counter: a hold or a sale refreshes stock levels in the
// catalog snapshot without rebuilding it, and without throwing away the charm
// rankings, while "only N left" and "sold out" still change at once.
import { describe, expect, it } from "vitest";
import { stockStatus } from "~/domain/catalog";
import { catalogCounters, getCatalog } from "~/models/catalog.server";
import { charmSuggestions, rankingCounters } from "~/services/suggestions.server";
import { payOrder, pendingOrder } from "../helpers/admin";
import { db, setStock, sqlite, variantBySku } from "../helpers/db";
import * as schema from "../../db/schema";
import { eq } from "drizzle-orm";

const TOTE = "canvas-market-tote";
const MICRO_SKU = "MIC-HRT-GOLD";

function suggestions() {
  const catalog = getCatalog();
  const tote = catalog.bySlug.get(TOTE)!;
  return charmSuggestions({ tote, toteVariant: tote.variants[0]!, cartId: null, inCartProductIds: new Set(), catalog });
}

describe("stock apart from the catalog", () => {
  it("a checkout's hold and its sale refresh stock without rebuilding the catalog or the rankings", async () => {
    setStock(MICRO_SKU, 10);
    const ranked = suggestions();
    const rebuilds = catalogCounters.rebuilds;
    const rankingRebuilds = rankingCounters.rebuilds;
    const before = getCatalog();
    expect(before.variantsBySku.get(MICRO_SKU)!.available).toBe(10);

    const order = await pendingOrder(MICRO_SKU, 2);
    const held = getCatalog();
    expect(held.variantsBySku.get(MICRO_SKU)!.available).toBe(8);
    expect(held.stockVersion).toBeGreaterThan(before.stockVersion);
    expect(held.version).toBe(before.version);

    payOrder(order);
    const sold = getCatalog();
    expect(variantBySku(MICRO_SKU).stockOnHand).toBe(8);
    expect(sold.variantsBySku.get(MICRO_SKU)!.available).toBe(8);

    expect(catalogCounters.rebuilds).toBe(rebuilds);
    expect(catalogCounters.stockRefreshes).toBeGreaterThan(0);
    expect(suggestions()).toBe(ranked);
    expect(rankingCounters.rebuilds).toBe(rankingRebuilds);
    // Everything the sale did not touch is the same object as before.
    const other = before.products.find((p) => !p.variants.some((v) => v.sku === MICRO_SKU))!;
    expect(sold.byId.get(other.id)).toBe(other);
    expect(sold.bySlug.get(other.slug)).toBe(other);
  });

  it("'only N left' and 'sold out' follow each sale at once, and the rankings drop a sold-out bag", async () => {
    const micro = getCatalog().variantsBySku.get(MICRO_SKU)!;
    for (const v of getCatalog().byId.get(micro.productId)!.variants) setStock(v.sku, v.sku === MICRO_SKU ? 2 : 0);
    expect(stockStatus(getCatalog().variantsBySku.get(MICRO_SKU)!).label).toBe("Only 2 left");
    const rebuilds = catalogCounters.rebuilds;

    await pendingOrder(MICRO_SKU, 1);
    expect(stockStatus(getCatalog().variantsBySku.get(MICRO_SKU)!).label).toBe("Only 1 left");
    payOrder(await pendingOrder(MICRO_SKU, 1));
    const catalog = getCatalog();
    expect(stockStatus(catalog.variantsBySku.get(MICRO_SKU)!).label).toBe("Sold out");
    expect(catalog.byId.get(micro.productId)!.available).toBe(0);
    expect(suggestions().map((s) => s.product.id)).not.toContain(micro.productId);
    expect(catalogCounters.rebuilds).toBe(rebuilds);
  });

  it("a price change still rebuilds the catalog", () => {
    const rebuilds = catalogCounters.rebuilds;
    const stockVersion = getCatalog().stockVersion;
    db.update(schema.variants).set({ priceCents: 5151 }).where(eq(schema.variants.sku, MICRO_SKU)).run();
    const catalog = getCatalog();
    expect(catalog.variantsBySku.get(MICRO_SKU)!.priceCents).toBe(5151);
    expect(catalogCounters.rebuilds).toBe(rebuilds + 1);
    expect(catalog.stockVersion).toBe(stockVersion);
  });

  it("every column of variants but stock and timestamps moves the catalog counter (a new column must be named in the trigger)", () => {
    const trigger = (sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'variants_bump_catalog_update'").get() as { sql: string }).sql;
    const columns = (sqlite.prepare("PRAGMA table_info(variants)").all() as { name: string }[]).map((c) => c.name);
    for (const column of columns) {
      if (["id", "stock_on_hand", "stock_held", "created_at", "updated_at"].includes(column)) continue;
      expect(trigger, column).toContain(`OLD.${column} IS NOT NEW.${column}`);
    }
    expect(trigger).not.toContain("stock_on_hand");
  });
});
